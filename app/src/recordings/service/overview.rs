//! The admins' overview of every recording of the co-op, read from the index ([`super::index`]):
//! one page in the chosen order, the total of everything the filter matches, and the totals per
//! region and per member. No region is asked. Deleting one from here asks its region, and is in
//! the security log.
use crate::accounts::service::User;
use crate::error::{AppError, AppResult, Step, bbb_message};
use crate::recordings::model::{Overview, OverviewRow, OverviewSort, Total, Visibility};
use crate::state::AppState;

/// Rows on a page of the overview, and members in its totals.
pub const PER_PAGE: i64 = 50;
const MEMBERS_SHOWN: usize = 10;

/// What the admin asked for: words found in the recording's, room's or owner's name or the
/// owner's email; one region's code, or every region; an order; a page from 1.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub query: String,
    pub region: String,
    pub sort: OverviewSort,
    pub page: usize,
}

const JOINED: &str = "JOIN rooms r ON r.id = x.room_id JOIN users u ON u.id = r.owner_id";

impl Filter {
    /// The conditions, on the index's own columns only (a word matches the recording's name, or its
    /// room's or owner's through the rooms it picks first, a small table), with `$1` the words'
    /// pattern and the region next, each bound only when given.
    pub(super) fn conditions(&self) -> String {
        let mut all = Vec::new();
        if !self.pattern().is_empty() {
            all.push(
                "(LOWER(x.name) LIKE $1 OR x.room_id IN (SELECT r.id FROM rooms r JOIN users u ON u.id = r.owner_id
                  WHERE LOWER(r.name) LIKE $1 OR LOWER(u.name) LIKE $1 OR LOWER(u.email) LIKE $1))",
            );
        }
        if !self.region.is_empty() {
            all.push(if self.pattern().is_empty() { "x.region_code = $1" } else { "x.region_code = $2" });
        }
        if all.is_empty() { String::new() } else { format!(" WHERE {}", all.join(" AND ")) }
    }

    fn pattern(&self) -> String {
        let words = self.query.trim().to_lowercase().replace(['%', '_'], "");
        if words.is_empty() { String::new() } else { format!("%{words}%") }
    }

    /// Binds what [`Filter::conditions`] named, in its order.
    pub(super) fn bind<'q, O>(
        &self,
        mut query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
        if !self.pattern().is_empty() {
            query = query.bind(self.pattern());
        }
        if !self.region.is_empty() {
            query = query.bind(self.region.clone());
        }
        query
    }

    /// The next free `$n` after the filter's own.
    fn next_mark(&self) -> usize {
        1 + usize::from(!self.pattern().is_empty()) + usize::from(!self.region.is_empty())
    }
}

/// The order on the index's columns: the page is taken from the index alone (through its own
/// indexes) and only its fifty rows meet their rooms and owners. By room or owner, the page's
/// rooms come from the filter's totals ([`super::totals::Totals::window`]).
fn order_of(sort: OverviewSort) -> &'static str {
    match sort {
        OverviewSort::Newest | OverviewSort::Room | OverviewSort::Owner => "x.started_at DESC, x.record_id",
        OverviewSort::Oldest => "x.started_at, x.record_id",
        OverviewSort::Largest => "x.size DESC NULLS LAST, x.record_id",
        OverviewSort::Longest => "x.minutes DESC, x.record_id",
    }
}

type Line = (String, String, String, String, String, String, i64, i64, Option<i64>, i64, String);
const COLUMNS: &str = "x.record_id, x.name, r.name, r.slug, u.name, x.region_code, x.started_at, x.minutes, x.size, \
    x.published, x.visibility";

/// One page of the overview for `admin` (whose zone and language write the dates).
#[tracing::instrument(name = "recordings.overview.read", level = "error", skip_all)]
pub async fn read(ctx: &AppState, admin: &User, filter: &Filter) -> AppResult<Overview> {
    let totals = super::totals::of(ctx, filter).await?;
    let (count, size) = totals.all();
    let pages = usize::try_from(count).unwrap_or(0).div_ceil(PER_PAGE as usize).max(1);
    let page = filter.page.clamp(1, pages);
    let offset = (page as i64 - 1) * PER_PAGE;
    let lines = match totals.window(filter.sort, offset, PER_PAGE) {
        Some(window) => in_window(ctx, filter, &window).await?,
        None => {
            let (conditions, next, order) = (filter.conditions(), filter.next_mark(), order_of(filter.sort));
            let sql = format!(
                "SELECT {COLUMNS} FROM (SELECT * FROM recording_index x{conditions} ORDER BY {order}
                 LIMIT ${next} OFFSET ${}) x {JOINED} ORDER BY {order}",
                next + 1
            );
            let query = filter.bind(sqlx::query_as(&sql)).bind(PER_PAGE).bind(offset);
            query.fetch_all(&ctx.pool).await.step("read recording_index")?
        }
    };
    let reader = crate::accounts::service::users::reader_of(Some(admin));
    let total =
        |(label, count, size): (String, i64, i64)| Total { label, count: unsigned(count), size: unsigned(size) };
    Ok(Overview {
        rows: lines.into_iter().map(|line| row(line, &reader)).collect(),
        all: total((String::new(), count, size)),
        per_region: totals.per_region().into_iter().map(total).collect(),
        per_member: totals.per_member(MEMBERS_SHOWN).into_iter().map(total).collect(),
        page,
        pages,
    })
}

