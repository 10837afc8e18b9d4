//! Passwords, sessions, CSRF and sign-in throttling.

pub mod csrf;
pub mod password;
pub mod session;
pub mod throttle;

use rand::RngCore;
use sha2::{Digest, Sha256};

/// 128 random bits as 32 hex characters: session tokens, CSRF tokens, links.
pub fn random_token() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What is stored in place of a token: its SHA-256, so a database leak does
/// not hand out live sessions or links.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compare two secrets in time that does not depend on where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
