use crate::accounts::api::{Signup, get_registration_mode, invitation_email, open_domains};
use crate::accounts::model::RegistrationMode;
use crate::i18n::t;
use crate::ui::address::query_param;
use crate::ui::{Check, Field, FormError, Submit, form_error};
use leptos::prelude::*;

#[component]
pub fn SignupPage() -> impl IntoView {
    let action = ServerAction::<Signup>::new();
    let error = form_error(action);
    let invite = query_param("invite");
    let mode = Resource::new(|| (), |_| get_registration_mode());
    let domains = Resource::new(|| (), |_| open_domains());
    let invited = Resource::new(
        move || invite.get(),
        |token| async move { if token.is_empty() { Ok(None) } else { invitation_email(token).await } },
    );
    // When the co-op asks new members to accept its terms: where they are.
    let terms = crate::ui::brand().terms.as_ref().map(|(_, href)| href.clone());
    let invited_email = Signal::derive(move || invited.get().and_then(|r| r.ok().flatten()).unwrap_or_default());
    view! {
        <section class="card narrow">
            <crate::ui::PageHeading text=t("signup.title")/>
            <Transition fallback=|| ()>
                {move || { let terms = terms.clone(); Suspend::new(async move {
                    // Addresses at a listed domain sign up whatever the mode: the page names them.
                    let domains = domains.await.unwrap_or_default().join(", ");
                    let restricted = matches!(mode.await, Ok(RegistrationMode::Invite)) && invite.get_untracked().is_empty();
                    let closed = restricted && domains.is_empty();
                    let approval = matches!(mode.await, Ok(RegistrationMode::Approval));
                    let note = (!domains.is_empty() && (restricted || approval))
                        .then(|| crate::i18n::tf("signup.domains_note", &[("domains", domains.clone().into())]));
                    if closed {
                        view! { <p class="notice">{t("signup.invite_only")}</p> }.into_any()
                    } else {
                        view! {
                            {approval.then(|| view! { <p class="notice">{t("signup.approval_note")}</p> })}
                            {restricted.then(|| view! { <p class="notice">{t("signup.invite_only")}</p> })}
                            {note.map(|note| view! { <p class="notice" data-testid="signup-domains">{note}</p> })}
                            <ActionForm action=action attr:novalidate=true attr:data-testid="signup-form">
                                <FormError error/>
                                <input type="hidden" name="invite" value=move || invite.get()/>
                                <super::browser_zone::BrowserZone/>
                                <Field label="field.name" name="name" error autocomplete="name" required=true/>
                                <Field label="field.email" name="email" kind="email" error autocomplete="email"
                                    value=invited_email required=true/>
                                <Field label="field.password" name="password" kind="password" error
                                    autocomplete="new-password" hint="field.password.hint" required=true/>
                                {terms.map(|href| view! {
                                    <p class="hint"><a href=href target="_blank" rel="noopener">{t("signup.read_terms")}</a></p>
                                    <Check label="signup.accept_terms" name="accept_terms" error/>
                                })}
                                <Submit label="signup.submit" pending=action.pending()/>
                            </ActionForm>
                        }
                        .into_any()
                    }
                })}}
            </Transition>
            <p class="aside">{t("signup.have_account")} " " <a href="/login">{t("nav.login")}</a></p>
        </section>
    }
}

/// Where the browser lands after signing up: what happens next.
#[component]
pub fn SignupDonePage() -> impl IntoView {
    let ready = query_param("ready");
    // In approval mode confirming the address is not enough to log in: say so, never "log in now".
    let approval = query_param("approval");
    view! {
        <section class="card narrow" data-testid="signup-done">
            <crate::ui::PageHeading text=t("signup.done.title")/>
            {move || if ready.get() == "1" {
                view! { <p>{t("signup.done.ready")}</p> <a href="/login">{t("nav.login")}</a> }.into_any()
            } else {
                view! {
                    <p>{t("signup.done.check_email")}</p>
                    {(approval.get() == "1").then(|| view! { <p data-testid="signup-approval">{t("signup.done.approval")}</p> })}
                    <a href="/verify/resend">{t("verify.resend.link")}</a>
                }
                .into_any()
            }}
        </section>
    }
}
