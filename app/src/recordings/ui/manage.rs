//! A recording's own page, for the room's managers: its name, description, publishing, who sees
//! it, and deleting it. Each change is a plain form that works without JavaScript and comes back
//! here saying it is saved, or with the refusal next to its field.
use crate::error::AppError;
use crate::i18n::{Texts, t, tf, use_lang};
use crate::recordings::api::{
    DeleteRecording, DescribeRecording, KeepRecording, PublishRecording, RenameRecording, SetRecordingVisibility,
    one_recording,
};
use crate::recordings::model::{ManagedRecording, RecordingView, Retention, Visibility};
use crate::ui::{FormError, PostForm, carried_error};
use leptos::prelude::*;

#[component]
pub fn ManageRecordingPage() -> impl IntoView {
    let slug = crate::ui::address::param("slug").unwrap_or_default();
    let record_id = crate::ui::address::param("record_id").unwrap_or_default();
    let refused = [
        carried_error::<RenameRecording>(),
        carried_error::<DescribeRecording>(),
        carried_error::<PublishRecording>(),
        carried_error::<SetRecordingVisibility>(),
        carried_error::<DeleteRecording>(),
        carried_error::<KeepRecording>(),
    ];
    let error = Signal::stored(refused.into_iter().flatten().next());
    let texts = Texts::of(use_lang(), &super::room::SUMMARY_TEXTS);
    crate::ui::awaited(async move {
        match crate::ui::read(one_recording(slug.clone(), record_id)).await {
            Ok(ManagedRecording { recording: r, retention }) => view! {
                <crate::ui::PageHeading text=r.name.clone() testid="recording-name"/>
                <p><a href=format!("/r/{slug}#recordings")>{t("recording.back")}</a></p>
                <crate::ui::Notice flags=&[("saved", "recording.saved")]/>
                <FormError error/>
                <section class="card" data-testid="recording">
                    <p>{super::room::summary(&r, &texts)}</p>
                    {retention.map(|retention| view! { <RetentionNote retention slug=slug.clone() record_id=r.record_id.clone()/> })}
                    <Forms r slug/>
                </section>
            }
            .into_any(),
            Err(AppError::NotFound) => view! { <crate::ui::PageHeading text=t("recording.not_found")/> }.into_any(),
            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    })
}

/// The five changes, each its own form.
#[component]
fn Forms(r: RecordingView, slug: String) -> impl IntoView {
    let ids = || {
        view! {
            <input type="hidden" name="slug" value=slug.clone()/>
            <input type="hidden" name="record_id" value=r.record_id.clone()/>
        }
    };
    let [a, b, c, d, e] = [ids(), ids(), ids(), ids(), ids()];
    view! {
        <PostForm<RenameRecording> class="field">
            {a}
            <label for="recording-name">{t("recording.name")}</label>
            <input id="recording-name" name="name" value=r.name.clone() required maxlength="200"/>
            <button type="submit" class="btn-small">{t("recording.rename")}</button>
        </PostForm<RenameRecording>>
        <PostForm<DescribeRecording> class="field">
            {b}
            <label for="recording-description">{t("recording.description")}</label>
            <textarea id="recording-description" name="description" maxlength="500">{r.description.clone()}</textarea>
            <button type="submit" class="btn-small">{t("recording.describe")}</button>
        </PostForm<DescribeRecording>>
        <PostForm<SetRecordingVisibility> class="field">
            {c}
            <label for="recording-visibility">{t("recording.visibility")}</label>
            <select id="recording-visibility" name="visibility">
                {Visibility::ALL.into_iter().map(|v| view! {
                    <option value=v.as_str() selected=v == r.visibility>{t(&format!("recording.visibility.{}", v.as_str()))}</option>
                }).collect_view()}
            </select>
            {(!r.protected).then(|| view! { <p class="hint" data-testid="unprotected">{t("recording.unprotected")}</p> })}
            <button type="submit" class="btn-small">{t("common.save")}</button>
        </PostForm<SetRecordingVisibility>>
        <PostForm<PublishRecording> class="inline">
            {d}
            <input type="hidden" name="publish" value=(!r.published).to_string()/>
            <button type="submit" class="btn-small">{if r.published { t("recording.unpublish") } else { t("recording.publish") }}</button>
        </PostForm<PublishRecording>>
        <PostForm<DeleteRecording> class="inline">
            {e}
            <p class="hint">{t("recording.delete_final")}</p>
            <input type="checkbox" id="recording-delete" name="confirm" value="on"/>
            <label for="recording-delete">{t("recording.delete_confirm")}</label>
            <button type="submit" class="btn-small">{t("common.delete")}</button>
        </PostForm<DeleteRecording>>
    }
}

/// When the co-op's retention rule deletes the recording, and, where the owner's tier allows it, a
/// way to keep it (or to let it go again).
#[component]
fn RetentionNote(retention: Retention, slug: String, record_id: String) -> impl IntoView {
    let Retention { days, deletes_on, kept, may_keep } = retention;
    let said = if kept {
        tf("recording.retention.kept", &[("days", days.into())])
    } else {
        tf("recording.retention.deletes", &[("days", days.into()), ("date", deletes_on.into())])
    };
    view! {
        <div class="warning" data-testid="retention">
            <p>{said}</p>
            {may_keep.then(|| view! {
                <PostForm<KeepRecording> class="inline">
                    <input type="hidden" name="slug" value=slug/>
                    <input type="hidden" name="record_id" value=record_id/>
                    <input type="hidden" name="keep" value=(!kept).to_string()/>
                    <button type="submit" class="btn-small">
                        {if kept { t("recording.retention.let_go") } else { t("recording.retention.keep") }}
                    </button>
                </PostForm<KeepRecording>>
            })}
        </div>
    }
}
