//! The admins' queue of profiles members claimed: each counts nothing until an admin confirms it.
use crate::contributions::api::{ConfirmClaim, RefuseClaim};
use crate::contributions::model::ClaimView;
use crate::i18n::{t, tf};
use crate::ui::{FormError, form_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn Claims(claims: Vec<ClaimView>) -> impl IntoView {
    let action = ServerAction::<ConfirmClaim>::new();
    let error = form_error(action);
    view! {
        <section class="card" data-testid="claims">
            <h2>{t("contributions.claims")}</h2>
            <p class="hint">{t("contributions.claims_hint")}</p>
            <FormError error/>
            {claims.is_empty().then(|| view! { <p>{t("contributions.none_claims")}</p> })}
            <ul>{claims.into_iter().map(|c| {
                let seen = if c.name.is_empty() { t("contributions.claim_unseen").to_string() } else { c.name.clone() };
                view! {
                    <li>
                        <strong>{c.member.clone()}</strong> " (" {c.email.clone()} ") → " {c.profile.clone()} " · " {seen}
                        {c.holder.map(|email| view! { " · " {tf("contributions.claim_held", &[("email", (&email).into())])} })}
                        <form method="post" action={<ConfirmClaim as ServerFn>::PATH} class="inline">
                            <input type="hidden" name="claim" value=c.id/>
                            <button type="submit" class="btn-primary">{t("contributions.claim_confirm")}</button>
                        </form>
                        <form method="post" action={<RefuseClaim as ServerFn>::PATH} class="inline">
                            <input type="hidden" name="claim" value=c.id/>
                            <button type="submit" class="btn-danger">{t("contributions.claim_refuse")}</button>
                        </form>
                    </li>
                }
            }).collect_view()}</ul>
        </section>
    }
}
