//! Form messages shown the GOV.UK way: an error summary at the top with a
//! link to each field, and the same message beside the field.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::text::{self, Origin, TextProblem};

#[derive(Debug, Clone, Default, Serialize)]
pub struct FormErrors {
    /// In page order: `{field, message, args}` where message is a translation key.
    pub items: Vec<FieldError>,
    /// The same, by field, for the message beside each input.
    pub by_field: BTreeMap<String, String>,
    /// Each field's message arguments (empty for most), for the message
    /// beside the input: `t(key=errors.by_field.body, args=errors.args.body)`.
    pub args: BTreeMap<String, MessageArgs>,
}

/// A message's Fluent arguments, by name (the `t()` of the templates takes
/// them as `args=`).
pub type MessageArgs = BTreeMap<String, serde_json::Value>;

#[derive(Debug, Clone, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
    pub args: MessageArgs,
}

impl FormErrors {
    pub fn add(&mut self, field: &str, message_key: &str) {
        self.add_with(field, message_key, MessageArgs::new());
    }

    /// A message that takes arguments, such as a limit: `{ $max }`.
    pub fn add_with(&mut self, field: &str, message_key: &str, args: MessageArgs) {
        if self.by_field.contains_key(field) {
            return;
        }
        self.items.push(FieldError {
            field: field.into(),
            message: message_key.into(),
            args: args.clone(),
        });
        self.by_field.insert(field.into(), message_key.into());
        self.args.insert(field.into(), args);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// A filter's text from a query string (a department, say): trimmed, at
/// most 200 characters, and without control characters (the edge refuses
/// them already, [`check_pairs`]; no stored value holds one); `None` when
/// nothing is left.
pub fn filter_text(v: Option<&str>) -> Option<String> {
    let kept: String = v
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let kept = kept.trim();
    (!kept.is_empty()).then(|| kept.to_string())
}

pub fn safe_next(next: Option<&str>) -> String {
    // Resolved as a browser would, against a fixed origin: browsers drop
    // tabs and newlines and read `\` as `/`, so `/\t/evil.example` and
    // `/\\evil.example` both become `//evil.example`, another site. Only a
    // path that stays on the same origin is kept, and then in the form the
    // URL parser writes (percent-encoded, no control characters), so it is
    // always a valid Location header.
    const BASE: &str = "http://cermin.invalid/";
    let home = || "/".to_string();
    let Some(n) = next else {
        return home();
    };
    if !n.starts_with('/') || n.chars().any(char::is_control) || n.len() > 2048 {
        return home();
    }
    let Ok(base) = url::Url::parse(BASE) else {
        return home();
    };
    match base.join(n) {
        Ok(u) if u.origin() == base.origin() => {
            let mut path = u.path().to_string();
            if let Some(q) = u.query() {
                path.push('?');
                path.push_str(q);
            }
            // Resolving dot segments can leave a path that starts with two
            // slashes (`/..//evil.example` → `//evil.example`), which a
            // browser reads as another site: the result must be a path that
            // resolves to itself, on this site.
            let stays = !path.starts_with("//")
                && !path.starts_with("/\\")
                && base
                    .join(&path)
                    .is_ok_and(|again| again.origin() == base.origin() && again.path() == u.path());
            if stays {
                path
            } else {
                home()
            }
        }
        _ => home(),
    }
}

/// A value that the edge refused, named by its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The field (form field or query parameter) as sent.
    pub field: String,
    pub problem: TextProblem,
}

/// Fields the edge leaves to their own parser: a `next` target is resolved by
/// [`safe_next`], which sends anything odd home (a person must still be
/// signed in, not refused).
const LEFT_TO_PARSER: [&str; 1] = ["next"];

/// Check every pair of a query string or an urlencoded body against the one
/// text rule ([`crate::domain::text`]).
pub fn check_pairs(raw: &[u8], origin: Origin) -> Result<(), Refusal> {
    for pair in raw.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let (k, v) = match pair.iter().position(|b| *b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &b""[..]),
        };
        let key = match text::decode_and_check(k, Origin::Query) {
            Ok(key) => key,
            Err(problem) => {
                return Err(Refusal {
                    field: String::from_utf8_lossy(k).chars().take(40).collect(),
                    problem,
                })
            }
        };
        if LEFT_TO_PARSER.contains(&key.as_str()) {
            continue;
        }
        if let Err(problem) = text::decode_and_check(v, origin) {
            return Err(Refusal {
                field: key.chars().take(80).collect(),
                problem,
            });
        }
    }
    Ok(())
}

/// Every segment of a request's path, percent-decoded, is text with no
/// control characters (a path that is not is no page of ours).
pub fn path_is_text(raw_path: &str) -> bool {
    raw_path
        .split('/')
        .all(|seg| text::decode_and_check(seg.as_bytes(), Origin::Path).is_ok())
}

