//! The languages stay complete and the code asks only for messages that exist, with the arguments
//! they take.
use super::bundle::{self, variables};
use super::*;
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};

/// Every message of a language with the variables it refers to.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let resource = bundle::resource(lang);
    let mut out = BTreeMap::new();
    for entry in resource.entries() {
        if let ast::Entry::Message(m) = entry {
            let mut found = Vec::new();
            if let Some(value) = &m.value {
                variables(value, &mut found);
            }
            let previous = out.insert(m.id.name.to_string(), found.into_iter().map(str::to_string).collect());
            assert!(previous.is_none(), "{} appears twice in {}.ftl", m.id.name, lang.code());
        }
    }
    out
}

#[test]
fn every_file_parses() {
    for lang in Lang::ALL {
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(bundle::source(lang).to_string()) {
            panic!("{}.ftl: {errors:?}", lang.code());
        }
    }
}

/// Each language has every English message, no other, and each with the same arguments: a
/// translation that drops `{ $minutes }` (or adds one the code does not pass) fails here.
#[test]
fn every_language_is_complete_and_keeps_the_arguments() {
    let english = messages(Lang::En);
    assert!(english.len() > 700, "only {} English messages: the file is not read", english.len());
    for lang in [Lang::Fr, Lang::De, Lang::Es] {
        let other = messages(lang);
        for (id, args) in &english {
            let theirs = other.get(id).unwrap_or_else(|| panic!("{id} has no {lang:?} text"));
            assert_eq!(theirs, args, "{id} ({lang:?}): arguments");
        }
        for id in other.keys() {
            assert!(english.contains_key(id), "{id} ({lang:?}) is not in English");
        }
    }
    assert!(english.keys().all(|id| !id.contains('.')), "ids use hyphens for the code's dots");
}

/// Scans the sources for keys: `t("…")` must name a message without arguments, `tf("…"`,
/// `fmt("…"` and `Msg::with("…"` one with; `Msg::new("…")` and `key: "…"` any message.
#[test]
fn every_key_used_in_the_code_is_translated() {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    let english = messages(Lang::En);
    let mut sources = Vec::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut sources);
    let mut checked = 0;
    for source in &sources {
        for (marker, arguments) in [
            ("t(\"", Some(false)),
            ("tf(\"", Some(true)),
            ("fmt(\"", Some(true)),
            ("Msg::with(\"", Some(true)),
            ("Msg::new(\"", None),
            ("key: \"", None),
        ] {
            for (at, _) in source.match_indices(marker) {
                // `t("` inside `fmt("` or `list_t("` is not a lookup of its own.
                let before = source[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let key = source[at + marker.len()..].split('"').next().unwrap();
                if !key.contains('.') || key.contains(' ') {
                    continue;
                }
                let args = english.get(&key.replace('.', "-")).unwrap_or_else(|| panic!("{key} has no English text"));
                if let Some(takes) = arguments {
                    assert_eq!(
                        !args.is_empty(),
                        takes,
                        "{key} is used with{} arguments",
                        if takes { "" } else { "out" }
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} keys found: the scan is broken");
}

#[test]
#[should_panic(expected = "no message no.such.key")]
fn a_key_no_language_has_stops_a_debug_build() {
    let _ = Lang::De.t(&["no", "such", "key"].join("."));
}

#[test]
fn looks_up_and_fills_named_arguments() {
    assert_eq!(Lang::Fr.t("nav.login"), "Connexion");
    assert_eq!(
        Lang::Fr.msg(&Msg::with("error.rate_limited", "minutes", 3)),
        "Trop de tentatives. Réessayez dans 3 minutes."
    );
    assert_eq!(
        Lang::En.msg(&Msg::with("error.rate_limited", "minutes", 1)),
        "Too many attempts. Please try again in 1 minute."
    );
    let report = Msg::with("legacy.report.users", "imported", 4).and("skipped", 2).and("conflicts", 1);
    assert_eq!(Lang::En.msg(&report), "Members: 4 imported, 2 skipped, 1 in conflict");
}

/// "1 participant", "3 participants" by each language's plural rules (French counts 0 as one).
#[test]
fn counts_follow_each_languages_plural_rules() {
    let load = |lang: Lang, n: i64| lang.fmt("status.load_plain", &[("count", n.into())]);
    assert_eq!(
        [load(Lang::En, 0), load(Lang::En, 1), load(Lang::En, 3)],
        ["0 participants", "1 participant", "3 participants"]
    );
    assert_eq!(
        [load(Lang::Fr, 0), load(Lang::Fr, 1), load(Lang::Fr, 2)],
        ["0 participant", "1 participant", "2 participants"]
    );
    assert_eq!([load(Lang::De, 1), load(Lang::De, 3)], ["1 teilnehmende Person", "3 Teilnehmende"]);
    assert_eq!([load(Lang::Es, 1), load(Lang::Es, 3)], ["1 participante", "3 participantes"]);
    assert_eq!(load(Lang::De, 12_345), "12.345 Teilnehmende", "numbers as German writes them");
    assert_eq!(load(Lang::Fr, 12_345), "12\u{202f}345 participants");
}

#[test]
fn accept_language_honours_quality_and_falls_back() {
    assert_eq!(Lang::from_accept_language("de-CH, fr;q=0.9"), Some(Lang::De));
    assert_eq!(Lang::from_accept_language("it, fr;q=0.5, es;q=0.8"), Some(Lang::Es));
    assert_eq!(Lang::from_accept_language("it, ja"), None);
}
