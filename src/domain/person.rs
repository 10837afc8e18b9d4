//! What a person is, as HR enters it (form or CSV), validated once here.

use super::{EmailAddress, Lang, Role};

pub const NAME_MAX: usize = 120;
pub const SHORT_TEXT_MAX: usize = 120;
pub const JOB_DESCRIPTION_MAX: usize = 10_000;

/// Why a person's details were refused; each variant is a message key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonFieldError {
    #[error("email")]
    Email(#[from] super::email::EmailError),
    #[error("name missing")]
    NameMissing,
    #[error("name too long")]
    NameTooLong,
    #[error("text too long")]
    TooLong(&'static str),
    #[error("role")]
    Role,
    #[error("language")]
    Lang,
}

impl PersonFieldError {
    /// The translation key of the message a person sees.
    pub fn message_key(&self) -> &'static str {
        match self {
            PersonFieldError::Email(super::email::EmailError::Empty) => "error-email-missing",
            PersonFieldError::Email(_) => "error-email-invalid",
            PersonFieldError::NameMissing => "error-name-missing",
            PersonFieldError::NameTooLong => "error-name-too-long",
            PersonFieldError::TooLong(_) => "error-text-too-long",
            PersonFieldError::Role => "error-role-invalid",
            PersonFieldError::Lang => "error-lang-invalid",
        }
    }
}

/// A person's details after validation: what HR may set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDetails {
    pub email: EmailAddress,
    pub name: String,
    pub role: Role,
    pub department: String,
    pub job_title: String,
    pub job_description: String,
    pub lang: Lang,
}

pub fn parse_name(input: &str) -> Result<String, PersonFieldError> {
    let name = collapse_spaces(input);
    if name.is_empty() {
        return Err(PersonFieldError::NameMissing);
    }
    if name.chars().count() > NAME_MAX {
        return Err(PersonFieldError::NameTooLong);
    }
    Ok(name)
}

pub fn parse_short_text(field: &'static str, input: &str) -> Result<String, PersonFieldError> {
    let s = collapse_spaces(input);
    if s.chars().count() > SHORT_TEXT_MAX {
        return Err(PersonFieldError::TooLong(field));
    }
    Ok(s)
}

pub fn parse_job_description(input: &str) -> Result<String, PersonFieldError> {
    let s = input.trim().replace("\r\n", "\n");
    if s.chars().count() > JOB_DESCRIPTION_MAX {
        return Err(PersonFieldError::TooLong("job_description"));
    }
    Ok(s)
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Would making `manager` the manager of `person` create a loop? `manager_of`
/// answers the current manager of anyone.
pub fn creates_manager_cycle(
    person: &str,
    manager: &str,
    manager_of: impl Fn(&str) -> Option<String>,
) -> bool {
    let mut current = Some(manager.to_string());
    let mut steps = 0;
    while let Some(id) = current {
        if id == person {
            return true;
        }
        steps += 1;
        if steps > 10_000 {
            return true; // an existing loop; refuse rather than spin
        }
        current = manager_of(&id);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn names_are_tidied_and_required() {
        assert_eq!(parse_name("  Siti   Rahma "), Ok("Siti Rahma".to_string()));
        assert_eq!(parse_name("   "), Err(PersonFieldError::NameMissing));
    }

    #[test]
    fn detects_manager_cycles() {
        let m: HashMap<&str, &str> = [("b", "a"), ("c", "b")].into_iter().collect();
        let lookup = |id: &str| m.get(id).map(|s| s.to_string());
        assert!(creates_manager_cycle("a", "c", lookup));
        assert!(!creates_manager_cycle("d", "c", lookup));
        assert!(creates_manager_cycle("a", "a", lookup));
    }
}
