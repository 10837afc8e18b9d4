//! Email: the outbox written beside each event, the scheduler that decides
//! what is due each day, rendering in the recipient's language (with
//! calendar entries), the transports, and the worker that delivers once.
//!
//! Data flows one way: events and the scheduler write rows
//! ([`outbox`], [`schedule`]); the [`worker`] claims due rows, renders them
//! ([`compose`]) and hands them to a [`transport`].

pub mod calendar;
pub mod compose;
pub mod outbox;
pub mod preview;
pub mod schedule;
pub mod transport;
pub mod worker;
