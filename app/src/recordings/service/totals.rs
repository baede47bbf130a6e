//! What an overview filter matches, summed per room and region: the overview's totals (everything,
//! per region, per member) and, for the orders by room or owner, where each room's rows fall. One
//! grouping of the index per filter, kept a few seconds and read again behind the views: paging
//! through a filter, or changing its order, reads only the page's rows (bench/recordings.sh).
use super::overview::Filter;
use crate::clock::Timestamp;
use crate::error::{AppResult, Step};
use crate::recordings::model::OverviewSort;
use crate::state::AppState;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Seconds a grouping stands. A write to the index through this process ends it at once; another
/// process's shows within this (the index itself trails its regions by up to a minute).
const STANDS: i64 = 10;
const MAX_FILTERS: usize = 64;

type Key = (String, String);
type Kept = (Timestamp, u64, Arc<Totals>);

/// The groupings of the filters admins read lately, a count of this process's index writes, and
/// the filters being read again in the background.
#[derive(Default)]
pub struct TotalsCache {
    writes: AtomicU64,
    kept: Mutex<HashMap<Key, Kept>>,
    reading: Mutex<HashSet<Key>>,
}

impl TotalsCache {
    /// The index changed: every grouping is read again.
    pub fn changed(&self) {
        self.writes.fetch_add(1, Ordering::Relaxed);
    }

    fn keep(&self, key: Key, at: Timestamp, writes: u64, totals: Arc<Totals>) {
        if let Ok(mut kept) = self.kept.lock() {
            if kept.len() >= MAX_FILTERS && !kept.contains_key(&key) {
                kept.clear();
            }
            kept.insert(key, (at, writes, totals));
        }
    }
}

/// One room's recordings on one region that the filter matches.
#[derive(Debug, Clone)]
pub struct Group {
    pub room_id: i64,
    pub region: String,
    pub count: i64,
    pub size: i64,
    pub owner_id: i64,
    pub room_name: String,
    pub owner_name: String,
    pub owner_email: String,
}

/// Everything a filter matches, as groups.
#[derive(Debug, Default)]
pub struct Totals {
    pub groups: Vec<Group>,
}

/// The rows of one page in an order by room or owner: the rooms to read, the rank of each room's
/// or owner's id (`column`) in the order, and how many rows of the first one an earlier page shows.
#[derive(Debug, Default)]
pub struct Window {
    pub column: &'static str,
    pub ranked: Vec<i64>,
    pub rooms: Vec<i64>,
    pub skip: i64,
}

/// A group's room or owner: its name in lower case (the order) and its id.
type UnitOf = fn(&Group) -> (String, i64);

impl Totals {
    /// Count and bytes of everything.
    pub fn all(&self) -> (i64, i64) {
        self.groups.iter().fold((0, 0), |(n, s), g| (n + g.count, s + g.size))
    }

    /// Per region, largest first.
    pub fn per_region(&self) -> Vec<(String, i64, i64)> {
        summed(self.groups.iter().map(|g| (g.region.clone(), g)))
    }

    /// Per owner ("name <email>"), largest first, the first `shown`.
    pub fn per_member(&self, shown: usize) -> Vec<(String, i64, i64)> {
        let mut all = summed(self.groups.iter().map(|g| (g.owner_id, g)));
        all.truncate(shown);
        let label: HashMap<i64, String> =
            self.groups.iter().map(|g| (g.owner_id, format!("{} <{}>", g.owner_name, g.owner_email))).collect();
        let mut shown: Vec<_> = all.into_iter().map(|(id, n, s)| (label[&id].clone(), n, s)).collect();
        shown.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        shown
    }

    /// Where rows `offset..offset + take` fall in the order by room or owner (ties in the name go
    /// by id), or `None` for the orders the index's own columns give.
    pub fn window(&self, sort: OverviewSort, offset: i64, take: i64) -> Option<Window> {
        let (column, unit): (_, UnitOf) = match sort {
            OverviewSort::Room => ("x.room_id", |g| (g.room_name.to_lowercase(), g.room_id)),
            OverviewSort::Owner => ("r.owner_id", |g| (g.owner_name.to_lowercase(), g.owner_id)),
            _ => return None,
        };
        let mut units: Vec<((String, i64), i64)> =
            summed(self.groups.iter().map(|g| (unit(g), g))).into_iter().map(|(key, count, _)| (key, count)).collect();
        units.sort();
        let mut window = Window { column, ..Window::default() };
        let mut start = 0;
        for ((_, id), count) in units {
            if start + count > offset && start < offset + take {
                if window.ranked.is_empty() {
                    window.skip = offset - start;
                }
                window.ranked.push(id);
            }
            start += count;
        }
        window.rooms = self.groups.iter().filter(|g| window.ranked.contains(&unit(g).1)).map(|g| g.room_id).collect();
        window.rooms.sort_unstable();
        window.rooms.dedup();
        Some(window)
    }
}

