//! Calendar entries (iCalendar, RFC 5545) for a review cycle's due dates.
//!
//! Each person gets one all-day event per due date that concerns them. The
//! UID is the same in every mail about that date (cycle, phase, person), and
//! SEQUENCE grows with every change, so a calendar updates the entry it has
//! rather than adding a second one; a cancellation removes it.
//!
//! Names and titles come from people (a person's name, HR's name for a
//! cycle), so every value is made safe for the format before it is written:
//! TEXT values (SUMMARY, DESCRIPTION) lose control characters other than line
//! breaks and are then escaped by the `icalendar` crate (backslash, `;`, `,`, line breaks);
//! the attendee's name, a parameter value, is encoded as RFC 6868 says (`"`
//! becomes `^'`, a line break `^n`, `^` itself `^^`), because RFC 5545 allows
//! no DQUOTE inside a parameter value at all, and is quoted by the crate when
//! it holds `:`, `;` or `,`.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};

use crate::domain::mail::Phase;

/// Whether the attachment creates/updates entries or removes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Request,
    Cancel,
}

/// One due date in a person's calendar.
#[derive(Debug, Clone)]
pub struct DueEntry {
    pub phase: Phase,
    pub date: NaiveDate,
    /// The event's title in the person's language.
    pub summary: String,
    pub description: String,
    /// Where the step is done (the acknowledgement is on the review page,
    /// not the self-assessment form).
    pub link: String,
}

/// Everything the attachment needs.
pub struct Invite<'a> {
    pub method: Method,
    pub cycle_id: &'a str,
    pub person_id: &'a str,
    pub sequence: u32,
    pub organizer: &'a str,
    pub attendee: &'a str,
    pub attendee_name: &'a str,
    pub stamp: DateTime<Utc>,
    pub entries: Vec<DueEntry>,
}

/// The stable UID of one person's entry for one due date of a cycle.
pub fn uid(cycle_id: &str, phase: Phase, person_id: &str) -> String {
    format!("{cycle_id}-{}-{person_id}@cermin", phase.code())
}

/// The SEQUENCE for a cycle whose dates have version `dates_sequence`:
/// invitations and date changes use an even number, a cancellation the odd
/// number above it, so a cancellation always outranks the entry it removes,
/// and re-adding someone (which raises the cycle's version) outranks it again.
pub fn sequence(dates_sequence: i32, method: Method) -> u32 {
    let base = u32::try_from(dates_sequence.max(0)).unwrap_or(0) * 2;
    match method {
        Method::Request => base,
        Method::Cancel => base + 1,
    }
}

/// A TEXT value as RFC 5545 (§3.3.11) allows it: `\r\n` and a lone `\r`
/// become `\n`, other control characters but TAB are dropped. The crate then
/// escapes backslash, `;`, `,` and the line breaks.
fn text_value(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| matches!(c, '\n' | '\t') || !c.is_control())
        .collect()
}

/// A parameter value as RFC 5545 (§3.2) with RFC 6868 allows it: no DQUOTE
/// and no control character but TAB. `^` becomes `^^`, a line break `^n` and
/// `"` becomes `^'`, which a calendar that knows RFC 6868 turns back into the
/// name as typed and one that does not shows nearly as typed.
fn param_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in text_value(s).chars() {
        match c {
            '^' => out.push_str("^^"),
            '\n' => out.push_str("^n"),
            '"' => out.push_str("^'"),
            c => out.push(c),
        }
    }
    out
}

