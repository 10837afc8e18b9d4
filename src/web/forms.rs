//! Form messages shown the GOV.UK way: an error summary at the top with a
//! link to each field, and the same message beside the field.

use std::collections::BTreeMap;

use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct FormErrors {
    /// In page order: `{field, message}` where message is a translation key.
    pub items: Vec<FieldError>,
    /// The same, by field, for the message beside each input.
    pub by_field: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FormErrors {
    pub fn add(&mut self, field: &str, message_key: &str) {
        if self.by_field.contains_key(field) {
            return;
        }
        self.items.push(FieldError {
            field: field.into(),
            message: message_key.into(),
        });
        self.by_field.insert(field.into(), message_key.into());
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// A `next` target after sign-in: only our own paths, never another site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.contains("://") =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
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
    }
}
