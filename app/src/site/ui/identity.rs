//! `/admin/site`: the co-op's name, accent colour and welcome, and its logo. What the admin typed
//! stays after a refusal, with the reason next to the field (a colour too pale gives its ratio).
use crate::accounts::ui::RequireAdmin;
use crate::i18n::{t, tf, use_lang};
use crate::site::api::identity::{RemoveLogo, SaveIdentity, UploadLogo, read_identity};
use crate::site::model::identity::{Identity, LOGO_MOST_BYTES, LOGO_MOST_PIXELS};
use crate::ui::typed::Kept;
use crate::ui::{Field, FormError, PostForm, carried_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn AdminSitePage() -> impl IntoView {
    view! {
        <RequireAdmin children=move |_| {
            crate::ui::awaited(async move {
                match crate::ui::read(read_identity()).await {
                    Ok(kept) => view! { <Forms kept/> }.into_any(),
                    Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                }
            })
        }/>
    }
}

#[component]
fn Forms(kept: Identity) -> impl IntoView {
    let error = Signal::stored(carried_error::<SaveIdentity>());
    let typed = Kept::for_form(<SaveIdentity as ServerFn>::PATH);
    let welcome = typed.text("welcome", kept.welcome.clone().unwrap_or_default());
    view! {
        <crate::ui::PageHeading text=t("site.admin_title")/>
        <crate::ui::Notice flags=&[("saved", "common.saved"), ("uploaded", "site.logo.uploaded"), ("removed", "site.logo.removed")]/>
        <p class="hint">{t("site.admin_intro")}</p>
        <section class="card">
            <h2>{t("site.identity")}</h2>
            <FormError error/>
            <PostForm<SaveIdentity> testid="identity-form">
                <Field label="site.name" name="name" error required=true value=Signal::stored(kept.name.clone())/>
                <Field label="site.accent" name="accent" error hint="site.accent.hint"
                    value=Signal::stored(kept.accent.clone().unwrap_or_default())/>
                <div class="field">
                    <label for="f-welcome">{t("site.welcome")}</label>
                    <p class="hint">{t("site.welcome.hint")}</p>
                    <textarea id="f-welcome" name="welcome" rows="3">{welcome}</textarea>
                    <crate::ui::FieldMessage error name="welcome"/>
                </div>
                <button type="submit" class="btn-primary">{t("common.save")}</button>
            </PostForm<SaveIdentity>>
        </section>
        <Logo version=kept.logo/>
        <super::LinksSection/>
    }
}

#[component]
fn Logo(version: Option<i64>) -> impl IntoView {
    let error = Signal::stored(carried_error::<UploadLogo>());
    let lang = use_lang();
    let message = move || error.get().and_then(|e| e.field_errors().and_then(|f| f.get("file").map(|m| lang.msg(m))));
    let hint = tf(
        "site.logo.hint",
        &[("max", ((LOGO_MOST_BYTES / 1024) as i64).into()), ("pixels", (LOGO_MOST_PIXELS as i64).into())],
    );
    view! {
        <section class="card" id="logo" data-testid="logo">
            <h2>{t("site.logo")}</h2>
            {match version {
                Some(v) => view! {
                    <p><img src=format!("/site/logo?v={v}") alt=t("site.logo.current") class="logo-preview"/></p>
                    <PostForm<RemoveLogo> class="inline">
                        <button type="submit" class="btn-danger">{t("site.logo.remove")}</button>
                    </PostForm<RemoveLogo>>
                }.into_any(),
                None => view! { <p class="hint">{t("site.logo.none")}</p> }.into_any(),
            }}
            <form method="post" action={<UploadLogo as ServerFn>::PATH} enctype="multipart/form-data" data-testid="logo-upload">
                <div class="field">
                    <label for="f-logo">{t("site.logo.file")}</label>
                    <p class="hint" id="f-logo-hint">{hint}</p>
                    <input id="f-logo" name="file" type="file" required=true accept="image/png,image/jpeg,image/webp,image/gif"
                        aria-describedby="f-logo-hint" aria-invalid=move || message().is_some().then_some("true")/>
                    {move || message().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <button type="submit" class="btn-primary">{t("site.logo.upload")}</button>
            </form>
        </section>
    }
}
