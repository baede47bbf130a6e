//! The house test: it reads `app/src/`, `server/src/` and the migrations, and fails when
//! (a) a feature imports the pages layer or a feature above it in `app::house::FEATURES`,
//! (b) a cross-cutting module imports a feature or the pages,
//! (c) a module writes (INSERT, UPDATE, DELETE) a table it does not own in
//!     `app::house::TABLE_OWNERS`, or a table has no owner, or a top-level module sits in no layer.
//! Only code counts: comment lines and `#[cfg(test)]` modules are left out.
use app::house::{CONTEXT, CROSS_CUTTING, FEATURES, PAGES, TABLE_OWNERS};
use regex::Regex;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;

/// One source file: its path under its root (`rooms/service/manage.rs`, or `server/...` for the
/// binary's) and its code without comments and test modules.
struct Source {
    path: String,
    code: String,
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository holds server/")
}

fn walk(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            walk(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "sql") {
            found.push(path);
        }
    }
}

fn read_tree(root: &Path, prefix: &str) -> Vec<Source> {
    let mut files = Vec::new();
    walk(root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let rel = file.strip_prefix(root).expect("under its root").to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(&file).expect("readable source");
            Source { path: format!("{prefix}{rel}"), code: if rel.ends_with(".rs") { code_of(&text) } else { text } }
        })
        .collect()
}

/// The code of a Rust file: comment lines and the bodies of `#[cfg(test)] mod … { … }` dropped.
fn code_of(text: &str) -> String {
    let kept: Vec<&str> = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
    let mut code = kept.join("\n");
    static TEST_MOD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"#\[cfg\(test\)\]\s*(pub(\(crate\))?\s+)?mod\s+\w+\s*\{").expect("a pattern"));
    while let Some(found) = TEST_MOD.find(&code) {
        let mut depth = 0;
        let mut end = code.len();
        for (i, c) in code[found.end() - 1..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = found.end() - 1 + i + 1;
                break;
            }
        }
        code.replace_range(found.start()..end, "");
    }
    code
}

/// The top-level module a file belongs to: `rooms` for `rooms/ui/list.rs`, `clock` for `clock.rs`.
fn module_of(path: &str) -> &str {
    let first = path.split('/').next().unwrap_or(path);
    first.strip_suffix(".rs").unwrap_or(first)
}

/// The top-level modules a file names through `crate::`.
fn imports(code: &str) -> BTreeSet<String> {
    static SINGLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"crate::(\w+)").expect("a pattern"));
    static GROUP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"crate::\{([^}]*)\}").expect("a pattern"));
    let mut names: BTreeSet<String> = SINGLE.captures_iter(code).map(|c| c[1].to_string()).collect();
    for c in GROUP.captures_iter(code) {
        names.extend(c[1].split(',').filter_map(|p| p.trim().split("::").next()).map(str::to_string));
    }
    names.retain(|n| !n.is_empty());
    names
}

fn rank(module: &str) -> Option<usize> {
    FEATURES.iter().position(|f| *f == module)
}

/// Rules (a) and (b), and that every top-level module sits in one layer.
fn layer_violations(sources: &[Source]) -> Vec<String> {
    let mut out = Vec::new();
    for source in sources.iter().filter(|s| s.path.ends_with(".rs")) {
        let here = module_of(&source.path);
        let placed = here == "lib" || here == PAGES || here == CONTEXT || rank(here).is_some();
        if !placed && !CROSS_CUTTING.contains(&here) {
            out.push(format!("{}: `{here}` is in no layer of app::house", source.path));
            continue;
        }
        for name in imports(&source.code) {
            let target = name.as_str();
            if target == here {
                continue;
            }
            match (rank(here), CROSS_CUTTING.contains(&here)) {
                (Some(_), _) if target == PAGES => {
                    out.push(format!("{}: the feature `{here}` imports the pages layer", source.path));
                }
                (Some(mine), _) if rank(target).is_some_and(|theirs| theirs > mine) => {
                    out.push(format!("{}: the feature `{here}` imports `{target}`, a feature above it", source.path));
                }
                (None, true) if target == PAGES || rank(target).is_some() => {
                    out.push(format!("{}: the cross-cutting `{here}` imports `{target}`", source.path));
                }
                _ => {}
            }
        }
    }
    out
}

