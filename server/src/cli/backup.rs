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
    // Read only and without migrations: a backup taken before an upgrade, with the new binary,
    // must not change the database the old portal still serves (nor make one at a wrong path).
    let mut conn = read_only(&sqlite_path(url)?).await?;
    // The path is ours (a fresh folder); quotes are doubled as SQL wants, all the same.
    let target = copy.to_string_lossy().replace('\'', "''");
    sqlx::query(&format!("VACUUM INTO '{target}'"))
        .execute(&mut conn)
        .await
        .map_err(|e| format!("copying the database: {e}"))?;
    private(&copy)?;
    let partial = to.with_extension("partial");
    let written = write_archive(&partial, &copy, place);
    let _ = std::fs::remove_dir_all(&work);
    let summary = written?;
    std::fs::rename(&partial, to).map_err(|e| format!("{}: {e}", to.display()))?;
    Ok(summary)
}

/// A read-only connection to the SQLite file at `path`, which must exist.
async fn read_only(path: &Path) -> Result<sqlx::SqliteConnection, String> {
    use sqlx::ConnectOptions;
    if !path.is_file() {
        return Err(format!("{}: no database there", path.display()));
    }
    sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// The backup holds password hashes and sessions: only its owner reads it.
fn private(path: &Path) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

fn write_archive(to: &Path, database: &Path, place: &Place) -> Result<Summary, String> {
    let fail = |e: std::io::Error| format!("{}: {e}", to.display());
    let file = File::create(to).map_err(fail)?;
    private(to)?;
    let mut archive = tar::Builder::new(file);
    archive.append_path_with_name(database, DATABASE).map_err(fail)?;
    let database_bytes = std::fs::metadata(database).map_err(fail)?.len();
    let (files, files_in_bucket) = match place {
        Place::Folder(dir) if dir.exists() => (append_files(&mut archive, dir, Path::new(FILES)).map_err(fail)?, false),
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

/// Adds the stored files under `dir` as `name/…`. A file the store is still writing (named
/// `key#n` until it is whole) is left out, and one removed meanwhile is skipped, not a failure.
fn append_files(archive: &mut tar::Builder<File>, dir: &Path, name: &Path) -> std::io::Result<usize> {
    let mut added = 0;
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    for entry in entries.flatten() {
        let (path, file_name) = (entry.path(), entry.file_name());
        if file_name.to_string_lossy().contains('#') {
            continue;
        }
        let inner = name.join(&file_name);
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(_) => continue,
        };
        if kind.is_dir() {
            added += append_files(archive, &path, &inner)?;
        } else if kind.is_file() {
            match archive.append_path_with_name(&path, &inner) {
                Ok(()) => added += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(added)
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
/// both of which must not hold anything yet. The unpacked copy is checked before anything is put
/// in place; the database goes last, so a restore that fails leaves no database and may be run
/// again.
pub async fn restore(url: &str, place: &Place, from: &Path) -> Result<Summary, String> {
    let database = sqlite_path(url)?;
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let part = PathBuf::from(format!("{}{suffix}", database.display()));
        if part.exists() {
            return Err(format!(
                "{} exists: restore into an empty data folder (move the old one away first)",
                part.display()
            ));
        }
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
    if let Some(parent) = database.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    let work = tempdir(&database)?;
    let done = restore_from(from, &work, &database, files_dir.as_deref()).await;
    let _ = std::fs::remove_dir_all(&work);
    done
}

async fn restore_from(from: &Path, work: &Path, database: &Path, files_dir: Option<&Path>) -> Result<Summary, String> {
    unpack(from, work)?;
    if files_dir.is_none() && work.join(FILES).exists() {
        return Err("this backup holds stored files, but the configuration keeps files in a bucket: \
                    restore with files_dir set, then copy the folder into the bucket"
            .into());
    }
    check(&work.join(DATABASE)).await?;
    let fail = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    let mut files = 0;
    if let (Some(dir), true) = (files_dir, work.join(FILES).exists()) {
        copy_tree(&work.join(FILES), dir).map_err(|e| fail(dir, e))?;
        files = count_files(dir);
    }
    std::fs::copy(work.join(DATABASE), database).map_err(|e| fail(database, e))?;
    private(database)?;
    let database_bytes = std::fs::metadata(database).map_err(|e| fail(database, e))?.len();
    Ok(Summary { database_bytes, files, files_in_bucket: files_dir.is_none() })
}

/// Copies the folder `from` into `to` (created), file by file: a rename fails across volumes.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Unpacks `from` into `into`: only plain files and folders (a link could point anywhere on the
/// host), each kept inside `into` (no `..`, no absolute paths).
fn unpack(from: &Path, into: &Path) -> Result<(), String> {
    let unreadable = |e: std::io::Error| format!("{} is not a readable backup: {e}", from.display());
    let file = File::open(from).map_err(|e| format!("{}: {e}", from.display()))?;
    let mut archive = tar::Archive::new(file);
    for entry in archive.entries().map_err(unreadable)? {
        let mut entry = entry.map_err(unreadable)?;
        let kind = entry.header().entry_type();
        if !(kind.is_file() || kind.is_dir()) {
            return Err(format!("{} holds something that is not a file or a folder", from.display()));
        }
        entry.unpack_in(into).map_err(unreadable)?;
    }
    if !into.join(MANIFEST).is_file() || !into.join(DATABASE).is_file() {
        return Err(format!("{} is not a backup made by quorum backup", from.display()));
    }
    Ok(())
}

/// SQLite's own check of the unpacked database: every page and index whole.
async fn check(path: &Path) -> Result<(), String> {
    let mut conn = read_only(path).await?;
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| format!("checking the backup's database: {e}"))?;
    if verdict != "ok" {
        return Err(format!("the restored database is damaged: {verdict}"));
    }
    Ok(())
}
