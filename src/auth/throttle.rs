//! Sign-in throttling. Failures are counted in the database (so several
//! instances share the count) over a sliding window, per account and per
//! client address. A person who has signed in from this browser before (it
//! carries a trusted-device cookie) is not held back by failures against their
//! account from elsewhere, so an attacker cannot lock a real person out.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Too many failures for this account.
    AccountLimited,
    /// Too many failures from this client address.
    AddressLimited,
}

#[derive(Debug, Clone, Copy)]
pub struct Counts {
    pub account_failures: i64,
    pub address_failures: i64,
}

pub fn judge(counts: Counts, max_failures: i64, trusted_device: bool) -> Verdict {
    // An address may try a few accounts (a shared office connection), so its
    // limit is a multiple of the per-account one.
    if counts.address_failures >= max_failures * 3 {
        Verdict::AddressLimited
    } else if counts.account_failures >= max_failures && !trusted_device {
        Verdict::AccountLimited
    } else {
        Verdict::Allowed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        let c = |a, b| Counts {
            account_failures: a,
            address_failures: b,
        };
        assert_eq!(judge(c(9, 9), 10, false), Verdict::Allowed);
        assert_eq!(judge(c(10, 10), 10, false), Verdict::AccountLimited);
        assert_eq!(judge(c(10, 10), 10, true), Verdict::Allowed);
        assert_eq!(judge(c(0, 30), 10, true), Verdict::AddressLimited);
    }
}