/// The translation key of a field's label, for a message that names it.
/// Form fields are named after what they hold; rows of the review form carry
/// their id in the middle (`t_<id>_body`), so the shape decides.
pub fn field_label(field: &str) -> &'static str {
    let last = field.rsplit('_').next().unwrap_or(field);
    match field {
        "email" => return "field-email",
        // A person's full name on the people and setup forms; elsewhere
        // (cycles, templates, competencies) a name.
        "name" => return "field-label-name",
        "name_id" | "name_en" => return "field-label-name",
        "password" | "current_password" | "password_confirm" => return "field-password",
        "job_title" => return "field-job-title",
        "department" => return "field-department",
        "job_description" => return "field-job-description",
        "manager_id" | "manager" => return "field-manager",
        "role" => return "field-role",
        "lang" => return "field-language",
        "q" => return "field-label-search",
        "summary" => return "field-label-summary",
        "response" => return "field-label-response",
        "reason" => return "field-label-reason",
        "body" => return "field-label-entry",
        "entry_on" | "opens_on" | "self_due_on" | "manager_due_on" | "ack_due_on" | "closes_on" => {
            return "field-label-date"
        }
        "kind" => return "field-label-kind",
        "template_id" => return "field-label-template",
        "reminder_days" => return "field-label-reminders",
        "rule" | "person_ids" | "person_id" => return "field-label-participants",
        "title_id" | "title_en" => return "field-label-title",
        "description" | "description_id" | "description_en" | "help_id" | "help_en" => {
            return "field-label-description"
        }
        "prompt_id" | "prompt_en" => return "field-label-question",
        "csv_text" => return "field-label-csv",
        "include_private" => return "field-label-private-comments",
        "step" => return "field-label-step",
        "format" => return "field-label-format",
        "calibration_due_on" => return "field-label-date",
        "enabled" | "final_visible" | "by_managers" | "confirm" => {
            return "field-label-calibration-setting"
        }
        "question_id" => return "field-label-question",
        "rating" => return "field-label-rating",
        _ => {}
    }
    if field.starts_with("b_") {
        return "field-label-answer";
    }
    if field.starts_with("r_") {
        return "field-label-rating";
    }
    if field.starts_with("t_")
        || field.starts_with("new_strength")
        || field.starts_with("new_weakness")
    {
        return if last == "reply" {
            "field-label-reply"
        } else {
            "field-label-trait"
        };
    }
    if field.starts_with("g_") || field.starts_with("new_goal") || field.starts_with("cg_") {
        return "field-label-goal";
    }
    if field.starts_with("c_") || field.starts_with("new_comment") {
        return "field-label-comment";
    }
    match last {
        "title" => "field-label-title",
        "description" | "help" => "field-label-description",
        "prompt" => "field-label-question",
        _ => "field-label-other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_checked_once_decoded() {
        assert_eq!(
            check_pairs(b"q=Ayu+%F0%9F%99%82&page=2", Origin::Query),
            Ok(())
        );
        assert_eq!(
            check_pairs(b"q=%00", Origin::Query),
            Err(Refusal {
                field: "q".into(),
                problem: TextProblem::Control
            })
        );
        assert_eq!(
            check_pairs(b"body=line%0D%0Atwo%09x", Origin::FormField),
            Ok(())
        );
        assert!(check_pairs(b"q=line%0Atwo", Origin::Query).is_err());
        assert!(check_pairs(b"name=%C3%28", Origin::FormField).is_err());
        // `next` is for safe_next, which sends anything odd home.
        assert_eq!(
            check_pairs(b"next=%2F%0A%2Fevil", Origin::FormField),
            Ok(())
        );
        assert!(path_is_text("/journal/abc/edit"));
        assert!(!path_is_text("/journal/%00/edit"));
        assert!(!path_is_text("/journal/%ff/edit"));
        assert_eq!(field_label("t_0192_body"), "field-label-trait");
        assert_eq!(field_label("new_goal_support"), "field-label-goal");
        assert_eq!(field_label("email"), "field-email");
        assert_eq!(field_label("template_id"), "field-label-template");
        assert_eq!(field_label("manager_id"), "field-manager");
        assert_eq!(field_label("description_en"), "field-label-description");
        assert_eq!(field_label("self_due_on"), "field-label-date");
        assert_eq!(field_label("r_0192"), "field-label-rating");
    }

    #[test]
    fn next_stays_on_site() {
        assert_eq!(safe_next(Some("/people?q=a")), "/people?q=a");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
        // Browsers drop tabs and newlines and read a backslash as a slash.
        for hostile in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/\\/evil.example",
            "/\x0b/evil.example",
            "/\x00",
            "/\u{7f}x",
            "/%2F%2Fevil.example/..",
            "javascript:alert(1)",
            "",
        ] {
            let next = safe_next(Some(hostile));
            assert!(
                !next.starts_with("//") && !next.contains("evil.example") || next == "/",
                "{hostile:?} gave {next:?}"
            );
            assert!(
                !next.chars().any(char::is_control),
                "{hostile:?} gave {next:?}"
            );
        }
        assert_eq!(safe_next(Some("/\t/evil.example")), "/");
        assert_eq!(safe_next(Some("/reviews/abc?x=1#top")), "/reviews/abc?x=1");
        assert_eq!(safe_next(Some("/a b")), "/a%20b");
        // Dot segments that would leave a protocol-relative path (found by
        // an outside replay).
        for hostile in [
            "/..//evil.example",
            "/.//evil.example",
            "/a/..//evil.example",
            "/%2e%2e//evil.example",
            "/../\\evil.example",
            "/..//evil.example/path?x=1",
            "/./\\/evil.example",
        ] {
            let next = safe_next(Some(hostile));
            assert_eq!(next, "/", "{hostile:?} gave {next:?}");
        }
        assert_eq!(safe_next(Some("/a/../journal")), "/journal");
    }
}