/// The tables the migrations leave: every `CREATE TABLE`, less those renamed away.
fn tables(migrations: &[Source]) -> BTreeSet<String> {
    let create = Regex::new(r"(?i)create\s+table\s+(?:if\s+not\s+exists\s+)?(\w+)").expect("a pattern");
    let rename = Regex::new(r"(?i)alter\s+table\s+(\w+)\s+rename\s+to\s+(\w+)").expect("a pattern");
    let mut found = BTreeSet::new();
    for m in migrations {
        found.extend(create.captures_iter(&m.code).map(|c| c[1].to_lowercase()));
    }
    for m in migrations {
        for c in rename.captures_iter(&m.code) {
            found.remove(&c[1].to_lowercase());
            found.insert(c[2].to_lowercase());
        }
    }
    found
}

/// The tables a file's statements write.
fn writes(code: &str) -> BTreeSet<String> {
    static WRITES: LazyLock<Regex> = LazyLock::new(|| {
        let statements = [
            r"\binsert\s+(?:or\s+\w+\s+)?into\s+(\w+|\{)",
            r"\breplace\s+into\s+(\w+|\{)",
            r"\bupdate\s+(\w+|\{)\s+set\b",
            r"\bdelete\s+from\s+(\w+|\{)",
        ];
        Regex::new(&format!("(?i){}", statements.join("|"))).expect("a pattern")
    });
    WRITES
        .captures_iter(code)
        .filter_map(|c| c.iter().skip(1).flatten().next().map(|m| m.as_str().to_lowercase()))
        .collect()
}

fn owner_of(table: &str) -> Option<&'static str> {
    TABLE_OWNERS.iter().find(|(t, _)| *t == table).map(|(_, owner)| *owner)
}

fn owns(owner: &str, path: &str) -> bool {
    if owner.ends_with('/') { path.starts_with(owner) } else { path == owner }
}

/// Rule (c): each write by the table's owner, each table with an owner, each owner a table.
fn writer_violations(sources: &[Source], tables: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for source in sources.iter().filter(|s| s.path.ends_with(".rs")) {
        for table in writes(&source.code) {
            match owner_of(&table) {
                _ if table == "{" => {
                    out.push(format!("{}: writes a table named at run time; name it in the statement", source.path))
                }
                Some(owner) if owns(owner, &source.path) => {}
                Some(owner) => out.push(format!("{}: writes `{table}`, which {owner} owns", source.path)),
                None => out.push(format!("{}: writes `{table}`, which has no owner in app::house", source.path)),
            }
        }
    }
    for table in tables {
        if owner_of(table).is_none() {
            out.push(format!("the table `{table}` has no owner in app::house::TABLE_OWNERS"));
        }
    }
    for (table, _) in TABLE_OWNERS {
        if !tables.contains(*table) {
            out.push(format!("app::house::TABLE_OWNERS names `{table}`, which no migration creates"));
        }
    }
    out
}

fn the_house() -> (Vec<Source>, BTreeSet<String>) {
    let mut sources = read_tree(&repo().join("app/src"), "");
    sources.extend(read_tree(&repo().join("server/src"), "server/src/"));
    let mut migrations = read_tree(&repo().join("migrations/sqlite"), "");
    migrations.extend(read_tree(&repo().join("migrations/postgres"), ""));
    (sources, tables(&migrations))
}

#[test]
fn the_house_keeps_its_rules() {
    let (sources, tables) = the_house();
    assert!(sources.len() > 200 && tables.len() > 30, "the sources and migrations were found");
    let app: Vec<Source> = sources.iter().filter(|s| !s.path.starts_with("server/")).map(clone).collect();
    let mut problems = layer_violations(&app);
    problems.extend(writer_violations(&sources, &tables));
    assert!(problems.is_empty(), "the house's rules (docs/architecture.md) are broken:\n{}", problems.join("\n"));
}

/// Every feature has the one shape: `mod.rs`, `model`, `api`, `service/`, `ui`, and `routes.rs`
/// when it has plain routes (docs/architecture.md, "A feature's files").
#[test]
fn every_feature_has_the_one_shape() {
    let allowed = ["mod.rs", "model", "model.rs", "api", "api.rs", "service", "ui", "ui.rs", "routes.rs"];
    for feature in FEATURES {
        let dir = repo().join("app/src").join(feature);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("a folder entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in &names {
            assert!(allowed.contains(&name.as_str()), "app/src/{feature}/{name} is outside the feature's shape");
        }
        for part in ["mod.rs", "model", "api", "service", "ui"] {
            let present = names.iter().any(|n| n == part || n.strip_suffix(".rs") == Some(part));
            assert!(present, "app/src/{feature} has no {part}");
        }
        assert!(dir.join("service").is_dir(), "app/src/{feature}/service is a folder");
    }
}

