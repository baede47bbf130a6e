use crate::accounts::api::{RequestReset, ResetPassword};
use crate::i18n::t;
use crate::ui::address::query_param;
use crate::ui::{Field, FormError, Submit, form_error};
use leptos::prelude::*;

#[component]
pub fn ForgotPage() -> impl IntoView {
    let action = ServerAction::<RequestReset>::new();
    let error = form_error(action);
    let sent = query_param("sent");
    let sent = Signal::derive(move || sent.get() == "1");
    view! {
        <section class="card narrow">
            <crate::ui::PageHeading text=t("forgot.title")/>
            <p>{t("forgot.explain")}</p>
            {move || sent.get().then(|| view! { <p class="notice" role="status">{t("forgot.sent")}</p> })}
            <ActionForm action=action attr:novalidate=true>
                <FormError error/>
                <Field label="field.email" name="email" kind="email" error autocomplete="email" required=true/>
                <Submit label="forgot.submit" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let error = form_error(action);
    let token = query_param("token");
    view! {
        <section class="card narrow">
            <crate::ui::PageHeading text=t("reset.title")/>
            <ActionForm action=action attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="token" value=move || token.get()/>
                <Field label="field.new_password" name="password" kind="password" error
                    autocomplete="new-password" hint="field.password.hint" required=true/>
                <Submit label="reset.submit" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}
