//! The chair's view of the quorum: needed, present, reached or not, each change with its time,
//! and, when the region's last answer is old, how old. The page shows it as it is when read (a
//! reload without JavaScript shows the same); a small island reads it again every five seconds.
use crate::assemblies::model::QuorumState;
use crate::i18n::{Texts, use_lang};
use leptos::prelude::*;

const TEXTS: [&str; 9] = [
    "assembly.quorum.present",
    "assembly.quorum.needed",
    "assembly.quorum.entitled",
    "assembly.quorum.reached",
    "assembly.quorum.not_reached",
    "assembly.quorum.reached_at",
    "assembly.quorum.lost_at",
    "assembly.quorum.as_of",
    "assembly.quorum.no_answer",
];

#[component]
pub fn QuorumPanel(id: i64, state: QuorumState) -> impl IntoView {
    let texts = Texts::of(use_lang(), &TEXTS);
    view! { <LiveQuorum id state texts/> }
}

/// Reads the quorum every five seconds while the page is open.
#[island]
fn LiveQuorum(id: i64, state: QuorumState, texts: Texts) -> impl IntoView {
    let state = RwSignal::new(state);
    Effect::new(move |_| {
        let read = move || {
            leptos::task::spawn_local(async move {
                if let Ok(now) = crate::assemblies::api::assembly_quorum(id).await {
                    state.set(now);
                }
            });
        };
        let _ = set_interval_with_handle(read, std::time::Duration::from_secs(5));
    });
    let texts = StoredValue::new(texts);
    view! {
        <section class="card" data-testid="quorum" aria-live="polite">
            {move || texts.with_value(|texts| shown(state.get(), texts))}
        </section>
    }
}

/// The state in the texts the island carries (none with values: the numbers and times stand beside them).
fn shown(state: QuorumState, texts: &Texts) -> impl IntoView + use<> {
    let get = |key: &str| texts.get(key);
    let standing = if state.reached { get("assembly.quorum.reached") } else { get("assembly.quorum.not_reached") };
    let stale = match (state.live, state.as_of) {
        (true, _) => None,
        (false, Some(at)) => Some(format!("{} {at}", get("assembly.quorum.as_of"))),
        (false, None) => Some(get("assembly.quorum.no_answer")),
    };
    let changes: Vec<String> = state
        .changes
        .into_iter()
        .map(|c| {
            let key = if c.reached { "assembly.quorum.reached_at" } else { "assembly.quorum.lost_at" };
            format!("{} {} ({})", get(key), c.at, c.present)
        })
        .collect();
    view! {
        <p data-testid="quorum-standing" class=if state.reached { "notice" } else { "warning" }>{standing}</p>
        {stale.map(|text| view! { <p class="warning" data-testid="quorum-as-of">{text}</p> })}
        <dl data-testid="quorum-count">
            <dt>{get("assembly.quorum.present")}</dt><dd data-testid="quorum-present">{state.present}</dd>
            <dt>{get("assembly.quorum.needed")}</dt><dd data-testid="quorum-needed">{state.needed}</dd>
            <dt>{get("assembly.quorum.entitled")}</dt><dd>{state.entitled}</dd>
        </dl>
        <ul data-testid="quorum-changes">{changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
    }
}
