use serde::{Deserialize, Serialize};

/// What a person does in Cermin. A manager is anyone with reports; HR runs
/// the instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Hr,
    Manager,
    Employee,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Employee, Role::Manager, Role::Hr];

    pub fn code(self) -> &'static str {
        match self {
            Role::Hr => "hr",
            Role::Manager => "manager",
            Role::Employee => "employee",
        }
    }

    /// Accepts the codes and the Indonesian words (sdm, atasan, karyawan).
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "hr" | "sdm" => Some(Role::Hr),
            "manager" | "atasan" | "manajer" => Some(Role::Manager),
            "employee" | "karyawan" | "staff" | "staf" => Some(Role::Employee),
            _ => None,
        }
    }

    /// Stored text back into a role; unknown text (which the schema's CHECK
    /// forbids) reads as the least privileged role.
    pub fn from_stored(s: &str) -> Role {
        Role::parse(s).unwrap_or(Role::Employee)
    }
}
