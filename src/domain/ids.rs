//! Ids of the things people act on, as their own types, so a review's id
//! cannot be passed where a cycle's is meant. Ids are UUIDs; text that is
//! not one never reaches a query (from a path it is a 404).

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// An id as it arrives in a path or a form: a UUID (in any case),
            /// else `None`.
            pub fn parse(s: &str) -> Option<Self> {
                uuid::Uuid::parse_str(s.trim())
                    .ok()
                    .map(|u| Self(u.hyphenated().to_string()))
            }

            /// An id read from the database, where only valid ids are written.
            pub fn from_stored(s: impl Into<String>) -> Self {
                Self(s.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        /// From a path or a form: only a UUID is accepted.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| serde::de::Error::custom("not an id"))
            }
        }
    };
}

id_type!(
    /// A person (an employee, a manager, HR).
    PersonId
);
id_type!(
    /// One person's review in a cycle.
    ReviewId
);
id_type!(
    /// A review cycle.
    CycleId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_uuids_are_ids() {
        let id = ReviewId::parse("01A22AB0-1F54-7334-B1E0-8D35DB253E09").expect("uuid");
        assert_eq!(id.as_str(), "01a22ab0-1f54-7334-b1e0-8d35db253e09");
        assert!(ReviewId::parse("../etc/passwd").is_none());
        assert!(CycleId::parse("").is_none());
        assert!(PersonId::parse("1 OR 1=1").is_none());
        let parsed: Result<CycleId, _> = serde_json::from_str("\"x\"");
        assert!(parsed.is_err());
    }
}
