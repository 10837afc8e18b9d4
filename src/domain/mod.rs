//! Pure types and rules. Nothing here knows about HTTP or SQL.

pub mod calibration;
pub mod email;
pub mod export;
pub mod fairness;
pub mod ids;
pub mod import;
pub mod lang;
pub mod mail;
pub mod person;
pub mod policy;
pub mod progress;
pub mod review;
pub mod role;
pub mod text;

pub use email::EmailAddress;
pub use ids::{CycleId, PersonId, ReviewId};
pub use lang::Lang;
pub use role::Role;
