//! A fresh database per test: a new SQLite file, or a new database on the PostgreSQL server named by
//! `QUORUM_TEST_PG_URL` (the test script starts one and sets it).
use sqlx::Connection;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

pub async fn fresh(db: Db) -> String {
    let name = format!("quorum_test_{}", uuid::Uuid::new_v4().simple());
    match db {
        Db::Sqlite => {
            let dir = std::env::temp_dir().join("quorum-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            format!("sqlite://{}?mode=rwc", dir.join(format!("{name}.db")).display())
        }
        Db::Postgres => {
            let admin = std::env::var("QUORUM_TEST_PG_URL").expect(
                "QUORUM_TEST_PG_URL is not set: run the tests with scripts/test (it starts PostgreSQL), \
                 or point it at a server whose role may create databases, e.g. postgres://me@127.0.0.1:5432/postgres",
            );
            let mut conn = sqlx::PgConnection::connect(&admin).await.expect("connect to the test PostgreSQL");
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create database");
            let (base, _) = admin.rsplit_once('/').expect("URL with a database");
            format!("{base}/{name}")
        }
    }
}