/// Counts and sizes summed per key, largest first (then by key).
fn summed<'a, K: Ord + Clone + std::hash::Hash>(groups: impl Iterator<Item = (K, &'a Group)>) -> Vec<(K, i64, i64)> {
    let mut sums: HashMap<K, (i64, i64)> = HashMap::new();
    for (key, g) in groups {
        let sum = sums.entry(key).or_default();
        *sum = (sum.0 + g.count, sum.1 + g.size);
    }
    let mut all: Vec<_> = sums.into_iter().map(|(k, (n, s))| (k, n, s)).collect();
    all.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    all
}

/// The filter's grouping. Kept and fresh, it is used; kept but older than [`STANDS`], it is used
/// while it is read again in the background, so no view waits on the grouping once its filter was
/// read; after a write through this process, or never read, it is read now.
#[tracing::instrument(name = "recordings.totals.of", level = "error", skip_all)]
pub async fn of(ctx: &AppState, filter: &Filter) -> AppResult<Arc<Totals>> {
    let cache = &ctx.overview;
    let (key, now) = ((filter.query.trim().to_lowercase(), filter.region.clone()), ctx.clock.now());
    let writes = cache.writes.load(Ordering::Relaxed);
    let found = cache.kept.lock().ok().and_then(|kept| kept.get(&key).cloned());
    match found {
        Some((at, seen, totals)) if seen == writes && now.since(at) < STANDS => Ok(totals),
        Some((_, seen, totals)) if seen == writes => {
            let first = cache.reading.lock().is_ok_and(|mut reading| reading.insert(key.clone()));
            if first {
                let (ctx, filter) = (ctx.clone(), filter.clone());
                tokio::spawn(async move {
                    match read(&ctx, &filter).await {
                        Ok(fresh) => ctx.overview.keep(key.clone(), now, writes, Arc::new(fresh)),
                        Err(e) => tracing::warn!(error = ?e, "recordings: the overview's totals were not read again"),
                    }
                    if let Ok(mut reading) = ctx.overview.reading.lock() {
                        reading.remove(&key);
                    }
                });
            }
            Ok(totals)
        }
        _ => {
            let totals = Arc::new(read(ctx, filter).await?);
            cache.keep(key, now, writes, totals.clone());
            Ok(totals)
        }
    }
}

type Line = (i64, String, i64, i64, i64, String, String, String);

async fn read(ctx: &AppState, filter: &Filter) -> AppResult<Totals> {
    let lines: Vec<Line> = filter
        .bind(sqlx::query_as(&format!(
            "SELECT g.room_id, g.region_code, g.n, g.s, r.owner_id, r.name, u.name, u.email FROM (
                 SELECT x.room_id, x.region_code, COUNT(*) AS n, CAST(COALESCE(SUM(x.size), 0) AS BIGINT) AS s
                 FROM recording_index x{} GROUP BY x.room_id, x.region_code
             ) g JOIN rooms r ON r.id = g.room_id JOIN users u ON u.id = r.owner_id",
            filter.conditions()
        )))
        .fetch_all(&ctx.pool)
        .await
        .step("group recording_index")?;
    let groups = lines
        .into_iter()
        .map(|(room_id, region, count, size, owner_id, room_name, owner_name, owner_email)| Group {
            room_id,
            region,
            count,
            size,
            owner_id,
            room_name,
            owner_name,
            owner_email,
        })
        .collect();
    Ok(Totals { groups })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(room_id: i64, owner_id: i64, room: &str, owner: &str, count: i64) -> Group {
        Group {
            room_id,
            region: "eu".into(),
            count,
            size: count * 10,
            owner_id,
            room_name: room.into(),
            owner_name: owner.into(),
            owner_email: format!("{owner}@example.org"),
        }
    }

    #[test]
    fn a_window_starts_inside_the_owner_an_earlier_page_began() {
        // Bea (2 rooms, 30 rows), then Al's room (40 rows): by owner, Al comes first.
        let totals = Totals {
            groups: vec![group(1, 2, "Zeta", "bea", 10), group(2, 2, "Alpha", "bea", 20), group(3, 1, "Mid", "Al", 40)],
        };
        let second = totals.window(OverviewSort::Owner, 25, 25).unwrap();
        assert_eq!(
            (second.column, second.ranked, second.rooms, second.skip),
            ("r.owner_id", vec![1, 2], vec![1, 2, 3], 25)
        );
        let by_room = totals.window(OverviewSort::Room, 20, 10).unwrap();
        assert_eq!((by_room.ranked, by_room.skip), (vec![3], 0));
        assert!(totals.window(OverviewSort::Newest, 0, 50).is_none());
        assert_eq!(totals.all(), (70, 700));
        assert_eq!(totals.per_member(1), vec![("Al <Al@example.org>".to_string(), 40, 400)]);
    }
}