/// The binary mounts each feature's list of plain routes from its one table, and only start-up
/// reaches the fake BBB server (for the demo region).
#[test]
fn every_feature_routes_list_is_mounted() {
    let (sources, _) = the_house();
    let table = sources.iter().find(|s| s.path == "server/src/startup/routes.rs").expect("the routes table");
    for source in sources.iter().filter(|s| s.path.ends_with("/routes.rs") && !s.path.starts_with("server/")) {
        let feature = module_of(&source.path);
        assert!(
            table.code.contains(&format!("app::{feature}::routes::")),
            "{}: its routes are not in server/src/startup/routes.rs",
            source.path
        );
    }
    let reaching: Vec<&str> = sources
        .iter()
        .filter(|s| s.path.starts_with("server/src/") && !s.path.starts_with("server/src/fake_bbb/"))
        .filter(|s| s.code.contains("fake_bbb"))
        .map(|s| s.path.as_str())
        .collect();
    assert_eq!(reaching, ["server/src/bin/fake-bbb.rs", "server/src/lib.rs", "server/src/startup/mod.rs"]);
}

fn clone(s: &Source) -> Source {
    Source { path: s.path.clone(), code: s.code.clone() }
}

fn planted(path: &str, code: &str) -> Source {
    Source { path: path.into(), code: code_of(code) }
}

/// Each kind of step out of line is caught, and what only looks like one is not.
#[test]
fn each_kind_of_violation_is_found() {
    let (_, tables) = the_house();
    let feature_uses_pages = planted("rooms/service/x.rs", "use crate::pages::room::retire;");
    let feature_uses_higher = planted("regions/api.rs", "let n = crate::rooms::service::store::count();");
    let grouped = planted("accounts/x.rs", "use crate::{error::AppError, schedule::model::Date};");
    let infra_uses_feature = planted("mail.rs", "fn f() { crate::accounts::service::users::changed(1) }");
    let allowed = planted("schedule/x.rs", "// crate::pages in a comment\nuse crate::rooms::model::RoomView;");
    let unplaced = planted("newthing.rs", "fn f() {}");
    let found =
        layer_violations(&[feature_uses_pages, feature_uses_higher, grouped, infra_uses_feature, allowed, unplaced]);
    assert_eq!(found.len(), 5, "{found:#?}");
    assert!(found[0].contains("imports the pages layer"), "{}", found[0]);
    assert!(found[1].contains("imports `rooms`, a feature above it"), "{}", found[1]);
    assert!(found[2].contains("imports `schedule`"), "{}", found[2]);
    assert!(found[3].contains("cross-cutting `mail` imports `accounts`"), "{}", found[3]);
    assert!(found[4].contains("in no layer"), "{}", found[4]);

    let second_writer =
        planted("schedule/service/x.rs", r#"sqlx::query("UPDATE rooms SET running = 0 WHERE id = $1")"#);
    let owner = planted("rooms/service/manage.rs", r#"sqlx::query("DELETE FROM rooms WHERE id = $1")"#);
    let binary = planted("server/src/x.rs", r#"sqlx::query("insert into users (email) values ($1)")"#);
    let unknown = planted("rooms/service/x.rs", r#"sqlx::query("INSERT INTO scratch (a) VALUES (1)")"#);
    let in_a_test = planted("rooms/service/y.rs", "#[cfg(test)]\nmod tests {\n fn f() { q(\"DELETE FROM users\") }\n}");
    let upsert =
        planted("mail.rs", r#"q("INSERT INTO mail_outbox (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2")"#);
    let mut with_new = tables.clone();
    with_new.insert("scratch2".into());
    let found = writer_violations(&[second_writer, owner, binary, unknown, in_a_test, upsert], &with_new);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found[0].contains("schedule/service/x.rs: writes `rooms`, which rooms/service/ owns"), "{}", found[0]);
    assert!(found[1].contains("server/src/x.rs: writes `users`"), "{}", found[1]);
    assert!(found[2].contains("writes `scratch`, which has no owner"), "{}", found[2]);
    assert!(found[3].contains("the table `scratch2` has no owner"), "{}", found[3]);
}
