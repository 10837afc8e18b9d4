//! Server-side sessions: the cookie holds a random token, the database holds
//! its hash, the person, the CSRF token and the two deadlines.

use chrono::{Duration, NaiveDateTime};

/// The cookie's name: `__Host-` prefixed (and Secure) when served over https.
pub fn cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-cermin_session"
    } else {
        "cermin_session"
    }
}

/// The pre-sign-in CSRF cookie (double-submit for forms shown before a session exists).
pub fn pre_session_cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-cermin_pre"
    } else {
        "cermin_pre"
    }
}

/// The recognised-browser cookie (sign-in throttling lets it through), with
/// the same `__Host-` rule as the session cookie.
pub fn device_cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-cermin_device"
    } else {
        "cermin_device"
    }
}

/// The session lifetime rules.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    pub idle: Duration,
    pub absolute: Duration,
}

impl Lifetimes {
    pub fn new(idle_minutes: i64, absolute_hours: i64) -> Self {
        Self {
            idle: Duration::minutes(idle_minutes),
            absolute: Duration::hours(absolute_hours),
        }
    }

    /// Still usable at `now`? Idle time counts from the last request.
    pub fn is_live(
        &self,
        last_seen: NaiveDateTime,
        expires_at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> bool {
        now < expires_at && now < last_seen + self.idle
    }

    /// Worth writing `last_seen` again? Once a minute is enough to extend the
    /// idle deadline without a write on every request.
    pub fn should_touch(&self, last_seen: NaiveDateTime, now: NaiveDateTime) -> bool {
        now - last_seen >= Duration::seconds(60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_host_prefixed_on_https() {
        for name in [
            cookie_name(true),
            pre_session_cookie_name(true),
            device_cookie_name(true),
        ] {
            assert!(name.starts_with("__Host-"), "{name}");
        }
        assert_eq!(device_cookie_name(false), "cermin_device");
    }

    #[test]
    fn idle_and_absolute_deadlines() {
        let l = Lifetimes::new(30, 12);
        let t0 = chrono::DateTime::from_timestamp(1_800_000_000, 0)
            .expect("ts")
            .naive_utc();
        let exp = t0 + Duration::hours(12);
        assert!(l.is_live(t0, exp, t0 + Duration::minutes(29)));
        assert!(!l.is_live(t0, exp, t0 + Duration::minutes(31)));
        // active all day long, still ends at the absolute limit
        assert!(!l.is_live(t0 + Duration::hours(12), exp, t0 + Duration::hours(12)));
    }
}