/// A page in the order by room or owner: only the rows of the rooms it spans, ranked as the
/// window says, newest first within each.
async fn in_window(ctx: &AppState, filter: &Filter, window: &super::totals::Window) -> AppResult<Vec<Line>> {
    if window.rooms.is_empty() {
        return Ok(Vec::new());
    }
    let mut next = filter.next_mark();
    let mut marks = |n: usize| -> Vec<String> {
        let marks = (next..next + n).map(|m| format!("${m}")).collect();
        next += n;
        marks
    };
    let rooms = marks(window.rooms.len()).join(", ");
    let ranks: Vec<String> =
        marks(window.ranked.len()).iter().enumerate().map(|(rank, mark)| format!("WHEN {mark} THEN {rank}")).collect();
    let (limit, offset) = (marks(1).concat(), marks(1).concat());
    let conditions = match filter.conditions() {
        c if c.is_empty() => format!(" WHERE x.room_id IN ({rooms})"),
        c => format!("{c} AND x.room_id IN ({rooms})"),
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM recording_index x {JOINED}{conditions}
         ORDER BY CASE {} {} END, x.started_at DESC, x.record_id LIMIT {limit} OFFSET {offset}",
        window.column,
        ranks.join(" ")
    );
    let mut query = filter.bind(sqlx::query_as(&sql));
    for id in window.rooms.iter().chain(&window.ranked) {
        query = query.bind(*id);
    }
    let query = query.bind(PER_PAGE).bind(window.skip);
    query.fetch_all(&ctx.pool).await.step("read recording_index by room or owner")
}

fn unsigned(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn row(line: Line, reader: &crate::time_display::Reader) -> OverviewRow {
    let (record_id, name, room_name, room_slug, owner_name, region, started, minutes, size, published, visibility) =
        line;
    OverviewRow {
        record_id,
        name,
        room_name,
        room_slug,
        owner_name,
        region,
        when: crate::time_display::local(crate::clock::Timestamp::from_secs(started), reader),
        minutes: u32::try_from(minutes).unwrap_or(0),
        size: size.map(unsigned),
        published: published != 0,
        visibility: Visibility::parse(&visibility).unwrap_or_default(),
    }
}

/// An admin deletes a recording from the overview: on its region, then from the index, logged.
#[tracing::instrument(name = "recordings.overview.delete", level = "error", skip_all)]
pub async fn delete(ctx: &AppState, admin: &User, record_id: &str, address: &str) -> AppResult<()> {
    let found: Option<(i64, String)> = sqlx::query_as("SELECT room_id, name FROM recording_index WHERE record_id = $1")
        .bind(record_id)
        .fetch_optional(&ctx.pool)
        .await
        .step("read recording_index")?;
    let (room_id, name) = found.ok_or(AppError::NotFound)?;
    let mut conn = ctx.pool.acquire().await?;
    let room = crate::rooms::service::store::by_id(&mut conn, room_id).await?;
    drop(conn);
    let region = crate::rooms::service::meeting_state::region_of(&ctx.pool, &ctx.regions, &room).await?;
    let ids = [record_id.to_string()];
    ctx.bbb.delete_recordings(&region.endpoint(), &ids).await.map_err(|e| AppError::Refused(bbb_message(&e)))?;
    super::index::remove(ctx, record_id).await?;
    ctx.recordings.forget(ctx, &room.meeting_id).await?;
    let detail = format!("{name} ({record_id}) of room {}", room.slug);
    let event = crate::security_log::Event {
        kind: "recording.deleted",
        actor_id: Some(admin.id),
        subject: &room.slug,
        address,
        detail: &detail,
    };
    crate::security_log::record(&ctx.pool, &ctx.clock, event).await
}
