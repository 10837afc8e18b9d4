//! Exports of a cycle's results: what a cell may hold, and the formats.
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` as a
//! formula (and a leading tab or carriage return hides one), so every text
//! cell that comes from something a person typed is neutralised before it
//! leaves Cermin: a leading apostrophe, which spreadsheets show as text and
//! never run (the OWASP advice for CSV injection).

use std::borrow::Cow;

/// Text safe to put in a spreadsheet cell: unchanged unless it could start a
/// formula, then with a leading apostrophe.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// What one download holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// One row per review, as CSV.
    ResultsCsv,
    /// One row per goal, as CSV.
    GoalsCsv,
    /// A workbook with both (a sheet each).
    Workbook,
}

impl ExportKind {
    /// Does the file carry comments at all (so private ones could be in
    /// it)? The goals file has none.
    pub fn holds_comments(self) -> bool {
        !matches!(self, ExportKind::GoalsCsv)
    }

    pub const ALL: [ExportKind; 3] = [
        ExportKind::Workbook,
        ExportKind::ResultsCsv,
        ExportKind::GoalsCsv,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ExportKind::ResultsCsv => "results_csv",
            ExportKind::GoalsCsv => "goals_csv",
            ExportKind::Workbook => "workbook",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::ResultsCsv | ExportKind::GoalsCsv => "csv",
            ExportKind::Workbook => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ExportKind::ResultsCsv | ExportKind::GoalsCsv => "text/csv; charset=utf-8",
            ExportKind::Workbook => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

/// A file name for a download: the cycle's name in letters, digits and
/// dashes only (a header never carries what a person typed as it is).
pub fn file_name(cycle_name: &str, part: &str, kind: ExportKind) -> String {
    let mut slug = String::new();
    for c in cycle_name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "cycle" } else { slug };
    format!("cermin-{slug}-{part}.{}", kind.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starters_get_an_apostrophe() {
        for s in ["=1+1", "+62 812", "-3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(s), format!("'{s}"), "{s:?}");
        }
        for s in ["", "Ayu", "1=1", " =x", "'already", "Ünal"] {
            assert_eq!(neutralise(s), s, "{s:?}");
        }
    }

    #[test]
    fn file_names_are_plain() {
        assert_eq!(
            file_name(
                "Penilaian Semester 1 / 2026",
                "results",
                ExportKind::ResultsCsv
            ),
            "cermin-penilaian-semester-1-2026-results.csv"
        );
        assert_eq!(
            file_name("\"; rm -rf", "goals", ExportKind::Workbook),
            "cermin-rm-rf-goals.xlsx"
        );
        assert_eq!(
            file_name("Ünïcödé", "results", ExportKind::GoalsCsv),
            "cermin-n-c-d-results.csv"
        );
        assert_eq!(
            file_name("日本", "x", ExportKind::GoalsCsv),
            "cermin-cycle-x.csv"
        );
    }

    #[test]
    fn kinds_round_trip() {
        for k in ExportKind::ALL {
            assert_eq!(ExportKind::parse(k.code()), Some(k));
        }
        assert_eq!(ExportKind::parse("pdf"), None);
    }
}
