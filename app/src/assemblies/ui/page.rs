//! `/assemblies/{id}`: what the meeting is, who votes and who may watch, what makes its quorum,
//! what is recorded and for how long; the join form as the reader may take part; the quorum for
//! its chair.
use crate::assemblies::api::{JoinAssembly, one_assembly};
use crate::assemblies::model::{AssemblyView, Part, Quorum, Voters};
use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::ui::{Check, Field, FormError, PostForm, carried_error};
use leptos::prelude::*;

#[component]
pub fn AssemblyPage() -> impl IntoView {
    let id = crate::ui::address::param("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or_default();
    let error = Signal::stored(carried_error::<JoinAssembly>());
    crate::ui::awaited(async move {
        match crate::ui::read(one_assembly(id)).await {
            Ok(found) => view! { <Found found error/> }.into_any(),
            Err(AppError::NotFound) => view! {
                <crate::ui::PageHeading text=t("assembly.not_found")/>
                <p class="hint">{t("assembly.not_yet")}</p>
                <p><a href=format!("/assemblies/{id}/rules") data-testid="assembly-make">{t("assembly.make")}</a></p>
            }
            .into_any(),
            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    })
}

#[component]
fn Found(found: AssemblyView, error: Signal<Option<AppError>>) -> impl IntoView {
    let voters = match found.voters {
        Voters::Standing => t("assembly.voters.standing").to_string(),
        Voters::Active => t("assembly.voters.active").to_string(),
        Voters::Tiers => tf("assembly.voters.tiers", &[("tiers", found.tiers.join(", ").into())]),
    };
    let quorum = match found.quorum {
        Quorum::Count(n) => tf("assembly.quorum.count", &[("count", n.into())]),
        Quorum::Percent(p) => tf("assembly.quorum.percent", &[("percent", p.into())]),
    };
    let id = found.booking;
    view! {
        <crate::ui::PageHeading text=found.title.clone() testid="assembly-title"/>
        <crate::ui::Notice flags=&[("saved", "assembly.saved")]/>
        <section class="card" data-testid="assembly-rules">
            <p>{found.when.clone()}</p>
            <ul>
                <li>{voters}</li>
                <li>{if found.observers { t("assembly.observers.yes") } else { t("assembly.observers.no") }}</li>
                <li>{quorum}</li>
            </ul>
            <p class="hint">{tf("assembly.record_explain", &[("days", found.keep_days.into())])}</p>
            {found.told.clone().map(|(count, date)| view! {
                <p data-testid="assembly-told">{tf("assembly.told", &[("count", count.into()), ("date", date.into())])}</p>
            })}
            {found.calls.then(|| view! { <p><a href=format!("/assemblies/{id}/rules")>{t("assembly.change_rules")}</a></p> })}
        </section>
        {found.quorum_state.clone().map(|state| view! {
            <super::quorum::QuorumPanel id state/>
            <p><a href=format!("/assemblies/{id}/minutes") data-testid="assembly-minutes">{t("assembly.minutes.open")}</a></p>
        })}
        <JoinBox found error/>
    }
}

/// The join form, as the reader may take part: a voting member under their own name, an observer
/// (a guest types theirs), or a word that the meeting is not for them.
#[component]
fn JoinBox(found: AssemblyView, error: Signal<Option<AppError>>) -> impl IntoView {
    let said = match found.part {
        Part::Voter => t("assembly.part.voter"),
        Part::Observer => t("assembly.part.observer"),
        Part::None => {
            return view! { <p class="card" data-testid="assembly-part">{t("assembly.part.none")}</p> }.into_any();
        }
    };
    let guest = found.part == Part::Observer && !found.signed_in;
    view! {
        <section class="card">
            <h2>{t("assembly.join")}</h2>
            <p data-testid="assembly-part">{said}</p>
            <FormError error/>
            <PostForm<JoinAssembly> testid="assembly-join">
                <input type="hidden" name="id" value=found.booking.to_string()/>
                {guest.then(|| view! { <Field label="assembly.name" name="name" error required=true autocomplete="name"/> })}
                <Check label="assembly.attendance_consent" name="attendance_consent" error/>
                {found.records.then(|| view! {
                    <p class="hint">{t("meeting.records_explain")}</p>
                    <Check label="meeting.recording_consent" name="recording_consent" error/>
                })}
                <button type="submit" class="btn-primary">{t("assembly.join")}</button>
            </PostForm<JoinAssembly>>
        </section>
    }
    .into_any()
}
