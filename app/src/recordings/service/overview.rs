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
const MEMBERS_SHOWN: i64 = 10;

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
    fn conditions(&self) -> String {
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
    fn bind<'q, O>(
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

/// The order, on the index's columns where it can be: then the page is taken from the index alone
/// (through its own indexes) and only its fifty rows meet their rooms and owners.
fn order_of(sort: OverviewSort) -> (&'static str, bool) {
    match sort {
        OverviewSort::Newest => ("x.started_at DESC, x.record_id", true),
        OverviewSort::Oldest => ("x.started_at, x.record_id", true),
        OverviewSort::Largest => ("x.size DESC NULLS LAST, x.record_id", true),
        OverviewSort::Longest => ("x.minutes DESC, x.record_id", true),
        OverviewSort::Room => ("LOWER(r.name), x.started_at DESC, x.record_id", false),
        OverviewSort::Owner => ("LOWER(u.name), x.started_at DESC, x.record_id", false),
    }
}

type Line = (String, String, String, String, String, String, i64, i64, Option<i64>, i64, String);
const COLUMNS: &str = "x.record_id, x.name, r.name, r.slug, u.name, x.region_code, x.started_at, x.minutes, x.size, \
    x.published, x.visibility";

/// One page of the overview for `admin` (whose zone and language write the dates).
#[tracing::instrument(name = "recordings.overview.read", level = "error", skip_all)]
pub async fn read(ctx: &AppState, admin: &User, filter: &Filter) -> AppResult<Overview> {
    let (pool, conditions, next) = (&ctx.pool, filter.conditions(), filter.next_mark());
    let (count, size): (i64, i64) = filter
        .bind(sqlx::query_as(&format!(
            "SELECT COUNT(*), CAST(COALESCE(SUM(x.size), 0) AS BIGINT) FROM recording_index x{conditions}"
        )))
        .fetch_one(pool)
        .await
        .step("count recording_index")?;
    let pages = usize::try_from(count).unwrap_or(0).div_ceil(PER_PAGE as usize).max(1);
    let page = filter.page.clamp(1, pages);
    let (order, on_index) = order_of(filter.sort);
    let (limit, offset) = (format!("${next}"), format!("${}", next + 1));
    let sql = if on_index {
        format!(
            "SELECT {COLUMNS} FROM (SELECT * FROM recording_index x{conditions} ORDER BY {order} LIMIT {limit} OFFSET {offset}) x
             {JOINED} ORDER BY {order}"
        )
    } else {
        format!(
            "SELECT {COLUMNS} FROM recording_index x {JOINED}{conditions} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
        )
    };
    let lines: Vec<Line> = filter
        .bind(sqlx::query_as(&sql))
        .bind(PER_PAGE)
        .bind((page as i64 - 1) * PER_PAGE)
        .fetch_all(pool)
        .await
        .step("read recording_index")?;
    let per_region: Vec<(String, i64, i64)> = filter
        .bind(sqlx::query_as(&format!(
            "SELECT x.region_code, COUNT(*), CAST(COALESCE(SUM(x.size), 0) AS BIGINT) FROM recording_index x{conditions}
             GROUP BY x.region_code ORDER BY 3 DESC, 1"
        )))
        .fetch_all(pool)
        .await
        .step("sum recording_index per region")?;
    // Summed per room from the index alone, then per owner over the rooms: no row meets a join.
    let per_member: Vec<(String, i64, i64)> = filter
        .bind(sqlx::query_as(&format!(
            "SELECT u.name || ' <' || u.email || '>', t.n, t.s FROM (
                 SELECT r.owner_id AS owner, CAST(SUM(g.n) AS BIGINT) AS n, CAST(SUM(g.s) AS BIGINT) AS s FROM (
                     SELECT x.room_id, COUNT(*) AS n, COALESCE(SUM(x.size), 0) AS s FROM recording_index x{conditions}
                     GROUP BY x.room_id
                 ) g JOIN rooms r ON r.id = g.room_id GROUP BY r.owner_id
             ) t JOIN users u ON u.id = t.owner ORDER BY t.s DESC, 1 LIMIT ${next}"
        )))
        .bind(MEMBERS_SHOWN)
        .fetch_all(pool)
        .await
        .step("sum recording_index per member")?;
    let reader = crate::accounts::service::users::reader_of(Some(admin));
    let total =
        |(label, count, size): (String, i64, i64)| Total { label, count: unsigned(count), size: unsigned(size) };
    Ok(Overview {
        rows: lines.into_iter().map(|line| row(line, &reader)).collect(),
        all: total((String::new(), count, size)),
        per_region: per_region.into_iter().map(total).collect(),
        per_member: per_member.into_iter().map(total).collect(),
        page,
        pages,
    })
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
