//! Each language's Fluent bundle, built once on first use from its `.ftl` file. Messages without
//! arguments are formatted once too and kept, so the many `t("…")` of a page are a map lookup.
use super::Lang;
use crate::error::Arg;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use std::collections::HashMap;
use std::sync::OnceLock;

pub(super) fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("en.ftl"),
        Lang::Fr => include_str!("fr.ftl"),
        Lang::De => include_str!("de.ftl"),
        Lang::Es => include_str!("es.ftl"),
    }
}

struct Table {
    bundle: FluentBundle<FluentResource>,
    /// The texts of the messages that take no arguments, by the code's dotted key.
    plain: HashMap<String, &'static str>,
    /// Every message's dotted key.
    keys: std::collections::HashSet<String>,
}

fn table(lang: Lang) -> &'static Table {
    static TABLES: [OnceLock<Table>; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    TABLES[lang as usize].get_or_init(|| build(lang))
}

/// The language's resource; a syntax error is a bug the tests catch (`every_file_parses`).
pub(super) fn resource(lang: Lang) -> FluentResource {
    FluentResource::try_new(source(lang).to_string()).unwrap_or_else(|(resource, errors)| {
        debug_assert!(errors.is_empty(), "{}.ftl: {errors:?}", lang.code());
        resource
    })
}

fn build(lang: Lang) -> Table {
    let resource = resource(lang);
    let ids: Vec<String> = resource
        .entries()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect();
    let mut bundle = FluentBundle::new_concurrent(vec![langid(lang)]);
    // Bidi isolation marks around arguments help right-to-left languages; these four are not.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(formatter(lang)));
    if let Err(errors) = bundle.add_resource(resource) {
        debug_assert!(errors.is_empty(), "{}.ftl: {errors:?}", lang.code());
    }
    let mut plain = HashMap::new();
    for id in &ids {
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else { continue };
        if takes_arguments(pattern) {
            continue;
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, None, &mut errors).into_owned();
        // Formatted once per process and kept for its life, like the file they come from.
        plain.insert(id.replace('-', "."), &*Box::leak(text.into_boxed_str()));
    }
    let keys = ids.iter().map(|id| id.replace('-', ".")).collect();
    Table { bundle, plain, keys }
}

fn langid(lang: Lang) -> unic_langid::LanguageIdentifier {
    lang.code().parse().unwrap_or_default()
}

/// Whether a pattern refers to a variable anywhere (in text or in a selector).
fn takes_arguments(pattern: &ast::Pattern<&str>) -> bool {
    let mut found = Vec::new();
    variables(pattern, &mut found);
    !found.is_empty()
}

/// The names of the variables a pattern refers to, in its text, selectors and function calls.
pub(super) fn variables<'a>(pattern: &'a ast::Pattern<&'a str>, out: &mut Vec<&'a str>) {
    fn inline<'a>(e: &'a ast::InlineExpression<&'a str>, out: &mut Vec<&'a str>) {
        match e {
            ast::InlineExpression::VariableReference { id } => out.push(id.name),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                arguments.positional.iter().for_each(|a| inline(a, out));
                arguments.named.iter().for_each(|a| inline(&a.value, out));
            }
            ast::InlineExpression::Placeable { expression } => expression_of(expression, out),
            _ => {}
        }
    }
    fn expression_of<'a>(e: &'a ast::Expression<&'a str>, out: &mut Vec<&'a str>) {
        match e {
            ast::Expression::Inline(i) => inline(i, out),
            ast::Expression::Select { selector, variants } => {
                inline(selector, out);
                variants.iter().for_each(|v| variables(&v.value, out));
            }
        }
    }
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_of(expression, out);
        }
    }
}

pub(super) fn plain(lang: Lang, key: &str) -> Option<&'static str> {
    table(lang).plain.get(key).copied()
}

/// Every message that takes no arguments, as (dotted key, text).
pub(super) fn plain_all(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    table(lang).plain.iter().map(|(key, text)| (key.as_str(), *text))
}

pub(super) fn has(lang: Lang, key: &str) -> bool {
    table(lang).keys.contains(key)
}

pub(super) fn format(lang: Lang, key: &str, args: &[(&str, Arg)]) -> Option<String> {
    let table = table(lang);
    let message = table.bundle.get_message(&key.replace('.', "-"))?;
    let pattern = message.value()?;
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Number(n) => fluent.set(*name, FluentValue::from(*n)),
            Arg::Text(s) => fluent.set(*name, FluentValue::from(s.as_str())),
        }
    }
    let mut errors = Vec::new();
    let text = table.bundle.format_pattern(pattern, Some(&fluent), &mut errors).into_owned();
    debug_assert!(errors.is_empty(), "{key} ({}): {errors:?}", lang.code());
    Some(text)
}

type Formatter = fn(&FluentValue, &intl_memoizer::concurrent::IntlLangMemoizer) -> Option<String>;

/// How numbers in messages are written: as the language writes them, on the server (pages and mail
/// are written there; the browser's islands get their texts from it).
fn formatter(lang: Lang) -> Formatter {
    fn number<const L: usize>(value: &FluentValue, _: &intl_memoizer::concurrent::IntlLangMemoizer) -> Option<String> {
        #[cfg(feature = "ssr")]
        if let FluentValue::Number(n) = value
            && n.value.fract() == 0.0
            && n.options.minimum_fraction_digits.is_none()
        {
            return Some(super::numbers::integer(Lang::ALL[L], n.value as i64));
        }
        let _ = value;
        None
    }
    match lang {
        Lang::En => number::<0>,
        Lang::Fr => number::<1>,
        Lang::De => number::<2>,
        Lang::Es => number::<3>,
    }
}
