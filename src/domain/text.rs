//! What text Cermin accepts, decided once.
//!
//! Every value that arrives from outside (a form field, a query parameter,
//! a path segment) passes [`check`] at the edge before any handler sees it:
//! no NUL and no other control character, except tab and line breaks in a
//! form field (browsers send multi-line text with them); valid UTF-8; and no
//! longer than [`CEILING`] characters. Each field then has its own documented
//! limit, checked by the command that stores it so the form can show the
//! message beside the field: [`EMAIL_MAX`], [`SHORT_MAX`] for one-line titles, [`LONG_MAX`] for free text.
//!
//! PostgreSQL refuses NUL in text, SQLite stores it; neither gets it now.

/// The longest email address (RFC 5321's path limit).
pub const EMAIL_MAX: usize = 254;
/// One-line titles (a goal's title). A person's name, job title and
/// department have their own, shorter limit (`domain::person`).
pub const SHORT_MAX: usize = 300;
/// Free text: answers, strengths, weaknesses, goals, comments, notes.
pub const LONG_MAX: usize = 10_000;
/// No single value may be longer than this, whatever the field. Above every
/// field's own limit, so a value a little too long reaches its form and gets
/// the message beside the field; far above it, the request is refused
/// before anything reads it.
pub const CEILING: usize = 4 * LONG_MAX;

/// Where a value came from: a form field may hold line breaks and tabs; a
/// query parameter or a path segment may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    FormField,
    Query,
    Path,
}

/// Why a value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// NUL or another control character.
    Control,
    /// Longer than [`CEILING`].
    TooLong,
    /// Not UTF-8 once percent-decoded.
    NotText,
}

impl TextProblem {
    pub fn message_key(self) -> &'static str {
        match self {
            TextProblem::Control => "error-text-control",
            TextProblem::TooLong => "error-text-ceiling",
            TextProblem::NotText => "error-text-not-text",
        }
    }
}

/// Whether `c` may appear in a value from `origin`.
pub fn allowed(c: char, origin: Origin) -> bool {
    match c {
        '\t' | '\n' | '\r' => origin == Origin::FormField,
        // C0, DEL and C1 controls; and the two noncharacters that some
        // systems treat as byte-order marks gone wrong.
        c if c.is_control() => false,
        '\u{FFFE}' | '\u{FFFF}' => false,
        _ => true,
    }
}

/// The one check every value from outside passes.
pub fn check(value: &str, origin: Origin) -> Result<(), TextProblem> {
    // Counting characters stops early: a 4 MB value costs no more than the
    // ceiling to refuse.
    if value.chars().take(CEILING + 1).count() > CEILING {
        return Err(TextProblem::TooLong);
    }
    if value.chars().all(|c| allowed(c, origin)) {
        Ok(())
    } else {
        Err(TextProblem::Control)
    }
}

/// Percent-decode one part of a URL or form body (`+` is a space in forms)
/// and check it.
pub fn decode_and_check(raw: &[u8], origin: Origin) -> Result<String, TextProblem> {
    let plus_as_space: Vec<u8>;
    let raw = if origin == Origin::Path {
        raw
    } else {
        plus_as_space = raw
            .iter()
            .map(|b| if *b == b'+' { b' ' } else { *b })
            .collect();
        &plus_as_space
    };
    let decoded = percent_encoding::percent_decode(raw)
        .decode_utf8()
        .map_err(|_| TextProblem::NotText)?;
    check(&decoded, origin)?;
    Ok(decoded.into_owned())
}

/// Whether a field's text is over `max` characters.
pub fn too_long(value: &str, max: usize) -> bool {
    value.chars().take(max + 1).count() > max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule() {
        assert_eq!(check("Ayu Lestari 🙂 مرحبا", Origin::Query), Ok(()));
        assert_eq!(check("line one\r\nline\ttwo", Origin::FormField), Ok(()));
        assert_eq!(
            check("line one\nline two", Origin::Query),
            Err(TextProblem::Control)
        );
        for bad in [
            "\0",
            "a\u{0b}b",
            "\u{7f}",
            "\u{85}",
            "\u{1b}[31m",
            "\u{FFFF}",
        ] {
            assert_eq!(check(bad, Origin::FormField), Err(TextProblem::Control));
        }
        assert_eq!(check(&"a".repeat(CEILING), Origin::FormField), Ok(()));
        assert_eq!(
            check(&"a".repeat(CEILING + 1), Origin::FormField),
            Err(TextProblem::TooLong)
        );
    }

    #[test]
    fn decoding() {
        assert_eq!(
            decode_and_check(b"a+b%20c", Origin::Query).as_deref(),
            Ok("a b c")
        );
        assert_eq!(decode_and_check(b"a+b", Origin::Path).as_deref(), Ok("a+b"));
        assert_eq!(
            decode_and_check(b"%00", Origin::Path),
            Err(TextProblem::Control)
        );
        assert_eq!(
            decode_and_check(b"%ff%fe", Origin::FormField),
            Err(TextProblem::NotText)
        );
        assert!(too_long("abc", 2));
        assert!(!too_long("🙂🙂", 2));
    }
}
