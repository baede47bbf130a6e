//! On the admin's accounts page: the domains whose addresses sign up without approval or
//! invitation. What was typed stays after a refusal, with the domain that is wrong named.
use crate::accounts::api::admin::{SetRegistrationDomains, registration_domains};
use crate::i18n::t;
use crate::ui::typed::Kept;
use crate::ui::{FieldMessage, FormError, PostForm, carried_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn DomainsForm() -> impl IntoView {
    let error = Signal::stored(carried_error::<SetRegistrationDomains>());
    crate::ui::awaited(async move {
        let listed = match crate::ui::read(registration_domains()).await {
            Ok(listed) => listed,
            Err(e) => return view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        };
        let text = Kept::for_form(<SetRegistrationDomains as ServerFn>::PATH).text("domains", listed.join("\n"));
        view! {
            <section class="card" id="domains">
                <h2>{t("admin.domains")}</h2>
                <PostForm<SetRegistrationDomains> testid="domains-form">
                    <div class="field">
                        <label for="f-domains">{t("admin.domains.label")}</label>
                        <p class="hint" id="f-domains-hint">{t("admin.domains.hint")}</p>
                        <textarea id="f-domains" name="domains" rows="3" aria-describedby="f-domains-hint">{text}</textarea>
                        <FieldMessage error name="domains"/>
                    </div>
                    <button type="submit" class="btn-primary">{t("common.save")}</button>
                </PostForm<SetRegistrationDomains>>
            </section>
        }
        .into_any()
    })
}
