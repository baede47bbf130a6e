//! Every room on the portal, for administrators: whose it is, where it runs, and what runs now.
use crate::db::Pool;
use crate::error::AppResult;
use crate::error::Step;
use crate::rooms::model::{DIRECTORY_PAGE, RoomDirectory, RoomListing};

#[derive(sqlx::FromRow)]
struct Row {
    slug: String,
    name: String,
    owner_name: String,
    owner_email: String,
    region_code: String,
    running: i64,
    participants: i64,
}

/// Rooms whose name, link, owner's name or owner's email contains `query` (any case): running
/// rooms first, the fullest first, then by name; `running_only` leaves out the rest.
#[tracing::instrument(name = "rooms.directory.search", level = "error", skip_all)]
pub async fn search(pool: &Pool, query: &str, running_only: bool, page: i64) -> AppResult<RoomDirectory> {
    let pattern = format!("%{}%", query.trim().to_lowercase().replace(['%', '_'], ""));
    let mut rows: Vec<Row> = sqlx::query_as(
        "SELECT r.slug, r.name, u.name AS owner_name, u.email AS owner_email, r.region_code, r.running,
                r.participants
         FROM rooms r JOIN users u ON u.id = r.owner_id
         WHERE (LOWER(r.name) LIKE $1 OR r.slug LIKE $1 OR LOWER(u.name) LIKE $1 OR u.email LIKE $1)
           AND ($2 = 0 OR r.running = 1)
         ORDER BY r.running DESC, r.participants DESC, LOWER(r.name), r.id
         LIMIT $3 OFFSET $4",
    )
    .bind(pattern)
    .bind(i64::from(running_only))
    .bind(DIRECTORY_PAGE + 1)
    .bind(page.max(0) * DIRECTORY_PAGE)
    .fetch_all(pool)
    .await
    .step("read rooms")?;
    let more = rows.len() as i64 > DIRECTORY_PAGE;
    rows.truncate(DIRECTORY_PAGE as usize);
    let (running, participants): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), CAST(COALESCE(SUM(participants), 0) AS BIGINT) FROM rooms WHERE running = 1")
            .fetch_one(pool)
            .await
            .step("read rooms")?;
    let rooms = rows
        .into_iter()
        .map(|r| RoomListing {
            slug: r.slug,
            name: r.name,
            owner_name: r.owner_name,
            owner_email: r.owner_email,
            region: r.region_code,
            running: r.running != 0,
            participants: r.participants,
        })
        .collect();
    Ok(RoomDirectory { rooms, more, running, participants })
}
