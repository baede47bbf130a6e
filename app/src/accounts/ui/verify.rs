//! Confirming an address from a mailed link. The link opens a page with one button rather than
//! acting on the GET, so mail scanners that fetch links cannot use them up.
use crate::accounts::api::{ConfirmEmail, ResendVerification, VerifyEmail};
use crate::i18n::t;
use crate::ui::address::query_param;
use crate::ui::{Field, FormError, Submit, form_error};
use leptos::prelude::*;

#[component]
pub fn VerifyPage() -> impl IntoView {
    let action = ServerAction::<VerifyEmail>::new();
    let error = form_error(action);
    let token = query_param("token");
    view! {
        <section class="card narrow">
            <crate::ui::PageHeading text=t("verify.title")/>
            <p>{t("verify.explain")}</p>
            <ActionForm action=action attr:data-testid="verify-form">
                <FormError error/>
                <input type="hidden" name="token" value=move || token.get()/>
                <Submit label="verify.submit" pending=action.pending()/>
            </ActionForm>
            <p class="aside"><a href="/verify/resend">{t("verify.resend.link")}</a></p>
        </section>
    }
}

#[component]
pub fn ResendPage() -> impl IntoView {
    let action = ServerAction::<ResendVerification>::new();
    let error = form_error(action);
    let sent = query_param("sent");
    let sent = Signal::derive(move || sent.get() == "1");
    view! {
        <section class="card narrow">
            <crate::ui::PageHeading text=t("verify.resend.title")/>
            {move || sent.get().then(|| view! { <p class="notice" role="status">{t("verify.resend.sent")}</p> })}
            <ActionForm action=action attr:novalidate=true>
                <FormError error/>
                <Field label="field.email" name="email" kind="email" error autocomplete="email" required=true/>
                <Submit label="verify.resend.submit" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let action = ServerAction::<ConfirmEmail>::new();
    let error = form_error(action);
    let token = query_param("token");
    view! {
        <section class="card narrow">
            <crate::ui::PageHeading text=t("email_confirm.title")/>
            <ActionForm action=action>
                <FormError error/>
                <input type="hidden" name="token" value=move || token.get()/>
                <Submit label="email_confirm.submit" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}
