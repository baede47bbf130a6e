//! The recordings part of a room's page.
use crate::error::AppError;
use crate::i18n::{Texts, t, use_lang};
use crate::recordings::api::{
    DeleteRecording, DescribeRecording, OpenRecordings, PublishRecording, RenameRecording, SetRecordingVisibility,
    list_recordings,
};
use crate::recordings::model::{RecordingView, Visibility};
use crate::ui::{Field, FormError, PostForm, Submit, carried_error, refusal_of};
use leptos::prelude::*;

/// The room's recordings the viewer may watch. In a room with an access code a visitor may give
/// the code, as to join, to see those kept for the room's people too: a plain form
/// (`recordings/open`) that works without JavaScript, the code kept in the visitor's session rather
/// than put in an address. Once given, the list shows them on every view.
#[component]
pub fn Recordings(slug: String, manages: bool) -> impl IntoView {
    let refused = [
        carried_error::<RenameRecording>(),
        carried_error::<DescribeRecording>(),
        carried_error::<PublishRecording>(),
        carried_error::<SetRecordingVisibility>(),
        carried_error::<DeleteRecording>(),
    ];
    let error = Signal::stored(refused.into_iter().flatten().next());
    let code_error = refusal_of::<OpenRecordings>();
    let texts = Texts::of(use_lang(), &SUMMARY_TEXTS);
    let list = crate::ui::awaited(async move {
        match crate::ui::read(list_recordings(slug.clone(), None)).await {
            Ok(found) => {
                // A room with an access code: the code form sits under what the viewer sees already.
                let code = found.code_opens_more.then(|| view! { <CodeForm slug=slug.clone() error=code_error/> });
                let list = if found.recordings.is_empty() {
                    view! { <p>{t("recording.none")}</p> }.into_any()
                } else {
                    let items = found.recordings.into_iter().map(|r| {
                        view! { <RecordingItem r slug=slug.clone() texts=texts.clone() manages/> }
                    });
                    view! { <ul class="recordings" data-testid="recordings">{items.collect_view()}</ul> }.into_any()
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
            <FormError error/>
            {list}
        </section>
    }
}

/// The list was refused for want of the right access code (not for a rule the code cannot lift).
fn asks_for_code(e: &AppError) -> bool {
    e.field_errors().is_some_and(|f| f.get("access_code").is_some())
}

/// What a line of the list shows.
const SUMMARY_TEXTS: [&str; 1] = ["recording.unpublished"];

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
fn summary(r: &RecordingView, texts: &Texts) -> impl IntoView + use<> {
    view! {
        <strong>{r.name.clone()}</strong> " · " {r.when.clone()} " · " {r.length.clone()}
        <super::formats::Formats formats=r.formats.clone() size=r.size/>
        {(!r.published).then(|| view! { " " <span class="badge">{texts.get("recording.unpublished")}</span> })}
        {(!r.description.is_empty()).then(|| view! { <p class="hint" data-testid="recording-description">{r.description.clone()}</p> })}
    }
}

#[component]
fn RecordingItem(r: RecordingView, slug: String, texts: Texts, manages: bool) -> impl IntoView {
    let id = r.record_id.clone();
    view! {
        <li>
            {summary(&r, &texts)}
            {manages.then(move || {
                let [s1, s2, s3, s4, s5] = [slug.clone(), slug.clone(), slug.clone(), slug.clone(), slug];
                let [i1, i2, i3, i4, i5] = [id.clone(), id.clone(), id.clone(), id.clone(), id.clone()];
                let (rename_id, vis_id, del_id) = (format!("rn-{id}"), format!("vis-{id}"), format!("del-{id}"));
                let describe_id = format!("ds-{id}");
                view! {
                <div class="actions">
                    <PostForm<RenameRecording> class="inline">
                        <input type="hidden" name="slug" value=s1/>
                        <input type="hidden" name="record_id" value=i1/>
                        <label class="sr-only" for=rename_id.clone()>{t("recording.name")}</label>
                        <input id=rename_id name="name" value=r.name.clone()/>
                        <button type="submit" class="btn-small">{t("recording.rename")}</button>
                    </PostForm<RenameRecording>>
                    <PostForm<DescribeRecording> class="inline">
                        <input type="hidden" name="slug" value=s5/>
                        <input type="hidden" name="record_id" value=i5/>
                        <label class="sr-only" for=describe_id.clone()>{t("recording.description")}</label>
                        <input id=describe_id name="description" value=r.description.clone()
                            placeholder=t("recording.description")/>
                        <button type="submit" class="btn-small">{t("recording.describe")}</button>
                    </PostForm<DescribeRecording>>
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
                        {(!r.protected).then(|| view! { <p class="hint" data-testid="unprotected">{t("recording.unprotected")}</p> })}
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
    fn the_summary_texts_exist() {
        for key in super::SUMMARY_TEXTS {
            assert!(crate::i18n::Lang::knows(key), "{key}");
        }
    }
}
