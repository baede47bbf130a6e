//! The signed-in member's dashboard: their rooms as cards (each with its meeting's state, its next
//! booking, where it is hosted and whether that is healthy, and the buttons that start it and
//! copy its link), the regions compared, and a banner when a region of theirs is down. A card
//! reads rooms, schedule and monitoring, so it is drawn here, above them.
use crate::accounts::model::Me;
use crate::accounts::ui::RequireUser;
use crate::error::AppError;
use crate::i18n::{Texts, t, tf, use_lang};
use crate::rooms::model::RoomSummary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One room as its card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomCard {
    #[serde(flatten)]
    pub room: RoomSummary,
    /// The room's address, to copy.
    pub link: String,
    pub region_name: String,
    pub region_demo: bool,
    /// `up`, `down` or `unknown`, as the status page says it.
    pub region_state: String,
    /// The next booking: its page and when it starts, in the reader's zone.
    pub next: Option<(i64, String)>,
}

#[server(endpoint = "pages/dashboard")]
pub async fn room_cards() -> Result<Vec<RoomCard>, AppError> {
    crate::edge::finish(
        async {
            let s = crate::state::state()?;
            let user = crate::accounts::service::auth::require_user(&s.pool).await?;
            cards(&s, &user).await
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn cards(
    ctx: &crate::state::AppState,
    user: &crate::accounts::service::User,
) -> crate::error::AppResult<Vec<RoomCard>> {
    let rooms = ctx.rooms.list_for(&ctx.pool, user.id).await?;
    let regions = crate::regions::service::all(&ctx.pool, &ctx.regions).await?;
    let states = crate::monitoring::service::status::states(ctx).await?;
    let reader = crate::accounts::service::users::reader(user);
    let mut cards = Vec::with_capacity(rooms.len());
    for room in rooms {
        let region = regions.iter().find(|r| r.code == room.region_code);
        // The second's copy of the room's bookings: no query per card on a busy dashboard. Only
        // those who manage the room see its bookings (a participant or moderator does not).
        let bookings = if room.access.manages() {
            crate::schedule::service::cache::room(ctx, room.id, 1).await?
        } else {
            Vec::new()
        };
        let next = bookings
            .into_iter()
            .next()
            .map(|b| (b.id, crate::time_display::local(crate::clock::Timestamp::from_secs(b.starts_at), &reader)));
        cards.push(RoomCard {
            link: format!("{}/r/{}", ctx.base_url, room.slug),
            region_name: region.map_or_else(|| room.region_code.clone(), |r| r.name.clone()),
            region_demo: region.is_some_and(|r| r.demo),
            region_state: states.get(&room.region_code).cloned().unwrap_or_else(|| "unknown".into()),
            next,
            room,
        });
    }
    Ok(cards)
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! { <RequireUser children=|me: Me| view! { <Dashboard me/> }/> }
}

/// The page, its parts read together in one future (see `RequireUser`).
#[component]
fn Dashboard(me: Me) -> impl IntoView {
    crate::ui::awaited(async move {
        // Each is read from what this process read within the second, so one after another.
        let down = crate::ui::read(crate::monitoring::api::my_regions_down()).await;
        let cards = crate::ui::read(room_cards()).await;
        let regions = crate::ui::read(crate::regions::api::list_regions()).await;
        let types = crate::ui::read(crate::rooms::api::room_types()).await.unwrap_or_default();
        view! {
            <crate::ui::PageHeading text=t("dashboard.title") testid="dashboard-title"/>
            <crate::ui::Notice flags=&[("deleted", "room.deleted_notice"), ("given", "room.given")]/>
            <p data-testid="dashboard-greeting">{tf("dashboard.welcome", &[("name", (&me.name).into())])}</p>
            <crate::monitoring::ui::DownBanner down=down.unwrap_or_default()/>
            <crate::rooms::ui::MyRooms rooms=cards.map(|cards| view! { <Cards cards/> }.into_any()) types/>
            <section class="card">
                <h2>{t("region.compare")}</h2>
                <p class="hint">{t("region.compare_explain")}</p>
                <crate::regions::ui::RegionOffers regions=regions.unwrap_or_default()/>
            </section>
        }
    })
}

#[component]
fn Cards(cards: Vec<RoomCard>) -> impl IntoView {
    let texts = Texts::of(use_lang(), &["room.copy_link", "room.link_copied"]);
    if cards.is_empty() {
        return view! { <p>{t("dashboard.no_rooms")}</p> }.into_any();
    }
    view! {
        <ul class="room-cards" data-testid="rooms">
            {cards.into_iter().map(|card| view! { <Card card texts=texts.clone()/> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Card(card: RoomCard, texts: Texts) -> impl IntoView {
    let RoomCard { room, link, region_name, region_demo, region_state, next } = card;
    let state_word = match region_state.as_str() {
        "up" => t("status.up"),
        "down" => t("status.down"),
        _ => t("status.unknown"),
    };
    let slug = room.slug.clone();
    view! {
        <li class="room-card" data-testid="room-card">
            <h3><a href=format!("/r/{}", room.slug)>{room.name.clone()}</a></h3>
            {room.access.share().map(|role| view! {
                <p class="hint">
                    {tf("room.shared_by", &[("owner", (&room.owner_name).into())])} " · "
                    <span data-testid="share-role">{t(&format!("room.share_role.{}", role.name()))}</span>
                </p>
            })}
            <p><crate::rooms::ui::RoomState running=room.running participants=room.participants/></p>
            {next.map(|(id, when)| view! {
                <p data-testid="next-booking">{t("dashboard.next_booking")} " " <a href=format!("/schedule/{id}")>{when}</a></p>
            })}
            <p class="hint" data-testid="hosted-in">
                {tf("dashboard.hosted_in", &[("region", (&region_name).into())])} " "
                <span class=format!("badge state-{region_state}")>{state_word}</span>
                {region_demo.then(|| view! { " " <span class="badge badge-demo">{t("region.demo")}</span> })}
            </p>
            <div class="actions">
                // Straight in from here when nothing is to be asked first; else on the room's page,
                // where the join form asks for the consent a recorded room needs.
                {if room.access.manages() && !room.records {
                    view! {
                        <crate::ui::PostForm<crate::meetings::api::StartMeeting> class="inline">
                            <input type="hidden" name="slug" value=slug/>
                            <button type="submit" class="btn-primary btn-compact">
                                {if room.running { t("meeting.join") } else { t("meeting.start") }}
                            </button>
                        </crate::ui::PostForm<crate::meetings::api::StartMeeting>>
                    }.into_any()
                } else {
                    view! { <a class="btn-primary btn-compact" href=format!("/r/{slug}")>{t("meeting.join")}</a> }.into_any()
                }}
                <crate::rooms::ui::CopyButton text=link texts/>
            </div>
        </li>
    }
}
