//! `/membership`: the member's tier, what it allows and why they are in it (grace, grant), what
//! their contributions count as a month and when the next is expected, the other tiers, their
//! contributions, the link to contribute, and the Open Collective profile that is theirs.
use crate::accounts::ui::RequireUser;
use crate::contributions::api::{ClaimProfile, my_contributions};
use crate::contributions::model::MemberPage;
use crate::i18n::{t, tf, use_lang};
use crate::membership::api::my_membership;
use crate::membership::model::{Reason, Standing, Tier};
use crate::membership::ui::LimitList;
use crate::ui::{Field, FormError, form_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn MembershipPage() -> impl IntoView {
    view! {
        <RequireUser children=move |_| {
            let page = crate::ui::awaited(async move {
                let standing = crate::ui::read(my_membership()).await;
                let mine = crate::ui::read(my_contributions()).await;
                view! {
                    {match standing {
                        Ok(Some((standing, tiers))) => view! { <MyTier standing tiers/> }.into_any(),
                        Ok(None) => view! { <p>{t("membership.no_tiers")}</p> }.into_any(),
                        Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                    }}
                    {match mine {
                        Ok(page) => view! { <MyContributions page/> }.into_any(),
                        Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                    }}
                }
            });
            view! {
                <crate::ui::PageHeading text=t("membership.title")/>
                {page}
            }
        }/>
    }
}

#[component]
fn MyTier(standing: Standing, tiers: Vec<Tier>) -> impl IntoView {
    let why = match &standing.reason {
        Reason::Free => t("membership.reason.free").to_string(),
        Reason::Contributions => t("membership.reason.contributions").to_string(),
        Reason::Grace { ends, stopped: true } => tf("membership.reason.grace", &[("date", ends.into())]),
        // A contribution still counts, or this month's is not charged yet: nothing stopped.
        Reason::Grace { ends, stopped: false } => tf("membership.reason.grace_awaited", &[("date", ends.into())]),
        Reason::Granted { ends } => tf("membership.reason.granted", &[("date", ends.into())]),
    };
    let warn = matches!(standing.reason, Reason::Grace { stopped: true, .. });
    let current = standing.tier.id;
    view! {
        <section class="card" data-testid="my-tier">
            <h2>{t("membership.your_tier")} " " <strong data-testid="tier-name">{standing.tier.name.clone()}</strong></h2>
            <p class=if warn { "form-error" } else { "hint" } role=warn.then_some("status")>{why}</p>
            <p>{t("membership.per_month")} " " {standing.per_month.written(use_lang())}</p>
            {standing.next_expected.map(|at| view! { <p>{tf("membership.next_expected", &[("date", (&at).into())])}</p> })}
            <LimitList limits=standing.tier.limits.clone()/>
        </section>
        <section class="card">
            <h2>{t("membership.tiers")}</h2>
            <table class="table">
                <thead><tr><th scope="col">{t("tier.name")}</th><th scope="col">{t("tier.monthly")}</th><th scope="col">{t("tier.allows")}</th></tr></thead>
                <tbody>
                    {tiers.into_iter().map(|tier| view! {
                        <tr aria-current=(tier.id == current).then_some("true")>
                            <th scope="row">{tier.name.clone()}</th>
                            <td data-label=t("tier.monthly")>{tier.monthly.written(use_lang())}</td>
                            <td data-label=t("tier.allows")><LimitList limits=tier.limits.clone()/></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn MyContributions(page: MemberPage) -> impl IntoView {
    let action = ServerAction::<ClaimProfile>::new();
    let error = form_error(action);
    let profile = page.profile.clone().or_else(|| page.waiting.clone()).unwrap_or_default();
    view! {
        <section class="card">
            <h2>{t("membership.contributions")}</h2>
            {page.contribute_url.map(|url| view! { <p><a class="btn-primary" href=url rel="noopener">{t("membership.contribute")}</a></p> })}
            {page.contributions.is_empty().then(|| view! { <p>{t("membership.none_yet")}</p> })}
            <ul data-testid="my-contributions">
                {page.contributions.into_iter().map(|c| view! {
                    <li>{c.date} " · " {c.amount} " · " {t(&format!("contributions.frequency.{}", c.frequency))} " · " {t(&format!("contributions.source.{}", c.source))}</li>
                }).collect_view()}
            </ul>
        </section>
        <section class="card">
            <h2>{t("membership.profile")}</h2>
            <p class="hint">{t("membership.profile_hint")}</p>
            {page.waiting.clone().map(|profile| view! {
                <p role="status" data-testid="profile-waiting">{tf("membership.profile_waiting", &[("profile", (&profile).into())])}</p>
            })}
            <form method="post" action={<ClaimProfile as ServerFn>::PATH} novalidate=true data-testid="profile-form">
                <FormError error/>
                <Field label="membership.profile_slug" name="slug" error value=Signal::stored(profile)/>
                <button type="submit" class="btn">{t("common.save")}</button>
            </form>
        </section>
    }
}
