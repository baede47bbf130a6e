//! `quorum backup FILE` and `quorum restore FILE`: a running SQLite portal copied whole, its stored
//! files with it, into one tar file; and that file put back into an empty data folder.
//!
//! The copy is SQLite's `VACUUM INTO`: one read transaction, so it holds every row committed before
//! it began and none half-written, while members go on writing (WAL lets them). The stored files
//! follow; a file is never changed once written, only added or removed. PostgreSQL has its own tools
//! (`pg_dump`, `pg_restore`), named in docs/operations.md.
use app::files::Place;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The archive's parts.
const DATABASE: &str = "quorum.db";
const FILES: &str = "files";
const MANIFEST: &str = "backup.json";

/// What a backup or a restore held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub database_bytes: u64,
    pub files: usize,
    /// Files in a bucket are not copied: the bucket keeps its own (versioning, replication).
    pub files_in_bucket: bool,
}

/// The SQLite file `url` names (`sqlite://data/quorum.db?mode=rwc`), or why there is none.
fn sqlite_path(url: &str) -> Result<PathBuf, String> {
    if app::db::Kind::of(url) != Some(app::db::Kind::Sqlite) {
        return Err("this database is PostgreSQL: back it up with pg_dump and restore it with pg_restore \
                    (docs/operations.md lists the commands and what else to keep)"
            .into());
    }
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    Ok(PathBuf::from(path.split('?').next().unwrap_or_default()))
}

/// Copies the database at `url` and the files at `place` into the tar file `to` (written beside
/// it first, then renamed: a backup cut short never looks whole).
pub async fn backup(url: &str, place: &Place, to: &Path) -> Result<Summary, String> {
    sqlite_path(url)?;
    let work = tempdir(to)?;
    let copy = work.join(DATABASE);
    let pool = app::db::connect(url, 1).await.map_err(|e| format!("the database: {e}"))?;
    // The path is ours (a fresh folder); quotes are doubled as SQL wants, all the same.
    let target = copy.to_string_lossy().replace('\'', "''");
    sqlx::query(&format!("VACUUM INTO '{target}'"))
        .execute(&pool)
        .await
        .map_err(|e| format!("copying the database: {e}"))?;
    pool.close().await;
    let partial = to.with_extension("partial");
    let written = write_archive(&partial, &copy, place);
    let _ = std::fs::remove_dir_all(&work);
    let summary = written?;
    std::fs::rename(&partial, to).map_err(|e| format!("{}: {e}", to.display()))?;
    Ok(summary)
}

fn write_archive(to: &Path, database: &Path, place: &Place) -> Result<Summary, String> {
    let fail = |e: std::io::Error| format!("{}: {e}", to.display());
    let mut archive = tar::Builder::new(File::create(to).map_err(fail)?);
    archive.append_path_with_name(database, DATABASE).map_err(fail)?;
    let database_bytes = std::fs::metadata(database).map_err(fail)?.len();
    let (files, files_in_bucket) = match place {
        Place::Folder(dir) if dir.exists() => {
            archive.append_dir_all(FILES, dir).map_err(fail)?;
            (count_files(dir), false)
        }
        Place::Folder(_) => (0, false),
        Place::S3(_) => (0, true),
    };
    let manifest = serde_json::json!({
        "format": 1,
        "made_at": chrono::Utc::now().to_rfc3339(),
        "portal": env!("CARGO_PKG_VERSION"),
        "files_in_bucket": files_in_bucket,
    });
    let bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    let mut header = tar::Header::new_gnu();
    header.set_size(bytes.len() as u64);
    header.set_mode(0o644);
    header.set_cksum();
    archive.append_data(&mut header, MANIFEST, bytes.as_slice()).map_err(fail)?;
    archive.into_inner().and_then(|f| f.sync_all()).map_err(fail)?;
    Ok(Summary { database_bytes, files, files_in_bucket })
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| if e.path().is_dir() { count_files(&e.path()) } else { 1 }).sum())
        .unwrap_or(0)
}

/// A fresh folder beside `file`, for the database's copy.
fn tempdir(file: &Path) -> Result<PathBuf, String> {
    let parent = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let dir = parent.join(format!(".quorum-backup-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(dir)
}

/// Puts the backup `from` back: the database at `url`'s file and the files into `place`'s folder,
/// both of which must not hold anything yet. The restored database is checked before it is kept.
pub async fn restore(url: &str, place: &Place, from: &Path) -> Result<Summary, String> {
    let database = sqlite_path(url)?;
    if std::fs::metadata(&database).is_ok_and(|m| m.len() > 0) {
        return Err(format!(
            "{} exists: restore into an empty data folder (move the old one away first)",
            database.display()
        ));
    }
    let files_dir = match place {
        Place::Folder(dir) => Some(dir.clone()),
        Place::S3(_) => None,
    };
    if let Some(dir) = &files_dir
        && std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some())
    {
        return Err(format!("{} is not empty: restore into an empty data folder", dir.display()));
    }
    let work = tempdir(&database)?;
    let unpacked = unpack(from, &work);
    let summary = unpacked.and_then(|_| place_parts(&work, &database, files_dir.as_deref()));
    let _ = std::fs::remove_dir_all(&work);
    let summary = summary?;
    check(url).await?;
    Ok(summary)
}

fn unpack(from: &Path, into: &Path) -> Result<(), String> {
    let file = File::open(from).map_err(|e| format!("{}: {e}", from.display()))?;
    // `unpack` keeps every entry inside `into` (no `..`, no absolute paths).
    tar::Archive::new(file).unpack(into).map_err(|e| format!("{} is not a readable backup: {e}", from.display()))?;
    if !into.join(MANIFEST).exists() || !into.join(DATABASE).exists() {
        return Err(format!("{} is not a backup made by quorum backup", from.display()));
    }
    Ok(())
}

fn place_parts(work: &Path, database: &Path, files_dir: Option<&Path>) -> Result<Summary, String> {
    let fail = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    if let Some(parent) = database.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
    }
    std::fs::copy(work.join(DATABASE), database).map_err(|e| fail(database, e))?;
    let database_bytes = std::fs::metadata(database).map_err(|e| fail(database, e))?.len();
    let (mut files, saved) = (0, work.join(FILES));
    if let (Some(dir), true) = (files_dir, saved.exists()) {
        if let Some(parent) = dir.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
        }
        let _ = std::fs::remove_dir(dir);
        std::fs::rename(&saved, dir).map_err(|e| fail(dir, e))?;
        files = count_files(dir);
    }
    Ok(Summary { database_bytes, files, files_in_bucket: files_dir.is_none() })
}

/// SQLite's own check of the restored file: every page and index whole.
async fn check(url: &str) -> Result<(), String> {
    let pool = app::db::connect(url, 1).await.map_err(|e| format!("the restored database: {e}"))?;
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .map_err(|e| format!("checking the restored database: {e}"))?;
    pool.close().await;
    if verdict != "ok" {
        return Err(format!("the restored database is damaged: {verdict}"));
    }
    Ok(())
}
