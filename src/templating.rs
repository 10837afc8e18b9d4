//! Tera templates embedded in the binary (read from disk with `dev_assets`),
//! with the translation function and date filters registered. Pages
//! (`web::render`) and emails (`mail::compose`) both render through these.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use fluent_bundle::FluentArgs;
use rust_embed::RustEmbed;
use tera::{Context, Kwargs, State, Tera};

use crate::domain::Lang;
use crate::i18n;

#[derive(RustEmbed)]
#[folder = "templates/"]
struct TemplateFiles;

pub struct Templates {
    /// For email: each message's language is read from its context.
    built: Arc<Tera>,
    /// For pages, one per language with its language fixed: `t()` and the
    /// date filters are called hundreds of times on a form page, and looking
    /// `lang` up through every enclosing loop and include on each call
    /// measured 4% of the page's instructions.
    pages: Vec<(Lang, Arc<Tera>)>,
    dev: bool,
    tz: Tz,
    source_url: Option<String>,
}

/// The language to write in: the Tera's own, else the context's `lang`.
fn lang_of(fixed: Option<Lang>, state: &State) -> Lang {
    if let Some(lang) = fixed {
        return lang;
    }
    state
        .get::<String>("lang")
        .ok()
        .flatten()
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default()
}

fn parse_date(v: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d").ok()
}

fn parse_datetime(v: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S%.f").ok()
}

/// One argument of `t()`: numbers stay numbers (for plurals), the rest text.
fn set_arg(args: &mut FluentArgs<'_>, name: String, v: &tera::Value) {
    if let Some(n) = v.as_f64().filter(|_| v.is_number()) {
        args.set(name, n);
    } else if let Some(s) = v.as_str() {
        args.set(name, s.to_string());
    } else {
        args.set(name, v.to_string());
    }
}

/// Build a Tera with Cermin's functions and every template, writing in the
/// language of each render's `lang`. Functions are registered first: Tera
/// checks them when templates are added.
pub fn build_tera(tz: Tz, source_url: Option<&str>) -> Result<Tera, tera::Error> {
    build_tera_in(tz, source_url, None)
}

/// As [`build_tera`], writing in `fixed` when it is given.
fn build_tera_in(
    tz: Tz,
    source_url: Option<&str>,
    fixed: Option<Lang>,
) -> Result<Tera, tera::Error> {
    let mut tera = Tera::new();
    tera.global_context().insert("source_url", &source_url);
    tera.autoescape_on(vec![".html", ".ics.txt"]);
    // {{ t(key="home-title", name=person.name) }}: text in the page's language.
    tera.register_function("t", move |kwargs: Kwargs, state: &State| -> String {
        let lang = lang_of(fixed, state);
        let key = kwargs.get::<&str>("key").ok().flatten().unwrap_or_default();
        let mut args = FluentArgs::new();
        for (k, v) in kwargs.iter() {
            let name = k.to_string();
            match name.as_str() {
                "key" => {}
                // args={…}: a message's arguments carried with it (a form
                // error's, see `web::forms::FormErrors`).
                "args" => {
                    for (k, v) in v.as_map().into_iter().flatten() {
                        set_arg(&mut args, k.to_string(), v);
                    }
                }
                _ => set_arg(&mut args, name, v),
            }
        }
        i18n::catalog().text(
            lang,
            key,
            if args.iter().next().is_some() {
                Some(&args)
            } else {
                None
            },
        )
    });
    // date_long and date_short: a date in the page's language, '' if it is not one.
    let date_filter = |write: fn(Lang, NaiveDate) -> String| {
        move |v: &str, _: Kwargs, state: &State| -> String {
            parse_date(v)
                .map(|d| write(lang_of(fixed, state), d))
                .unwrap_or_default()
        }
    };
    tera.register_filter("date_long", date_filter(i18n::date_long));
    tera.register_filter("date_short", date_filter(i18n::date_short));
    tera.register_filter(
        "datetime",
        move |v: &str, _: Kwargs, state: &State| -> String {
            parse_datetime(v)
                .map(|d| i18n::datetime(lang_of(fixed, state), tz, d))
                .unwrap_or_default()
        },
    );
    tera.register_filter(
        "time_of_day",
        move |v: &str, _: Kwargs, _: &State| -> String {
            parse_datetime(v)
                .map(|d| i18n::time_of_day(tz, d))
                .unwrap_or_default()
        },
    );
    let mut files: Vec<(String, String)> = Vec::new();
    for name in TemplateFiles::iter() {
        if let Some(f) = TemplateFiles::get(&name) {
            let text = String::from_utf8(f.data.into_owned())
                .map_err(|_| tera::Error::message(format!("{name}: not UTF-8")))?;
            files.push((name.to_string(), text));
        }
    }
    #[cfg(feature = "bench")]
    files.push((
        crate::bench::reference::TEMPLATE_NAME.to_string(),
        crate::bench::reference::TEMPLATE.to_string(),
    ));
    tera.add_raw_templates(files)?;
    Ok(tera)
}

impl Templates {
    pub fn new(tz: Tz, dev: bool, source_url: Option<String>) -> Result<Self, tera::Error> {
        let url = source_url.as_deref();
        Ok(Self {
            built: Arc::new(build_tera(tz, url)?),
            pages: Lang::ALL
                .iter()
                .map(|&l| Ok((l, Arc::new(build_tera_in(tz, url, Some(l))?))))
                .collect::<Result<_, tera::Error>>()?,
            dev,
            tz,
            source_url,
        })
    }

    /// The templates built at start-up, to share (the mail worker renders
    /// with them rather than parsing every template a second time).
    pub fn shared(&self) -> Arc<Tera> {
        self.built.clone()
    }

    /// Render a page in `lang` (which its context's `lang` also says).
    pub fn render(&self, lang: Lang, name: &str, ctx: &Context) -> Result<String, tera::Error> {
        if self.dev {
            // Development: pick up template edits without a rebuild.
            return build_tera(self.tz, self.source_url.as_deref())?.render(name, ctx);
        }
        let tera = self
            .pages
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(&self.built, |(_, t)| t);
        tera.render(name, ctx)
    }
}
