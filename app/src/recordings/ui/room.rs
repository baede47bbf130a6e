//! The recordings part of a room's page.
use crate::error::AppError;
use crate::i18n::{Texts, t, use_lang};
use crate::recordings::api::{OpenRecordings, list_recordings};
use crate::recordings::model::RecordingView;
use crate::ui::{Field, FormError, PostForm, Submit, refusal_of};
use leptos::prelude::*;

/// The room's recordings the viewer may watch. In a room with an access code a visitor may give
/// the code, as to join, to see those kept for the room's people too: a plain form
/// (`recordings/open`) that works without JavaScript, the code kept in the visitor's session rather
/// than put in an address. Once given, the list shows them on every view.
#[component]
pub fn Recordings(slug: String, manages: bool) -> impl IntoView {
    let code_error = refusal_of::<OpenRecordings>();
    let texts = Texts::of(use_lang(), &SUMMARY_TEXTS);
    let page = crate::ui::address::query("recordings").and_then(|p| p.parse().ok());
    let list = crate::ui::awaited(async move {
        match crate::ui::read(list_recordings(slug.clone(), None, page)).await {
            Ok(found) => {
                // A room with an access code: the code form sits under what the viewer sees already.
                let code = found.code_opens_more.then(|| view! { <CodeForm slug=slug.clone() error=code_error/> });
                let list = if found.recordings.is_empty() {
                    view! { <p>{t("recording.none")}</p> }.into_any()
                } else {
                    let items = found.recordings.into_iter().map(|r| {
                        view! { <RecordingItem r slug=slug.clone() texts=texts.clone() manages/> }
                    });
                    let pager = pager(&slug, found.page, found.pages);
                    view! { <ul class="recordings" data-testid="recordings">{items.collect_view()}</ul> {pager} }
                        .into_any()
                };
                view! { {list} {code} }.into_any()
            }
            // The code given in this session is no longer the room's, or was wrong.
            Err(e) if asks_for_code(&e) => view! { <CodeForm slug=slug.clone() error=code_error/> }.into_any(),
            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    });
    view! {
        <section class="card" id="recordings">
            <h2>{t("recording.title")}</h2>
            {list}
        </section>
    }
}

/// The list was refused for want of the right access code (not for a rule the code cannot lift).
fn asks_for_code(e: &AppError) -> bool {
    e.field_errors().is_some_and(|f| f.get("access_code").is_some())
}

/// What a line of the list shows.
pub(super) const SUMMARY_TEXTS: [&str; 2] = ["recording.unpublished", "recording.manage"];

/// Asks a visitor for the room's access code; a refused code comes back next to the field.
#[component]
fn CodeForm(slug: String, error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <p>{t("recording.code_needed")}</p>
        <PostForm<OpenRecordings> novalidate=true testid="recordings-code">
            <FormError error/>
            <input type="hidden" name="slug" value=slug/>
            <Field label="recording.code" name="access_code" error autocomplete="off" required=true form="recordings"/>
            <Submit label="recording.show" pending=false/>
        </PostForm<OpenRecordings>>
    }
}

/// A recording's name, date, length, link and state, as a line of the list.
pub(super) fn summary(r: &RecordingView, texts: &Texts) -> impl IntoView + use<> {
    view! {
        <strong>{r.name.clone()}</strong> " · " {r.when.clone()} " · " {r.length.clone()}
        <super::formats::Formats formats=r.formats.clone() size=r.size/>
        {(!r.published).then(|| view! { " " <span class="badge">{texts.get("recording.unpublished")}</span> })}
        {(!r.description.is_empty()).then(|| view! { <p class="hint" data-testid="recording-description">{r.description.clone()}</p> })}
    }
}

/// A line of the list; for the room's managers, a link to the recording's own page, where they
/// change it (five forms on each of a long list's lines made the page slow and hard to scan).
#[component]
fn RecordingItem(r: RecordingView, slug: String, texts: Texts, manages: bool) -> impl IntoView {
    let linkable = manages && crate::recordings::model::plain(&r.record_id);
    let manage = linkable.then(|| format!("/r/{slug}/recordings/{}", r.record_id));
    view! {
        <li>
            {summary(&r, &texts)}
            {manage.map(|href| view! { " " <a href=href class="btn-small" data-testid="recording-manage">{texts.get("recording.manage")}</a> })}
        </li>
    }
}

/// Newer and older pages of the list, when there is more than one.
fn pager(slug: &str, page: usize, pages: usize) -> impl IntoView + use<> {
    let link = |to: usize| format!("/r/{slug}?recordings={to}#recordings");
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=t("recording.pages") data-testid="recordings-pager">
                {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{t("recording.newer")}</a> " " })}
                <span>{crate::i18n::tf("recording.page", &[("page", page.into()), ("pages", pages.into())])}</span>
                {(page < pages).then(|| view! { " " <a href=link(page + 1) rel="next">{t("recording.older")}</a> })}
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_summary_texts_exist() {
        for key in super::SUMMARY_TEXTS {
            assert!(crate::i18n::Lang::knows(key), "{key}");
        }
    }
}