/// The `.ics` text.
pub fn build(invite: &Invite<'_>) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Cermin//Review cycles//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new(
            "METHOD",
            match invite.method {
                Method::Request => "REQUEST",
                Method::Cancel => "CANCEL",
            },
        ));
    for entry in &invite.entries {
        let mut event = Event::new();
        event
            .uid(&uid(invite.cycle_id, entry.phase, invite.person_id))
            .sequence(invite.sequence)
            .timestamp(invite.stamp)
            .summary(&text_value(&entry.summary))
            .description(&text_value(&entry.description))
            .starts(entry.date)
            .ends(entry.date + Duration::days(1))
            .url(&entry.link)
            .append_property(Property::new("TRANSP", "TRANSPARENT"))
            .append_property(Property::new(
                "ORGANIZER",
                format!("mailto:{}", invite.organizer),
            ))
            .append_property(
                Property::new("ATTENDEE", format!("mailto:{}", invite.attendee))
                    .add_parameter("CN", &param_value(invite.attendee_name))
                    .add_parameter("ROLE", "REQ-PARTICIPANT")
                    .done(),
            );
        if invite.method == Method::Cancel {
            event.status(EventStatus::Cancelled);
        } else {
            event.status(EventStatus::Confirmed);
        }
        cal.push(event.done());
    }
    refold(&cal.done().to_string())
}

