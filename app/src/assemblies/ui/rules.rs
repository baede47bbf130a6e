//! `/assemblies/{id}/rules`: an admin (or a member an admin allowed, on their own booking) makes
//! booking `id` a members' meeting, or changes its rules:
//! who votes, whether observers may join, the quorum, the notice and how long the record is kept.
use crate::assemblies::api::{SaveAssembly, assembly_rules};
use crate::assemblies::model::{RulesView, Voters};
use crate::error::AppError;
use crate::i18n::t;
use crate::ui::typed::Kept;
use crate::ui::{Field, FormError, PostForm, carried_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn AssemblyRulesPage() -> impl IntoView {
    let id = crate::ui::address::param("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or_default();
    let error = Signal::stored(carried_error::<SaveAssembly>());
    crate::ui::awaited(async move {
        match crate::ui::read(assembly_rules(id)).await {
            Ok(found) => view! { <RulesForm found error/> }.into_any(),
            Err(AppError::NotSignedIn) => view! { <crate::ui::Redirect path="/login"/> }.into_any(),
            Err(AppError::NotFound) => view! { <crate::ui::PageHeading text=t("assembly.not_found")/> }.into_any(),
            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    })
}

#[component]
fn RulesForm(found: RulesView, error: Signal<Option<AppError>>) -> impl IntoView {
    let RulesView { title, form, tiers } = found;
    let value = |v: &str| Signal::stored(v.to_string());
    // After a refusal the choices made stay made, like the typed fields.
    let kept = Kept::for_form(<SaveAssembly as ServerFn>::PATH);
    let voters = Voters::parse(&kept.text("voters", form.voters.clone())).unwrap_or_default();
    let observers = kept.checked("observers", form.observers.is_some());
    view! {
        <crate::ui::PageHeading text=t("assembly.rules_title")/>
        <p>{title}</p>
        <FormError error/>
        <PostForm<SaveAssembly> class="card" testid="assembly-rules-form">
            <input type="hidden" name="booking" value=form.booking.clone()/>
            <fieldset class="field">
                <legend>{t("assembly.voters")}</legend>
                {[Voters::Standing, Voters::Active, Voters::Tiers].into_iter().map(|v| {
                    let id = format!("voters-{}", v.as_str());
                    view! {
                        <div class="check">
                            <input type="radio" id=id.clone() name="voters" value=v.as_str() checked=v == voters/>
                            <label for=id>{t(&format!("assembly.voters.choice.{}", v.as_str()))}</label>
                        </div>
                    }
                }).collect_view()}
                // Indexed names, as the form's list is read (a box left unticked leaves a gap).
                {tiers.into_iter().enumerate().map(|(n, (tier, name))| {
                    let id = format!("tier-{tier}");
                    let checked = kept.checked(&format!("tiers[{n}]"), form.tiers.contains(&tier.to_string()));
                    view! {
                        <div class="check">
                            <input type="checkbox" id=id.clone() name=format!("tiers[{n}]") value=tier.to_string() checked=checked/>
                            <label for=id>{name}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="check">
                <input type="checkbox" id="f-observers" name="observers" value="on" checked=observers/>
                <label for="f-observers">{t("assembly.observers")}</label>
            </div>
            <Field label="assembly.quorum" name="quorum" error value=value(&form.quorum) hint="assembly.quorum_hint" required=true/>
            <Field label="assembly.notice_days" name="notice_days" kind="number" error value=value(&form.notice_days) required=true/>
            <Field label="assembly.keep_days" name="keep_days" kind="number" error value=value(&form.keep_days) required=true/>
            <button type="submit" class="btn-primary">{t("common.save")}</button>
        </PostForm<SaveAssembly>>
    }
}
