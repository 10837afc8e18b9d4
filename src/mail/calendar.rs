//! Calendar entries (iCalendar, RFC 5545) for a review cycle's due dates.
//!
//! Each person gets one all-day event per due date that concerns them. The
//! UID is the same in every mail about that date (cycle, phase, person), and
//! SEQUENCE grows with every change, so a calendar updates the entry it has
//! rather than adding a second one; a cancellation removes it.

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
            .summary(&entry.summary)
            .description(&entry.description)
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
                    .add_parameter("CN", invite.attendee_name)
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
    cal.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancellations_outrank_the_entries_they_remove() {
        assert!(sequence(3, Method::Cancel) > sequence(3, Method::Request));
        assert!(sequence(4, Method::Request) > sequence(3, Method::Cancel));
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