/// Lines longer than 75 octets, folded again so that no line ends in a
/// space or tab. RFC 5545 allows a fold anywhere, but readers that trim line
/// ends (the `ical` crate does) would lose a space at the fold, and the
/// `icalendar` crate may fold right after one.
fn refold(text: &str) -> String {
    const LIMIT: usize = 75;
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(text.len());
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let mut rest = line;
        let mut limit = LIMIT;
        while rest.len() > limit {
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let mut at = cut;
            while at > 1 && rest[..at].ends_with([' ', '\t']) {
                at -= 1;
            }
            if rest[..at].ends_with([' ', '\t']) {
                at = cut; // all blank: nothing better to do
            }
            let (head, tail) = rest.split_at(at);
            out.push_str(head);
            out.push_str("\r\n ");
            rest = tail;
            limit = LIMIT - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancellations_outrank_the_entries_they_remove() {
        assert!(sequence(3, Method::Cancel) > sequence(3, Method::Request));
        assert!(sequence(4, Method::Request) > sequence(3, Method::Cancel));
    }

    /// What a TEXT value means, undoing RFC 5545's escapes.
    fn unescape_text(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        out
    }

    /// What a parameter value means, undoing RFC 6868's encoding.
    fn decode_param(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c != '^' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('\'') => out.push('"'),
                Some('^') => out.push('^'),
                Some(other) => {
                    out.push('^');
                    out.push(other);
                }
                None => out.push('^'),
            }
        }
        out
    }

    /// Names and titles holding every character the format gives a meaning
    /// to come back intact from an independent parser, and the structure
    /// around them (the attendee's address, the other parameters, every
    /// other property) is untouched (issue 9, item 13).
    #[test]
    fn hostile_names_and_titles_round_trip_through_a_parser() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 10).expect("date");
        let names = [
            "Budi \"Bud\" Santoso",
            "\"Budi\"",
            "Santoso; Budi: \"Bud\", jr.",
            "Back\\slash ^caret^ ^n",
            "Line one\nline two\r\nline three",
            "Ayu 🌸 Lestari 老虎 ✨ – with a very long name that must be folded across lines",
            "Tab\there\u{7}bell\u{0}nul",
        ];
        for name in names {
            let title = format!("Evaluasi diri: \"{name}\"; batas, waktu\\");
            let text = build(&Invite {
                method: Method::Cancel,
                cycle_id: "c1",
                person_id: "p1",
                sequence: 3,
                organizer: "hr@example.com",
                attendee: "rina@example.com",
                attendee_name: name,
                stamp: Utc::now(),
                entries: vec![DueEntry {
                    phase: Phase::SelfAssessment,
                    date,
                    summary: title.clone(),
                    description: format!("{name}\n{title}"),
                    link: "https://cermin.example/reviews/r1/self".into(),
                }],
            });
            let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
            let cal = parser
                .next()
                .expect("one calendar")
                .unwrap_or_else(|e| panic!("{name:?}: {e}\n{text}"));
            assert!(parser.next().is_none(), "{name:?}: one calendar\n{text}");
            assert_eq!(cal.events.len(), 1, "{name:?}\n{text}");
            let event = &cal.events[0];
            let prop = |key: &str| {
                event
                    .properties
                    .iter()
                    .find(|p| p.name == key)
                    .unwrap_or_else(|| panic!("{name:?}: no {key}\n{text}"))
            };
            // What the name means once decoded: as typed, less the control
            // characters a calendar cannot hold.
            let expected = name.replace("\r\n", "\n").replace(['\u{7}', '\u{0}'], "");
            let attendee = prop("ATTENDEE");
            assert_eq!(
                attendee.value.as_deref(),
                Some("mailto:rina@example.com"),
                "{name:?}\n{text}"
            );
            let params = attendee.params.clone().unwrap_or_default();
            let param = |key: &str| {
                params
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_else(|| panic!("{name:?}: no {key}\n{text}"))
            };
            let cn = param("CN");
            assert_eq!(cn.len(), 1, "{name:?}: one value {cn:?}\n{text}");
            assert!(!cn[0].contains('"'), "{name:?}: {cn:?}");
            assert_eq!(decode_param(&cn[0]), expected, "{name:?}\n{text}");
            assert_eq!(param("ROLE"), vec!["REQ-PARTICIPANT".to_string()]);
            let title_expected = format!("Evaluasi diri: \"{expected}\"; batas, waktu\\");
            assert_eq!(
                unescape_text(prop("SUMMARY").value.as_deref().unwrap_or_default()),
                title_expected,
                "{name:?}\n{text}"
            );
            assert_eq!(
                unescape_text(prop("DESCRIPTION").value.as_deref().unwrap_or_default()),
                format!("{expected}\n{title_expected}"),
                "{name:?}\n{text}"
            );
            assert_eq!(
                prop("UID").value.as_deref(),
                Some("c1-self-p1@cermin"),
                "{name:?}"
            );
            assert_eq!(prop("STATUS").value.as_deref(), Some("CANCELLED"));
            assert_eq!(
                prop("URL").value.as_deref(),
                Some("https://cermin.example/reviews/r1/self")
            );
            // No raw control character and no over-long line reaches the file.
            for line in text.split("\r\n") {
                assert!(
                    !line.chars().any(|c| c.is_control() && c != '\t'),
                    "{name:?}: {line:?}"
                );
                assert!(
                    line.len() <= 75,
                    "{name:?}: {} octets: {line:?}",
                    line.len()
                );
            }
        }
    }

    #[test]
    fn all_day_entries_with_stable_uids() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 10).expect("date");
        let text = build(&Invite {
            method: Method::Request,
            cycle_id: "c1",
            person_id: "p1",
            sequence: 2,
            organizer: "hr@example.com",
            attendee: "rina@example.com",
            attendee_name: "Rina",
            stamp: Utc::now(),
            entries: vec![
                DueEntry {
                    phase: Phase::SelfAssessment,
                    date,
                    summary: "Evaluasi diri".into(),
                    description: "Batas waktu".into(),
                    link: "https://cermin.example/reviews/r1/self".into(),
                },
                DueEntry {
                    phase: Phase::Acknowledgement,
                    date,
                    summary: "Baca dan konfirmasi".into(),
                    description: "Batas waktu".into(),
                    link: "https://cermin.example/reviews/r1".into(),
                },
            ],
        });
        assert!(
            text.contains("URL:https://cermin.example/reviews/r1/self"),
            "{text}"
        );
        assert!(
            text.contains("URL:https://cermin.example/reviews/r1\r\n"),
            "{text}"
        );
        assert!(text.contains("METHOD:REQUEST"), "{text}");
        assert!(text.contains("UID:c1-self-p1@cermin"), "{text}");
        assert!(text.contains("DTSTART;VALUE=DATE:20261210"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20261211"), "{text}");
        assert!(text.contains("SEQUENCE:2"), "{text}");
    }
}
