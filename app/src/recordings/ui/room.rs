//! The recordings part of a room's page.
use crate::i18n::t;
use crate::recordings::api::{
    DeleteRecording, PublishRecording, RenameRecording, SetRecordingVisibility, list_recordings,
};
use crate::recordings::model::{RecordingView, Visibility};
use crate::ui::FormError;
use crate::ui::form_error;
use leptos::prelude::*;

/// The room's recordings. In a room with a viewer code a visitor first gives the code, as to join.
#[component]
pub fn Recordings(slug: String, manages: bool, #[prop(optional)] needs_code: bool) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let rename = ServerAction::<RenameRecording>::new();
    let publish = ServerAction::<PublishRecording>::new();
    let visibility = ServerAction::<SetRecordingVisibility>::new();
    let delete = ServerAction::<DeleteRecording>::new();
    let errors = [form_error(rename), form_error(publish), form_error(visibility), form_error(delete)];
    let error = Signal::derive(move || errors.iter().find_map(|e| e.get()));
    let key = slug.clone();
    let list = Resource::new(
        move || {
            (
                key.clone(),
                code.get(),
                rename.version().get(),
                publish.version().get(),
                visibility.version().get(),
                delete.version().get(),
            )
        },
        move |(slug, code, ..)| async move {
            if needs_code && code.is_empty() {
                return Ok(None);
            }
            list_recordings(slug, Some(code).filter(|c| !c.is_empty())).await.map(Some)
        },
    );
    view! {
        <section class="card">
            <h2>{t("recording.title")}</h2>
            <FormError error/>
            <Transition fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || {
                    let slug = slug.clone();
                    Suspend::new(async move {
                        match list.await {
                            Ok(None) => view! { <CodeForm code/> }.into_any(),
                            Ok(Some(list)) if list.is_empty() => view! { <p>{t("recording.none")}</p> }.into_any(),
                            Ok(Some(list)) => view! {
                                <ul class="recordings" data-testid="recordings">
                                    {list.into_iter().map(|r| view! {
                                        <RecordingItem r slug=slug.clone() manages rename publish visibility delete/>
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

/// Asks a visitor for the room's access code before its recordings are listed.
#[component]
fn CodeForm(code: RwSignal<String>) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    view! {
        <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); code.set(typed.get()); }>
            <label for="f-recordings-code">{t("recording.code_needed")}</label>
            <input id="f-recordings-code" type="text" autocomplete="off" bind:value=typed/>
            <button type="submit" class="btn">{t("recording.show")}</button>
        </form>
    }
}

#[component]
fn RecordingItem(
    r: RecordingView,
    slug: String,
    manages: bool,
    rename: ServerAction<RenameRecording>,
    publish: ServerAction<PublishRecording>,
    visibility: ServerAction<SetRecordingVisibility>,
    delete: ServerAction<DeleteRecording>,
) -> impl IntoView {
    let date = r.when.clone();
    let id = r.record_id.clone();
    view! {
        <li>
            <strong>{r.name.clone()}</strong> " · " {date} " · " {t("recording.minutes").replace("{}", &r.minutes.to_string())}
            {r.playback_url.clone().map(|url| view! { " · " <a href=url>{t("recording.watch")}</a> })}
            {(!r.published).then(|| view! { " " <span class="badge">{t("recording.unpublished")}</span> })}
            {manages.then(move || {
                let [s1, s2, s3, s4] = [slug.clone(), slug.clone(), slug.clone(), slug];
                let [i1, i2, i3, i4] = [id.clone(), id.clone(), id.clone(), id.clone()];
                let (rename_id, vis_id, del_id) = (format!("rn-{id}"), format!("vis-{id}"), format!("del-{id}"));
                view! {
                <div class="actions">
                    <ActionForm action=rename attr:class="inline">
                        <input type="hidden" name="slug" value=s1/>
                        <input type="hidden" name="record_id" value=i1/>
                        <label class="sr-only" for=rename_id.clone()>{t("recording.name")}</label>
                        <input id=rename_id name="name" value=r.name.clone()/>
                        <button type="submit" class="btn-small">{t("recording.rename")}</button>
                    </ActionForm>
                    <ActionForm action=publish attr:class="inline">
                        <input type="hidden" name="slug" value=s2/>
                        <input type="hidden" name="record_id" value=i2/>
                        <input type="hidden" name="publish" value=(!r.published).to_string()/>
                        <button type="submit" class="btn-small">{if r.published { t("recording.unpublish") } else { t("recording.publish") }}</button>
                    </ActionForm>
                    <ActionForm action=visibility attr:class="inline">
                        <input type="hidden" name="slug" value=s3/>
                        <input type="hidden" name="record_id" value=i3/>
                        <label class="sr-only" for=vis_id.clone()>{t("recording.visibility")}</label>
                        <select id=vis_id name="visibility">
                            {Visibility::ALL.into_iter().map(|v| view! {
                                <option value=v.as_str() selected=v == r.visibility>{t(&format!("recording.visibility.{}", v.as_str()))}</option>
                            }).collect_view()}
                        </select>
                        <button type="submit" class="btn-small">{t("common.save")}</button>
                    </ActionForm>
                    <ActionForm action=delete attr:class="inline">
                        <input type="hidden" name="slug" value=s4/>
                        <input type="hidden" name="record_id" value=i4/>
                        <input type="checkbox" id=del_id.clone() name="confirm" value="on"/>
                        <label for=del_id>{t("recording.delete_confirm")}</label>
                        <button type="submit" class="btn-small">{t("common.delete")}</button>
                    </ActionForm>
                </div>
            }})}
        </li>
    }
}
