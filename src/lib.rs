//! Cermin: self-hosted employee self-evaluation and feedback.
//!
//! Dependencies flow one way: `web` → `app` (commands) → `db`, `mail` →
//! `domain`. A handler parses, calls one command (or one read), and renders.

#![cfg_attr(test, allow(clippy::expect_used, clippy::unwrap_used))]

pub mod app;
pub mod auth;
pub mod backup;
/// `cermin bench`, built only with `--features bench`.
#[cfg(feature = "bench")]
pub mod bench;
pub mod config;
pub mod db;
pub mod defaults;
pub mod demo;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod mail;
pub mod maintenance;
pub mod startup;
pub mod templating;
pub mod web;
