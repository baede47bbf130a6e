//! `/assemblies/{id}/minutes`: the minutes' material for the chair, printable: who attended (voting
//! members with the day they became members, then observers), when, the quorum's timeline; and the
//! attendance as CSV.
use crate::assemblies::api::assembly_minutes;
use crate::assemblies::model::{MinutesLine, MinutesView, PollLine};
use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::ui::FormError;
use leptos::prelude::*;

#[component]
pub fn MinutesPage() -> impl IntoView {
    let id = crate::ui::address::param("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or_default();
    crate::ui::awaited(async move {
        match crate::ui::read(assembly_minutes(id)).await {
            Ok(minutes) => view! { <Minutes id minutes/> }.into_any(),
            Err(AppError::NotSignedIn) => view! { <crate::ui::Redirect path="/login"/> }.into_any(),
            Err(AppError::NotFound) => view! { <crate::ui::PageHeading text=t("assembly.not_found")/> }.into_any(),
            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    })
}

#[component]
fn Minutes(id: i64, minutes: MinutesView) -> impl IntoView {
    let MinutesView { title, when, entitled, needed, attendees, changes, polls, kept_until } = minutes;
    let (voting, observers): (Vec<MinutesLine>, Vec<MinutesLine>) = attendees.into_iter().partition(|a| a.voting);
    let counts = tf(
        "assembly.minutes.counts",
        &[("voting", voting.len().into()), ("entitled", entitled.into()), ("needed", needed.into())],
    );
    view! {
        <crate::ui::PageHeading text=tf("assembly.minutes.title", &[("title", title.into())]) testid="minutes-title"/>
        <p>{when}</p>
        <p data-testid="minutes-counts">{counts}</p>
        <p class="no-print">
            <a href=format!("/assemblies/{id}")>{t("assembly.minutes.back")}</a> " · "
            <a href=format!("/api/assemblies/minutes.csv?id={id}") download="attendance.csv" data-testid="minutes-csv">{t("assembly.minutes.csv")}</a>
        </p>
        <section class="card">
            <h2>{t("assembly.minutes.voting")}</h2>
            <Table lines=voting testid="minutes-voting"/>
        </section>
        <section class="card">
            <h2>{t("assembly.minutes.observers")}</h2>
            <Table lines=observers testid="minutes-observers"/>
        </section>
        <section class="card">
            <h2>{t("assembly.minutes.quorum")}</h2>
            <ul data-testid="minutes-quorum">
                {changes.into_iter().map(|c| {
                    let key = if c.reached { "assembly.quorum.reached_at" } else { "assembly.quorum.lost_at" };
                    view! { <li>{t(key)} " " {c.at} " (" {c.present} ")"</li> }
                }).collect_view()}
            </ul>
        </section>
        <section class="card">
            <h2>{t("assembly.minutes.polls")}</h2>
            <Polls polls/>
        </section>
        <p class="hint">{tf("assembly.minutes.kept", &[("date", kept_until.into())])}</p>
    }
}

#[component]
fn Table(lines: Vec<MinutesLine>, testid: &'static str) -> impl IntoView {
    view! {
        <table data-testid=testid>
            <thead><tr>
                <th scope="col">{t("assembly.minutes.name")}</th>
                <th scope="col">{t("assembly.minutes.member_since")}</th>
                <th scope="col">{t("assembly.minutes.present")}</th>
                <th scope="col">{t("assembly.minutes.minutes")}</th>
            </tr></thead>
            <tbody>
                {lines.into_iter().map(|l| view! {
                    <tr>
                        <td>{l.name}</td>
                        <td>{l.member_since.unwrap_or_default()}</td>
                        <td>{l.present.into_iter().map(|(from, to)| view! {
                            <div>{from} " – " {to.unwrap_or_default()}</div>
                        }).collect_view()}</td>
                        <td>{l.minutes}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Each poll with its answers' votes; a word on why there are none.
#[component]
fn Polls(polls: Vec<PollLine>) -> impl IntoView {
    if polls.is_empty() {
        return view! { <p class="hint" data-testid="minutes-no-polls">{t("assembly.minutes.no_polls")}</p> }
            .into_any();
    }
    let polls = polls.into_iter().enumerate().map(|(n, poll)| {
        let question = match poll.question.is_empty() {
            true => tf("assembly.minutes.poll_untitled", &[("n", (n + 1).into())]),
            false => poll.question,
        };
        view! {
            <h3>{question} " " <small>{poll.at.unwrap_or_default()}</small></h3>
            {(!poll.published).then(|| view! { <p class="hint">{t("assembly.minutes.unpublished")}</p> })}
            <table>
                <thead><tr>
                    <th scope="col">{t("assembly.minutes.answer")}</th>
                    <th scope="col">{t("assembly.minutes.votes")}</th>
                </tr></thead>
                <tbody>
                    {poll.results.into_iter().map(|(answer, votes)| view! {
                        <tr><td>{answer}</td><td>{votes}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    });
    view! { <div data-testid="minutes-polls">{polls.collect_view()}</div> }.into_any()
}
