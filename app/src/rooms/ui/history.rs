//! The room's past meetings on its page, for those who manage it: when, how long, where, the most
//! people at once, and the members who asked to be listed.
use crate::i18n::t;
use crate::rooms::model::PastMeeting;
use leptos::prelude::*;

#[component]
pub fn History(meetings: Vec<PastMeeting>) -> impl IntoView {
    let body = if meetings.is_empty() {
        view! { <p class="hint">{t("room.history.none")}</p> }.into_any()
    } else {
        view! {
            <table data-testid="room-history">
                <thead><tr>
                    <th scope="col">{t("room.history.started")}</th>
                    <th scope="col">{t("room.history.ended")}</th>
                    <th scope="col">{t("room.history.minutes")}</th>
                    <th scope="col">{t("room.history.region")}</th>
                    <th scope="col">{t("room.history.peak")}</th>
                    <th scope="col">{t("room.history.attendees")}</th>
                </tr></thead>
                <tbody>
                    {meetings.into_iter().map(|m| view! {
                        <tr>
                            <td>{m.started}</td>
                            <td>{m.ended.unwrap_or_else(|| t("room.history.running").to_string())}</td>
                            <td>{m.minutes.map(|n| n.to_string()).unwrap_or_default()}</td>
                            <td>{m.region}</td>
                            // Zero: no poll counted anyone while it ran (a short meeting).
                            <td>{if m.peak == 0 { "–".to_string() } else { m.peak.to_string() }}</td>
                            <td>{m.attendees.join(", ")}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="card" data-testid="room-history-section">
            <h2>{t("room.history.title")}</h2>
            <p class="hint">{t("room.history.hint")}</p>
            {body}
        </section>
    }
}
