//! Cermin: self-hosted employee self-evaluation and feedback.
//!
//! Dependencies flow one way: `web` → `auth`, `db` → `domain`.

pub mod accounts;
pub mod auth;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod startup;
pub mod web;
