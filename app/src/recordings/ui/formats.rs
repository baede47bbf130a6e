//! A recording's formats as links, each named in the reader's language and with its size where the
//! region says: what Greenlight shows as one button per format.
use crate::i18n::{Lang, t};
use crate::recordings::model::{FormatView, size_text};
use leptos::prelude::*;

/// The format's name: the four languages name BBB's own; another is shown as the region calls it.
fn name_of(kind: &str) -> String {
    let key = format!("recording.format.{kind}");
    if Lang::knows(&key) { t(&key).to_string() } else { kind.to_string() }
}

#[component]
pub fn Formats(formats: Vec<FormatView>, size: Option<u64>) -> impl IntoView {
    view! {
        <span class="formats" data-testid="formats">
            {formats.into_iter().map(|f| {
                let size = f.size.map(|b| format!(" ({})", size_text(b)));
                let download = f.download.map(|href| view! { " " <a href=href class="hint" data-download=f.kind.clone()>{t("recording.download")}</a> });
                view! { " · " <a href=f.url data-format=f.kind.clone()>{name_of(&f.kind)}</a>{size}{download} }
            }).collect_view()}
            {size.map(|b| view! { " · " <span class="hint">{t("recording.size")} " " {size_text(b)}</span> })}
        </span>
    }
}
