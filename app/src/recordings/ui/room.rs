//! The recordings part of a room's page.
use crate::i18n::{Texts, t, use_lang};
use crate::recordings::api::{
    DeleteRecording, PublishRecording, RenameRecording, SetRecordingVisibility, list_recordings,
};
use crate::recordings::model::{RecordingView, Visibility};
use crate::ui::{FormError, PostForm, carried_error};
use leptos::prelude::*;

/// The room's recordings. In a room with a viewer code a visitor first gives the code, as to join.
#[component]
pub fn Recordings(slug: String, manages: bool, #[prop(optional)] needs_code: bool) -> impl IntoView {
    let lang = use_lang();
    if needs_code {
        let texts = Texts::of(lang, &CODE_GATE_TEXTS);
        return view! {
            <section class="card">
                <h2>{t("recording.title")}</h2>
                <CodeGatedRecordings slug texts/>
            </section>
        }
        .into_any();
    }
    let refused = [
        carried_error::<RenameRecording>(),
        carried_error::<PublishRecording>(),
        carried_error::<SetRecordingVisibility>(),
        carried_error::<DeleteRecording>(),
    ];
    let error = Signal::stored(refused.into_iter().flatten().next());
    let texts = Texts::of(lang, &SUMMARY_TEXTS);
    let list = crate::ui::awaited(async move {
        match crate::ui::read(list_recordings(slug.clone(), None)).await {
            Ok(list) if list.is_empty() => view! { <p>{t("recording.none")}</p> }.into_any(),
            Ok(list) => view! {
                <ul class="recordings" data-testid="recordings">
                    {list.into_iter().map(|r| view! { <RecordingItem r slug=slug.clone() texts=texts.clone() manages/> }).collect_view()}
                </ul>
            }
            .into_any(),
            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    });
    view! {
        <section class="card">
            <h2>{t("recording.title")}</h2>
            <FormError error/>
            {list}
        </section>
    }
    .into_any()
}

/// What a line of the list shows.
const SUMMARY_TEXTS: [&str; 2] = ["recording.watch", "recording.unpublished"];
/// What the code gate shows besides the lines: its form, the empty list and its refusals.
const CODE_GATE_TEXTS: [&str; 11] = [
    "recording.watch",
    "recording.unpublished",
    "recording.code_needed",
    "recording.show",
    "recording.none",
    "field.access_code.wrong",
    "field.access_code.required",
    "error.rate_limited.any",
    "error.not_found",
    "error.transport",
    "error.internal",
];

/// Asks a visitor for the room's access code, then lists the recordings it opens. An island: the
/// code is sent in a request body, never in an address, and the list appears in place.
#[island]
fn CodeGatedRecordings(slug: String, texts: Texts) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let list = Action::new(move |code: &String| list_recordings(slug.clone(), Some(code.clone())));
    let shown = StoredValue::new(texts);
    let texts = move || shown.get_value();
    let answer = move || {
        list.value().get().map(|answer| match answer {
            Ok(list) if list.is_empty() => view! { <p>{texts().get("recording.none")}</p> }.into_any(),
            Ok(list) => view! {
                <ul class="recordings" data-testid="recordings">
                    {list.iter().map(|r| view! { <li>{summary(r, &texts())}</li> }).collect_view()}
                </ul>
            }
            .into_any(),
            Err(e) => {
                let msg = e.field_errors().and_then(|f| f.get("access_code").cloned()).unwrap_or_else(|| e.message());
                view! { <p class="form-error" role="alert">{texts().msg(&msg, "error.internal")}</p> }.into_any()
            }
        })
    };
    view! {
        <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); list.dispatch(typed.get()); }>
            <label for="f-recordings-code">{texts().get("recording.code_needed")}</label>
            <input id="f-recordings-code" type="text" autocomplete="off" bind:value=typed/>
            <button type="submit" class="btn">{texts().get("recording.show")}</button>
        </form>
        {answer}
    }
}

/// A recording's name, date, length, link and state, as a line of either list.
fn summary(r: &RecordingView, texts: &Texts) -> impl IntoView + use<> {
    view! {
        <strong>{r.name.clone()}</strong> " · " {r.when.clone()} " · " {r.length.clone()}
        {r.playback_url.clone().map(|url| { let watch = texts.get("recording.watch"); view! { " · " <a href=url>{watch}</a> } })}
        {(!r.published).then(|| view! { " " <span class="badge">{texts.get("recording.unpublished")}</span> })}
    }
}

#[component]
fn RecordingItem(r: RecordingView, slug: String, texts: Texts, manages: bool) -> impl IntoView {
    let id = r.record_id.clone();
    view! {
        <li>
            {summary(&r, &texts)}
            {manages.then(move || {
                let [s1, s2, s3, s4] = [slug.clone(), slug.clone(), slug.clone(), slug];
                let [i1, i2, i3, i4] = [id.clone(), id.clone(), id.clone(), id.clone()];
                let (rename_id, vis_id, del_id) = (format!("rn-{id}"), format!("vis-{id}"), format!("del-{id}"));
                view! {
                <div class="actions">
                    <PostForm<RenameRecording> class="inline">
                        <input type="hidden" name="slug" value=s1/>
                        <input type="hidden" name="record_id" value=i1/>
                        <label class="sr-only" for=rename_id.clone()>{t("recording.name")}</label>
                        <input id=rename_id name="name" value=r.name.clone()/>
                        <button type="submit" class="btn-small">{t("recording.rename")}</button>
                    </PostForm<RenameRecording>>
                    <PostForm<PublishRecording> class="inline">
                        <input type="hidden" name="slug" value=s2/>
                        <input type="hidden" name="record_id" value=i2/>
                        <input type="hidden" name="publish" value=(!r.published).to_string()/>
                        <button type="submit" class="btn-small">{if r.published { t("recording.unpublish") } else { t("recording.publish") }}</button>
                    </PostForm<PublishRecording>>
                    <PostForm<SetRecordingVisibility> class="inline">
                        <input type="hidden" name="slug" value=s3/>
                        <input type="hidden" name="record_id" value=i3/>
                        <label class="sr-only" for=vis_id.clone()>{t("recording.visibility")}</label>
                        <select id=vis_id name="visibility">
                            {Visibility::ALL.into_iter().map(|v| view! {
                                <option value=v.as_str() selected=v == r.visibility>{t(&format!("recording.visibility.{}", v.as_str()))}</option>
                            }).collect_view()}
                        </select>
                        <button type="submit" class="btn-small">{t("common.save")}</button>
                    </PostForm<SetRecordingVisibility>>
                    <PostForm<DeleteRecording> class="inline">
                        <input type="hidden" name="slug" value=s4/>
                        <input type="hidden" name="record_id" value=i4/>
                        <input type="checkbox" id=del_id.clone() name="confirm" value="on"/>
                        <label for=del_id>{t("recording.delete_confirm")}</label>
                        <button type="submit" class="btn-small">{t("common.delete")}</button>
                    </PostForm<DeleteRecording>>
                </div>
            }})}
        </li>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_islands_texts_exist() {
        for key in super::SUMMARY_TEXTS.iter().chain(&super::CODE_GATE_TEXTS) {
            assert!(crate::i18n::Lang::knows(key), "{key}");
        }
    }
}
