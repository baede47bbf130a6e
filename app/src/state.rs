//! What every request handler can reach on the server, provided as Leptos context.
use crate::db::Pool;
use crate::error::{AppError, AppResult};
use crate::mail::Mailer;
use leptos::prelude::use_context;

/// The application state: cloned into every request's context and every server function's
/// reach, so it is one shared allocation (a clone is one atomic increment, not one per field).
#[derive(Clone)]
pub struct AppState(std::sync::Arc<State>);

impl AppState {
    pub fn new(state: State) -> AppState {
        AppState(std::sync::Arc::new(state))
    }
}

impl std::ops::Deref for AppState {
    type Target = State;
    fn deref(&self) -> &State {
        &self.0
    }
}

pub struct State {
    pub pool: Pool,
    pub mailer: Mailer,
    /// Stored files (presentations): a folder, or a bucket several processes share.
    pub files: crate::files::Files,
    /// The public address of the portal, without a trailing slash; links in mail start with it.
    pub base_url: String,
    /// The reverse proxies whose `X-Forwarded-For` entries name the client.
    pub proxies: crate::client_address::TrustedProxies,
    /// The only source of "now".
    pub clock: crate::clock::Clock,
    /// When a region counts as down or up again, and how often admins may be alerted.
    pub monitor: crate::monitoring::service::judge::Policy,
    /// Each region's judged state, as read within the current second (`monitoring::service::status::states`).
    pub health: std::sync::Arc<crate::recent::Recent<(), std::collections::HashMap<String, String>>>,
    /// The announcements that have not ended, for every page's banners (`site::service::announcements`).
    pub announcements:
        std::sync::Arc<crate::recent::Recent<(), std::sync::Arc<Vec<crate::site::service::announcements::Running>>>>,
    /// The co-op's name, colour, welcome and logo, as read within the second (`site::service::identity`).
    pub identity: std::sync::Arc<crate::recent::Recent<(), std::sync::Arc<crate::site::service::identity::Kept>>>,
    /// Planned maintenance windows not over, as read within the second (`regions::service::maintenance`).
    pub maintenance:
        std::sync::Arc<crate::recent::Recent<(), std::sync::Arc<Vec<crate::regions::service::maintenance::Window>>>>,
    /// Which addresses server-side calls (health checks, webhooks) may reach.
    pub outbound: crate::outbound::Policy,
    /// Where region alerts are also posted as signed JSON (a chat bridge), if anywhere.
    pub monitor_webhook: Option<crate::hooks::Receiver>,
    /// Events, headroom and the provisioning hook of bookings.
    pub schedule: crate::schedule::Policy,
    /// Membership tiers' grace period and notice, and where members contribute.
    pub membership: crate::membership::Policy,
    /// How long sessions last.
    pub sessions: crate::accounts::service::auth::SessionPolicy,
    /// `password_login` from the configuration file: when set, the admin page cannot change it.
    pub password_login: Option<bool>,
    /// `recording_visibility`: who watches a new room's recordings, unless its type says.
    pub recording_visibility: crate::rooms::model::RecordingVisibility,
    /// The BBB API client, with the configured timeouts.
    pub bbb: crate::bbb::client::Client,
    /// Regions declared in the configuration file; they win over the database.
    pub regions: std::sync::Arc<crate::regions::service::Regions>,
    /// Members as read in the last second, for the many pages that ask who is signed in.
    pub members: std::sync::Arc<crate::recent::Recent<i64, crate::accounts::service::User>>,
    /// Running rooms, briefly, for the join path.
    pub rooms: std::sync::Arc<crate::rooms::service::cache::RoomCache>,
    /// Rooms' recordings, briefly, shared by every viewer of a room's page.
    pub recordings: std::sync::Arc<crate::recordings::service::cache::RecordingCache>,
    /// The admins' overview: what each filter matched, for a few seconds.
    pub overview: std::sync::Arc<crate::recordings::service::totals::TotalsCache>,
    /// Capped rooms this process found full in the current second.
    pub full_rooms: std::sync::Arc<crate::meetings::service::seats::FullRooms>,
    /// Bookings and members' schedule settings as read within the second.
    pub schedule_cache: std::sync::Arc<crate::schedule::service::cache::ScheduleCache>,
    /// Single sign-on: the configured providers and what was read of each.
    pub sso: std::sync::Arc<crate::sso::service::Sso>,
    /// The background jobs, each run under a database lease.
    pub jobs: std::sync::Arc<crate::jobs::Runner<AppState>>,
}

impl crate::jobs::JobContext for AppState {
    fn pool(&self) -> &Pool {
        &self.pool
    }
    fn clock(&self) -> &crate::clock::Clock {
        &self.clock
    }
}

pub fn state() -> AppResult<AppState> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("the application state is missing from the context"))
}
