//! Translations: Fluent files under `assets/locales/<lang>/`, embedded in the
//! binary, one bundle per language. Dates and times are written in the
//! reader's language and the instance's time zone.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rust_embed::RustEmbed;

use crate::domain::Lang;

#[derive(RustEmbed)]
#[folder = "assets/locales/"]
struct LocaleFiles;

pub struct Catalog {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
    ids: HashMap<Lang, BTreeSet<String>>,
}

static CATALOG: OnceLock<Catalog> = OnceLock::new();

/// The translations, loaded on first use. Start-up calls [`Catalog::load`]
/// first so that a broken file stops the server with a clear message.
pub fn catalog() -> &'static Catalog {
    CATALOG.get_or_init(|| Catalog::load().unwrap_or_else(|e| panic!("translations: {e}")))
}

/// Load and check the translations; called once at start-up.
pub fn init() -> Result<(), String> {
    if CATALOG.get().is_none() {
        let c = Catalog::load()?;
        let _ = CATALOG.set(c);
    }
    Ok(())
}

impl Catalog {
    pub fn load() -> Result<Self, String> {
        let mut bundles = HashMap::new();
        let mut ids = HashMap::new();
        for lang in Lang::ALL {
            let langid: unic_langid::LanguageIdentifier =
                lang.code().parse().map_err(|e| format!("{lang}: {e:?}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            let mut lang_ids = BTreeSet::new();
            let prefix = format!("{}/", lang.code());
            let mut files: Vec<_> = LocaleFiles::iter()
                .filter(|f| f.starts_with(&prefix) && f.ends_with(".ftl"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(format!("no translation files for `{lang}`"));
            }
            for file in files {
                let data = LocaleFiles::get(&file).ok_or_else(|| format!("{file}: missing"))?;
                let text = String::from_utf8(data.data.into_owned())
                    .map_err(|_| format!("{file}: not UTF-8"))?;
                let resource = FluentResource::try_new(text)
                    .map_err(|(_, errs)| format!("{file}: {errs:?}"))?;
                for entry in resource.entries() {
                    if let fluent_syntax::ast::Entry::Message(m) = entry {
                        lang_ids.insert(m.id.name.to_string());
                    }
                }
                bundle
                    .add_resource(resource)
                    .map_err(|errs| format!("{file}: duplicate keys {errs:?}"))?;
            }
            bundles.insert(lang, bundle);
            ids.insert(lang, lang_ids);
        }
        Ok(Self { bundles, ids })
    }

    pub fn message_ids(&self, lang: Lang) -> &BTreeSet<String> {
        static EMPTY: BTreeSet<String> = BTreeSet::new();
        self.ids.get(&lang).unwrap_or(&EMPTY)
    }

    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundles.get(&lang).is_some_and(|b| b.has_message(key))
    }

    /// The text for `key`; the key itself (and a log line) when it is
    /// missing. A message that is missing, or that Fluent could not format
    /// in full (an argument not given, say), is logged and, in a debug build
    /// (and so in every test), marked: see [`BROKEN`].
    pub fn text(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(bundle) = self.bundles.get(&lang) else {
            return broken(key, key);
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = lang.code(), "missing translation");
            return broken(key, key);
        };
        let mut errors = vec![];
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, lang = lang.code(), ?errors, "translation arguments");
            return broken(key, &text);
        }
        text.into_owned()
    }
}

/// What a debug build puts before a message it could not format: an unknown
/// key, or a message whose arguments were not all given (Fluent would show
/// `{$max}`). The integration tests fail any page or email containing it, so
/// a broken message cannot hide on a page no test reads closely. A release
/// build shows Fluent's text alone (and the log says what went wrong).
pub const BROKEN: &str = "[[i18n-error ";

fn broken(key: &str, text: &str) -> String {
    if cfg!(debug_assertions) {
        format!("{BROKEN}{key}]]{text}")
    } else {
        text.to_string()
    }
}

/// Shorthand for a plain message.
/// Content written in both languages (a question's prompt, a competency's
/// name): the reader's language, else the other one.
pub fn pick(lang: Lang, id: &str, en: &str) -> String {
    match lang {
        Lang::Id if !id.is_empty() => id.to_string(),
        Lang::En if !en.is_empty() => en.to_string(),
        _ if !id.is_empty() => id.to_string(),
        _ => en.to_string(),
    }
}

pub fn t(lang: Lang, key: &str) -> String {
    catalog().text(lang, key, None)
}

/// A message with named arguments.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        fa.set(k.to_string(), v.clone());
    }
    catalog().text(lang, key, Some(&fa))
}

/// "22 November 2026" in either language.
pub fn date_long(lang: Lang, d: NaiveDate) -> String {
    format!(
        "{} {} {}",
        d.day(),
        t(lang, &format!("month-{}", d.month())),
        d.year()
    )
}

/// "22 Nov 2026" / "22 Agu 2026".
pub fn date_short(lang: Lang, d: NaiveDate) -> String {
    format!(
        "{} {} {}",
        d.day(),
        t(lang, &format!("month-short-{}", d.month())),
        d.year()
    )
}

/// A stored UTC time in the instance's time zone: "22 November 2026, 14:32".
pub fn datetime(lang: Lang, tz: Tz, utc: NaiveDateTime) -> String {
    let local = tz.from_utc_datetime(&utc);
    format!(
        "{}, {}",
        date_long(lang, local.date_naive()),
        local.format("%H:%M")
    )
}

/// Only the local time of day: "14:32".
pub fn time_of_day(tz: Tz, utc: NaiveDateTime) -> String {
    tz.from_utc_datetime(&utc).format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_exists_in_both_languages() {
        let c = Catalog::load().expect("translations load");
        let id = c.message_ids(Lang::Id);
        let en = c.message_ids(Lang::En);
        let only_id: Vec<_> = id.difference(en).collect();
        let only_en: Vec<_> = en.difference(id).collect();
        assert!(only_id.is_empty(), "keys missing in English: {only_id:?}");
        assert!(
            only_en.is_empty(),
            "keys missing in Indonesian: {only_en:?}"
        );
        assert!(id.len() > 50);
    }

    #[test]
    fn a_message_that_cannot_be_formatted_is_marked() {
        let c = Catalog::load().expect("translations load");
        assert!(!c.text(Lang::En, "team-title", None).contains(BROKEN));
        // An unknown key, and a message given none of its arguments.
        let unknown = c.text(Lang::En, "no-such-message", None);
        assert!(unknown.starts_with(BROKEN), "{unknown}");
        let missing = c.text(Lang::En, "journal-body-limit", None);
        assert!(missing.starts_with(BROKEN), "{missing}");
        let mut args = FluentArgs::new();
        args.set("max", 5000);
        let given = c.text(Lang::En, "journal-body-limit", Some(&args));
        assert!(!given.contains(BROKEN), "{given}");
    }

    #[test]
    fn dates_read_naturally() {
        let d = NaiveDate::from_ymd_opt(2026, 8, 17).expect("date");
        assert_eq!(date_long(Lang::Id, d), "17 Agustus 2026");
        assert_eq!(date_long(Lang::En, d), "17 August 2026");
        assert_eq!(date_short(Lang::Id, d), "17 Agu 2026");
        let utc = d.and_hms_opt(20, 30, 0).expect("time");
        // 20:30 UTC is 03:30 the next day in Jakarta.
        assert_eq!(
            datetime(Lang::En, chrono_tz::Asia::Jakarta, utc),
            "18 August 2026, 03:30"
        );
    }
}
