//! A room's presentations on its settings page: the list in the order BBB shows them, the default
//! first when a meeting starts; moving, choosing and deleting; uploading one more.
use crate::i18n::{t, tf, use_lang};
use crate::rooms::api::{ChangePresentation, UploadPresentation};
use crate::rooms::model::{PRESENTATION_MOST_BYTES, PRESENTATIONS_MOST, PresentationView};
use crate::ui::{FormError, PostForm};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn Presentations(slug: String, list: Vec<PresentationView>) -> impl IntoView {
    let error = Signal::stored(crate::ui::carried_error::<UploadPresentation>());
    let lang = use_lang();
    let message = move || error.get().and_then(|e| e.field_errors().and_then(|f| f.get("file").map(|m| lang.msg(m))));
    let most = (PRESENTATION_MOST_BYTES / (1024 * 1024)) as i64;
    view! {
        <section class="card" id="presentations" data-testid="presentations">
            <h2>{t("room.presentations")}</h2>
            <p class="hint">{tf("room.presentations.hint", &[("max", most.into()), ("count", PRESENTATIONS_MOST.into())])}</p>
            <crate::ui::Notice flags=&[("uploaded", "room.presentation.uploaded"), ("arranged", "common.saved")]/>
            {list.is_empty().then(|| view! { <p>{t("room.presentations.none")}</p> })}
            <ol>
                {list.into_iter().map(|p| view! { <Item slug=slug.clone() p/> }).collect_view()}
            </ol>
            <form method="post" action={<UploadPresentation as ServerFn>::PATH} enctype="multipart/form-data" data-testid="presentation-upload">
                <FormError error/>
                <input type="hidden" name="slug" value=slug.clone()/>
                <div class="field">
                    <label for="f-presentation">{t("room.presentation.file")}</label>
                    <p class="hint" id="f-presentation-hint">{t("room.presentation.kinds")}</p>
                    <input id="f-presentation" name="file" type="file" required=true
                        accept=".pdf,.pptx,.docx,.xlsx,.odp,.odt,.ods,.png,.jpg,.jpeg"
                        aria-describedby="f-presentation-hint"
                        aria-invalid=move || message().is_some().then_some("true")/>
                    {move || message().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <button type="submit" class="btn-primary">{t("room.presentation.upload")}</button>
            </form>
        </section>
    }
}

#[component]
fn Item(slug: String, p: PresentationView) -> impl IntoView {
    let size = format!("{:.1} MB", p.size as f64 / (1024.0 * 1024.0));
    let action = |slug: String, id: i64, action: &'static str, label: &'static str| {
        view! {
            <PostForm<ChangePresentation> class="inline">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="action" value=action/>
                <button type="submit" class="btn-small">{t(label)}</button>
            </PostForm<ChangePresentation>>
        }
    };
    view! {
        <li data-testid="presentation">
            <strong>{p.name.clone()}</strong> " · " {size}
            {p.is_default.then(|| view! { " · " <span class="badge" data-testid="default-presentation">{t("room.presentation.default")}</span> })}
            <div class="actions">
                {(!p.is_default).then(|| action(slug.clone(), p.id, "default", "room.presentation.make_default"))}
                {action(slug.clone(), p.id, "up", "room.presentation.up")}
                {action(slug.clone(), p.id, "down", "room.presentation.down")}
                {action(slug.clone(), p.id, "delete", "room.presentation.delete")}
            </div>
        </li>
    }
}
