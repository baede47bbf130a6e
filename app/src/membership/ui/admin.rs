//! `/admin/membership`: the tiers (each changed or deleted in place, a new one below), the currency
//! rates, tiers granted by hand, how many members each tier has, and who is lapsing.
use super::limits::LimitList;
use crate::accounts::ui::RequireAdmin;
use crate::i18n::{t, tf, use_lang};
use crate::membership::api::{DeleteTier, GrantTier, RevokeGrant, SaveTier, SetRate, membership_overview};
use crate::membership::model::{Overview, Tier};
use crate::ui::{Field, FormError, form_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn AdminMembershipPage() -> impl IntoView {
    let editing = crate::ui::address::query("tier").and_then(|v| v.parse::<i64>().ok());
    view! {
        <RequireAdmin children=move |_| {
            let page = crate::ui::awaited(async move {
                match crate::ui::read(membership_overview()).await {
                    Ok(overview) => view! { <Page overview editing/> }.into_any(),
                    Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                }
            });
            view! {
                <crate::ui::PageHeading text=t("membership.admin_title")/>
                <crate::ui::Notice flags=&[("saved", "common.saved")]/>
                <p class="hint">{t("membership.admin_intro")}</p>
                {page}
            }
        }/>
    }
}

#[component]
fn Page(overview: Overview, editing: Option<i64>) -> impl IntoView {
    let tiers = overview.tiers.clone();
    let editing = tiers.iter().find(|t| Some(t.id) == editing).cloned();
    view! {
        <section class="card" data-testid="members-per-tier">
            <h2>{t("membership.members_per_tier")}</h2>
            <ul>{overview.members_per_tier.into_iter().map(|(name, n)| view! { <li>{name} ": " {n}</li> }).collect_view()}</ul>
        </section>
        <section class="card" data-testid="lapsing">
            <h2>{t("membership.lapsing")}</h2>
            {overview.lapsing.is_empty().then(|| view! { <p>{t("membership.none_lapsing")}</p> })}
            <ul>{overview.lapsing.into_iter().map(|l| view! {
                <li>{l.member} " <" {l.email} "> · " {l.tier} " · " {tf("membership.grace_ends", &[("date", (&l.ends).into())])}</li>
            }).collect_view()}</ul>
        </section>
        <section class="card">
            <h2>{t("membership.tiers")}</h2>
            {overview.tiers.into_iter().map(|tier| view! { <TierRow tier/> }).collect_view()}
            <h3>{if editing.is_some() { t("tier.change") } else { t("tier.new") }}</h3>
            <TierFormView tier=editing/>
        </section>
        <Rates rates=overview.rates/>
        <Grants tiers grants=overview.grants/>
    }
}

#[component]
fn TierRow(tier: Tier) -> impl IntoView {
    let delete = ServerAction::<DeleteTier>::new();
    view! {
        <div class="tier" data-testid="tier">
            <h3>{tier.name.clone()} " · " {tier.monthly.written(use_lang())} " / " {t("tier.month")}</h3>
            <LimitList limits=tier.limits.clone()/>
            <a href=format!("/admin/membership?tier={}", tier.id)>{t("tier.edit")}</a> " "
            <ActionForm action=delete attr:class="inline">
                <input type="hidden" name="id" value=tier.id/>
                <button type="submit" class="btn-danger">{t("tier.delete")}</button>
            </ActionForm>
        </div>
    }
}

/// The tier form: a new tier, or `tier` changed.
#[component]
fn TierFormView(tier: Option<Tier>) -> impl IntoView {
    let action = ServerAction::<SaveTier>::new();
    let error = form_error(action);
    let id = tier.as_ref().map(|t| t.id);
    let value = |f: &dyn Fn(&Tier) -> String| Signal::stored(tier.as_ref().map(f).unwrap_or_default());
    let limit = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    let (recording, events) = tier.as_ref().map_or((true, false), |t| (t.limits.recording, t.limits.events));
    let keep = tier.as_ref().is_some_and(|t| t.limits.keep_recordings);
    view! {
        <form method="post" action={<SaveTier as ServerFn>::PATH} novalidate=true data-testid="tier-form">
            <FormError error/>
            <div class="grid-2">
            {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            <Field label="tier.name" name="name" error value=value(&|t| t.name.clone()) required=true/>
            <Field label="tier.monthly" name="monthly" error value=value(&|t| t.monthly.decimal()) hint="tier.monthly_hint"/>
            <Field label="tier.currency" name="currency" error value=value(&|t| t.monthly.currency.clone())/>
            <Field label="tier.rooms" name="rooms" error value=value(&|t| limit(t.limits.rooms)) hint="tier.empty_unlimited"/>
            <Field label="tier.minutes" name="minutes" error value=value(&|t| limit(t.limits.minutes))/>
            <Field label="tier.participants" name="participants" error value=value(&|t| limit(t.limits.participants))/>
            <div class="check">
                <input type="checkbox" id="f-recording" name="recording" value="on" checked=recording/>
                <label for="f-recording">{t("tier.recording")}</label>
            </div>
            <div class="check">
                <input type="checkbox" id="f-events" name="events" value="on" checked=events/>
                <label for="f-events">{t("tier.events")}</label>
            </div>
            <Field label="tier.retention_days" name="retention_days" error
                value=value(&|t| limit(t.limits.retention_days)) hint="tier.retention_days_hint"/>
            <div class="check">
                <input type="checkbox" id="f-keep_recordings" name="keep_recordings" value="on" checked=keep/>
                <label for="f-keep_recordings">{t("tier.keep_recordings")}</label>
            </div>
            </div>
            <button type="submit" class="btn-primary">{t("common.save")}</button>
        </form>
    }
}

#[component]
fn Rates(rates: Vec<(String, String, String)>) -> impl IntoView {
    let action = ServerAction::<SetRate>::new();
    let error = form_error(action);
    view! {
        <section class="card">
            <h2>{t("tier.rates")}</h2>
            <p class="hint">{t("tier.rates_hint")}</p>
            <ul data-testid="rates">{rates.into_iter().map(|(from, to, rate)| view! { <li>"1 " {from} " = " {rate} " " {to}</li> }).collect_view()}</ul>
            <form method="post" action={<SetRate as ServerFn>::PATH} novalidate=true>
                <FormError error/>
                <div class="grid-2">
                    <Field label="tier.rate_from" name="from" error/>
                    <Field label="tier.rate_to" name="to" error/>
                    <Field label="tier.rate" name="rate" error hint="tier.rate_hint"/>
                </div>
                <button type="submit" class="btn">{t("common.save")}</button>
            </form>
        </section>
    }
}

#[component]
fn Grants(tiers: Vec<Tier>, grants: Vec<crate::membership::model::GrantView>) -> impl IntoView {
    let action = ServerAction::<GrantTier>::new();
    let error = form_error(action);
    let revoke = ServerAction::<RevokeGrant>::new();
    view! {
        <section class="card">
            <h2>{t("membership.grants")}</h2>
            <p class="hint">{t("membership.grants_hint")}</p>
            <ul data-testid="grants">
                {grants.into_iter().map(|g| view! {
                    <li>
                        {g.member} " · " {g.tier} " · " {tf("membership.until", &[("date", (&g.ends).into())])} " " {g.note}
                        <ActionForm action=revoke>
                            <input type="hidden" name="id" value=g.id/>
                            <button type="submit" class="btn-danger">{t("membership.revoke")}</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
            <form method="post" action={<GrantTier as ServerFn>::PATH} novalidate=true data-testid="grant-form">
                <FormError error/>
                <div class="grid-2">
                <Field label="field.email" name="email" kind="email" error form="grant"/>
                <div class="field">
                    <label for="f-grant-tier">{t("tier.name")}</label>
                    <select id="f-grant-tier" name="tier">
                        {tiers.into_iter().map(|tier| view! { <option value=tier.id>{tier.name}</option> }).collect_view()}
                    </select>
                </div>
                <Field label="membership.grant_ends" name="ends" kind="date" error/>
                <Field label="membership.grant_note" name="note" error/>
                </div>
                <button type="submit" class="btn-primary">{t("membership.grant")}</button>
            </form>
        </section>
    }
}
