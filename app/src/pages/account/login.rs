use crate::i18n::t;
use crate::sso::ui::{ProviderButtons, callback_message};
use crate::ui::address::query_param;
use crate::ui::{Field, FormError, Submit, form_error};
use leptos::prelude::*;

#[component]
pub fn LoginPage() -> impl IntoView {
    let verified = query_param("verified");
    let reset = query_param("reset");
    let sso = query_param("sso");
    let page = crate::ui::awaited(async move {
        let options = crate::ui::read(crate::sso::api::sign_in_options()).await.unwrap_or_default();
        let passwords = options.passwords;
        let both = passwords && !options.providers.is_empty();
        view! {
            <ProviderButtons providers=options.providers/>
            {both.then(|| view! { <p class="separator">{t("sso.or_password")}</p> })}
            {passwords.then(|| view! { <PasswordLogin/> })}
        }
    });
    view! {
        <section class="card narrow">
            <crate::ui::PageHeading text=t("login.title")/>
            {move || (verified.get() == "1").then(|| view! { <p class="notice" role="status">{t("login.verified")}</p> })}
            {move || (verified.get() == "pending").then(|| view! { <p class="notice" role="status" data-testid="verified-pending">{t("login.verified_pending")}</p> })}
            {move || (reset.get() == "1").then(|| view! { <p class="notice" role="status">{t("login.reset_done")}</p> })}
            {move || callback_message(&sso.get()).map(|text| if sso.get() == "sso.link_mailed" {
                view! { <p class="notice" role="status" data-testid="sso-notice">{text}</p> }.into_any()
            } else {
                view! { <p class="form-error" role="alert" data-testid="sso-error">{text}</p> }.into_any()
            })}
            {page}
        </section>
    }
}

#[component]
fn PasswordLogin() -> impl IntoView {
    let action = ServerAction::<crate::accounts::api::Login>::new();
    let error = form_error(action);
    let unverified = move || error.get().is_some_and(|e| e.message().key == "login.unverified");
    view! {
        <ActionForm action=action attr:novalidate=true attr:data-testid="login-form">
            <FormError error/>
            {move || unverified().then(|| view! { <p><a href="/verify/resend">{t("verify.resend.link")}</a></p> })}
            <Field label="field.email" name="email" kind="email" error autocomplete="email" required=true/>
            <Field label="field.password" name="password" kind="password" error autocomplete="current-password" required=true/>
            <div class="check">
                <input type="checkbox" id="f-remember" name="remember" value="on"/>
                <label for="f-remember">{t("login.remember")}</label>
            </div>
            <Submit label="login.submit" pending=action.pending()/>
        </ActionForm>
        <p class="aside"><a href="/password/forgot">{t("login.forgot")}</a></p>
        <p class="aside">{t("login.no_account")} " " <a href="/signup">{t("nav.signup")}</a></p>
    }
}
