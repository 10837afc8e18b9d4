//! Fair ratings: how a group's manager ratings are spread, compared with the
//! organisation's, and which managers rate noticeably more leniently, more
//! severely, or flatter than everyone else. Pure: counts in, numbers and
//! flags out. The method is stated on the page in these same terms.

use serde::Serialize;

/// Below this many rated reviews a manager is never flagged: a small team's
/// average says little.
pub const MIN_TEAM: i64 = 5;
/// How far (in points on the 1–5 scale) a manager's average must be from
/// the organisation's to be flagged lenient or severe…
pub const MIN_DIFFERENCE: f64 = 0.5;
/// …and how many standard errors away, so that chance alone rarely flags.
pub const MIN_Z: f64 = 2.0;
/// A manager whose most common rating holds this share of their ratings is
/// flagged flat (when the organisation's own most common rating holds less).
pub const FLAT_SHARE: f64 = 0.8;

/// How many of each rating 1–5 a group gave.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Spread {
    pub counts: [i64; 5],
}

impl Spread {
    pub fn add(&mut self, rating: i32, n: i64) {
        if (1..=5).contains(&rating) {
            self.counts[(rating - 1) as usize] += n;
        }
    }

    pub fn merge(&mut self, other: &Spread) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
    }

    pub fn total(&self) -> i64 {
        self.counts.iter().sum()
    }

    pub fn mean(&self) -> Option<f64> {
        let n = self.total();
        (n > 0).then(|| {
            self.counts
                .iter()
                .enumerate()
                .map(|(i, c)| (i as f64 + 1.0) * *c as f64)
                .sum::<f64>()
                / n as f64
        })
    }

    pub fn std_dev(&self) -> Option<f64> {
        let n = self.total();
        let mean = self.mean()?;
        (n > 1).then(|| {
            let ss: f64 = self
                .counts
                .iter()
                .enumerate()
                .map(|(i, c)| (i as f64 + 1.0 - mean).powi(2) * *c as f64)
                .sum();
            (ss / (n - 1) as f64).sqrt()
        })
    }

    /// The share of the most common rating.
    pub fn top_share(&self) -> f64 {
        let n = self.total();
        if n == 0 {
            return 0.0;
        }
        *self.counts.iter().max().unwrap_or(&0) as f64 / n as f64
    }

    /// Each rating's share in whole percent.
    pub fn percents(&self) -> [i64; 5] {
        let n = self.total();
        let mut p = [0; 5];
        if n > 0 {
            for (i, c) in self.counts.iter().enumerate() {
                p[i] = (c * 100 + n / 2) / n;
            }
        }
        p
    }
}

/// Why a manager's ratings stand out, if they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    Lenient,
    Severe,
    Flat,
}

impl Flag {
    pub fn code(self) -> &'static str {
        match self {
            Flag::Lenient => "lenient",
            Flag::Severe => "severe",
            Flag::Flat => "flat",
        }
    }
}

/// Compare one manager's ratings (`group`, from `reviews` rated reviews)
/// with the organisation's (`org`, every manager rating in the cycle).
pub fn flag(group: &Spread, reviews: i64, org: &Spread) -> Option<Flag> {
    if reviews < MIN_TEAM {
        return None;
    }
    let (mean, org_mean, org_sd) = (group.mean()?, org.mean()?, org.std_dev()?);
    let n = group.total() as f64;
    let difference = mean - org_mean;
    let z = if org_sd > 0.0 {
        difference.abs() / (org_sd / n.sqrt())
    } else {
        0.0
    };
    if difference.abs() >= MIN_DIFFERENCE && z >= MIN_Z {
        return Some(if difference > 0.0 {
            Flag::Lenient
        } else {
            Flag::Severe
        });
    }
    if group.top_share() >= FLAT_SHARE && org.top_share() < FLAT_SHARE {
        return Some(Flag::Flat);
    }
    None
}

/// The self-vs-manager difference for one competency across the cycle:
/// positive when people rate themselves higher than their managers do.
pub fn gap(self_sum: i64, manager_sum: i64, pairs: i64) -> Option<f64> {
    (pairs > 0).then(|| (self_sum - manager_sum) as f64 / pairs as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spread(counts: [i64; 5]) -> Spread {
        Spread { counts }
    }

    #[test]
    fn a_spread_has_its_mean_deviation_and_shares() {
        let s = spread([0, 2, 4, 2, 0]);
        assert_eq!(s.total(), 8);
        assert_eq!(s.mean(), Some(3.0));
        let sd = s.std_dev().expect("sd");
        assert!((sd - (4.0f64 / 7.0).sqrt()).abs() < 1e-9, "{sd}");
        assert_eq!(s.top_share(), 0.5);
        assert_eq!(s.percents(), [0, 25, 50, 25, 0]);
        assert_eq!(Spread::default().mean(), None);
        let mut t = Spread::default();
        t.add(5, 2);
        t.add(0, 9);
        t.add(6, 9);
        assert_eq!(t.counts, [0, 0, 0, 0, 2]);
    }

    #[test]
    fn lenient_severe_and_flat_managers_are_flagged() {
        // The organisation: mostly 3s, some 2s and 4s.
        let org = spread([10, 60, 200, 60, 10]);
        assert_eq!(
            flag(&spread([0, 0, 1, 4, 5]), 10, &org),
            Some(Flag::Lenient)
        );
        assert_eq!(flag(&spread([4, 5, 1, 0, 0]), 10, &org), Some(Flag::Severe));
        assert_eq!(
            flag(&spread([0, 0, 0, 9, 1]), 10, &org),
            Some(Flag::Lenient)
        );
        assert_eq!(flag(&spread([0, 1, 9, 0, 0]), 10, &org), Some(Flag::Flat));
        assert_eq!(
            flag(&spread([1, 2, 4, 2, 1]), 10, &org),
            None,
            "like everyone"
        );
        // Too few reviews: never flagged, however it looks.
        assert_eq!(flag(&spread([0, 0, 0, 0, 4]), 4, &org), None);
        // A small difference is not a flag, however many ratings.
        assert_eq!(flag(&spread([10, 60, 180, 80, 10]), 300, &org), None);
    }

    #[test]
    fn the_gap_is_self_minus_manager() {
        assert_eq!(gap(40, 30, 10), Some(1.0));
        assert_eq!(gap(30, 40, 10), Some(-1.0));
        assert_eq!(gap(0, 0, 0), None);
    }
}
