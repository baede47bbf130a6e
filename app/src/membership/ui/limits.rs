//! What a tier allows, as a short list every membership page shows the same way.
use crate::i18n::t;
use crate::membership::model::Limits;
use leptos::prelude::*;

fn count(value: Option<i64>) -> String {
    value.map_or_else(|| t("tier.unlimited").to_string(), |n| n.to_string())
}

#[component]
pub fn LimitList(limits: Limits) -> impl IntoView {
    let yes_no = |allowed: bool| if allowed { t("tier.allowed") } else { t("tier.not_allowed") };
    view! {
        <dl class="limits">
            <dt>{t("tier.rooms")}</dt><dd>{count(limits.rooms)}</dd>
            <dt>{t("tier.minutes")}</dt><dd>{count(limits.minutes)}</dd>
            <dt>{t("tier.participants")}</dt><dd>{count(limits.participants)}</dd>
            <dt>{t("tier.recording")}</dt><dd>{yes_no(limits.recording)}</dd>
            <dt>{t("tier.events")}</dt><dd>{yes_no(limits.events)}</dd>
            <dt>{t("tier.retention_days")}</dt><dd>{limits.retention_days.map_or_else(|| t("tier.forever").to_string(), |n| n.to_string())}</dd>
            <dt>{t("tier.keep_recordings")}</dt><dd>{yes_no(limits.keep_recordings)}</dd>
        </dl>
    }
}
