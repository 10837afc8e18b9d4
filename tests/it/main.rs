//! Cermin's integration tests: one binary, a file per feature. Every test
//! talks HTTP to a real server over a real database.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod helpers;

mod a11y;
mod auth;
mod authz;
mod backup;
mod browser;
mod calibration;
mod cli;
mod comment_visibility;
mod csrf;
mod cycles;
mod edge;
mod exports;
mod faults;
mod form_templates;
mod headers;
mod history;
mod home;
mod hostile;
mod import;
mod journal;
mod journeys;
mod language;
mod links;
mod long_form;
mod mail;
mod mail_events;
mod observability;
mod own_data;
mod paging;
mod people;
mod progress;
mod races;
mod ratings;
mod reading;
mod reviews;
mod scale;
mod smtp;
mod wording;
