//! Form messages shown the GOV.UK way: an error summary at the top with a
//! link to each field, and the same message beside the field.

use std::collections::BTreeMap;

use serde::Serialize;

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

/// A `next` target after sign-in: only our own paths, never another site.
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
            path
        }
        _ => home(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
