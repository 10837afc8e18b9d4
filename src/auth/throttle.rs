//! Sign-in throttling that slows attackers without locking people out.
//!
//! Failures are counted in the database (so several instances share the
//! count) over a sliding window, per account and per client address. The
//! counts never refuse a person outright:
//!
//! - A browser that has signed in to this account before (it carries a
//!   trusted-device cookie) is never held back, whatever the counts.
//! - Any other browser, once the account or the address is over its limit,
//!   needs proof besides the password: if the password is right, a one-time
//!   sign-in link goes to the account's email address, and the browser that
//!   opens it is signed in (and recognised from then on). The page says the
//!   same whether the password was right or not, so guesses teach nothing.
//!
//! So an attacker who guesses can make a new browser take one more step
//! (the email), never keep the person out; and past the limit, a correct
//! guess gives them nothing without the mailbox.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Sign in with the password alone.
    Allowed,
    /// The password must be confirmed from the account's mailbox.
    NeedsProof,
}

#[derive(Debug, Clone, Copy)]
pub struct Counts {
    pub account_failures: i64,
    pub address_failures: i64,
}

pub fn judge(counts: Counts, max_failures: i64, trusted_device: bool) -> Verdict {
    // An address may try a few accounts (a shared office connection), so its
    // limit is a multiple of the per-account one.
    if trusted_device {
        Verdict::Allowed
    } else if counts.account_failures >= max_failures || counts.address_failures >= max_failures * 3
    {
        Verdict::NeedsProof
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
        assert_eq!(judge(c(10, 10), 10, false), Verdict::NeedsProof);
        assert_eq!(judge(c(0, 30), 10, false), Verdict::NeedsProof);
        // A recognised browser is never held back, by the account's count or
        // the address's.
        assert_eq!(judge(c(10, 10), 10, true), Verdict::Allowed);
        assert_eq!(judge(c(500, 5000), 10, true), Verdict::Allowed);
    }
}
