//! The test harness: the whole application on port 0 with a fresh database (SQLite file or
//! PostgreSQL database), its mail going over real SMTP to a sink on loopback.
#![allow(dead_code)]
pub mod database;
pub mod oidc;
pub mod process;
pub mod s3;
pub mod smtp_sink;

use app::error::AppError;
use database::Db;
use reqwest::header::HeaderMap;
use server::config::Config;
use server::startup::Application;
use smtp_sink::SmtpSink;

/// Runs an async test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::support::database::Db::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::support::database::Db::Postgres).await
            }
        }
    };
}

pub struct TestApp {
    pub base: String,
    /// The portal's clock: it stands still until a test moves it.
    pub clock: app::clock::Clock,
    pub pool: app::db::Pool,
    pub sink: SmtpSink,
    pub database_url: String,
    /// The internal `/metrics` address of this portal.
    pub metrics: Option<String>,
    pub state: app::state::AppState,
}

pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub result: Result<serde_json::Value, AppError>,
}

impl Answer {
    async fn read(response: reqwest::Response) -> Answer {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let failed = headers.contains_key("serverfnerror");
        let body = response.text().await.expect("body");
        let result = if failed {
            Err(serde_json::from_str(&body).unwrap_or_else(|e| panic!("error body {body}: {e}")))
        } else {
            Ok(serde_json::from_str(&body).unwrap_or(serde_json::Value::String(body)))
        };
        Answer { status, headers, result }
    }

    pub fn ok(&self) -> &serde_json::Value {
        match &self.result {
            Ok(v) => v,
            Err(e) => panic!("expected success, got {} {e:?}", self.status),
        }
    }
    pub fn err(&self) -> &AppError {
        match &self.result {
            Err(e) => e,
            Ok(v) => panic!("expected an error, got {} {v}", self.status),
        }
    }
    /// The message key of a refusal, or of the error on `field`.
    pub fn field(&self, field: &str) -> String {
        self.err()
            .field_errors()
            .and_then(|f| f.get(field))
            .map(|m| m.key.clone())
            .unwrap_or_else(|| panic!("no error on field {field}: {:?}", self.err()))
    }
    pub fn refusal(&self) -> String {
        match self.err() {
            AppError::Refused(m) => m.key.clone(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}

impl TestApp {
    pub async fn spawn(db: Db) -> TestApp {
        Self::spawn_with(db, |_| {}).await
    }

    pub async fn spawn_with(db: Db, tweak: impl FnOnce(&mut Config)) -> TestApp {
        let database_url = database::fresh(db).await;
        let clock = app::clock::Clock::manual(app::clock::Clock::system().now());
        Self::start(database_url, clock, None, tweak).await
    }

    /// A second portal process on the same database (as behind a proxy), sharing the clock.
    pub async fn spawn_on(database_url: &str, clock: app::clock::Clock) -> TestApp {
        Self::start(database_url.to_string(), clock, None, |_| {}).await
    }

    /// A portal on a database the test prepared itself, its configuration tweaked.
    pub async fn spawn_on_with(database_url: &str, tweak: impl FnOnce(&mut Config)) -> TestApp {
        let clock = app::clock::Clock::manual(app::clock::Clock::system().now());
        Self::start(database_url.to_string(), clock, None, tweak).await
    }

    /// A second portal process beside `other`, as a co-op runs them: the same database, clock and
    /// mail relay, so a mail either process sends arrives in the one sink.
    pub async fn spawn_beside(other: &TestApp) -> TestApp {
        Self::start(other.database_url.clone(), other.clock.clone(), Some(other.sink.clone()), |_| {}).await
    }

    async fn start(
        database_url: String,
        clock: app::clock::Clock,
        sink: Option<SmtpSink>,
        tweak: impl FnOnce(&mut Config),
    ) -> TestApp {
        let sink = match sink {
            Some(sink) => sink,
            None => SmtpSink::start().await,
        };
        let mut values = server::config::layered(None, &|_| None).expect("defaults");
        values.insert("bind".into(), "127.0.0.1:0".into());
        values.insert("metrics_bind".into(), "127.0.0.1:0".into());
        values.insert("database_url".into(), database_url.clone());
        values.insert("smtp_url".into(), format!("smtp://127.0.0.1:{}", sink.port()));
        // Every region, sink and receiver of the suite is on loopback: allowed here, on purpose;
        // tests of the refusal turn it off.
        values.insert("allow_internal_network".into(), "true".into());
        values.insert("site_root".into(), std::env::temp_dir().join("quorum-no-site").display().to_string());
        // One folder for every test portal: keys are random, and two processes of a test share it.
        values.insert("files_dir".into(), std::env::temp_dir().join("quorum-test-files").display().to_string());
        let mut config = Config::from_values(values).expect("test configuration");
        tweak(&mut config);
        let application = Application::build_with_clock(&config, clock.clone()).await.expect("application builds");
        let base = format!("http://{}", application.address());
        let state = application.state().clone();
        let pool = state.pool.clone();
        let metrics = application.metrics_address().map(|a| format!("http://{a}/metrics"));
        tokio::spawn(application.run_until_stopped());
        TestApp { base, clock, pool, sink, database_url, state, metrics }
    }

    /// Runs background job `name` now, as this portal process; `None` when another holds its lease.
    pub async fn run_job(&self, name: &str) -> Option<usize> {
        self.state.jobs.run_once(&self.state, name).await.expect("job runs")
    }

    /// A new browser: its own cookie jar.
    pub fn browser(&self) -> Browser {
        Browser::at(&self.base)
    }

    /// Signs up and confirms the address through the mailed link; returns a browser logged in as them.
    pub async fn member(&self, name: &str, email: &str, password: &str) -> Browser {
        let browser = self.browser();
        browser.call("accounts/signup", &[("name", name), ("email", email), ("password", password)]).await.ok();
        let token = self.sink.token_for(email, "/verify?token=").await;
        browser.call("accounts/verify", &[("token", &token)]).await.ok();
        browser.call("accounts/login", &[("email", email), ("password", password)]).await.ok();
        browser
    }

    /// An administrator made the way an operator makes the first one, logged in.
    pub async fn admin(&self, email: &str) -> Browser {
        app::accounts::service::admin::create_admin(&self.pool, self.clock.now(), email, "Admin", "admin password 1")
            .await
            .expect("admin");
        let browser = self.browser();
        browser.call("accounts/login", &[("email", email), ("password", "admin password 1")]).await.ok();
        browser
    }

    /// The BBB meeting id of the room at `slug`.
    pub async fn meeting_id(&self, slug: &str) -> String {
        sqlx::query_scalar("SELECT meeting_id FROM rooms WHERE slug = $1")
            .bind(slug)
            .fetch_one(&self.pool)
            .await
            .expect("room")
    }

    pub async fn user_id(&self, email: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(&self.pool)
            .await
            .expect("user")
    }
}

pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

impl Browser {
    /// A new browser of the portal at `base`: its own cookie jar.
    pub fn at(base: &str) -> Browser {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .timeout(std::time::Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Browser { client, base: base.to_string() }
    }

    /// Calls a server function by its endpoint name, as a page's form would with JavaScript.
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> Answer {
        let response =
            self.client.post(format!("{}/api/{endpoint}", self.base)).form(form).send().await.expect("request");
        Answer::read(response).await
    }

    /// Uploads `data` as the `file` of a multipart form to a server function, as a page's form does.
    pub async fn upload(&self, endpoint: &str, file_name: &str, data: &[u8]) -> Answer {
        self.upload_with(endpoint, &[], file_name, data).await
    }

    /// An upload with text `fields` before the file, in that order (as a browser sends a form).
    pub async fn upload_with(&self, endpoint: &str, fields: &[(&str, &str)], file_name: &str, data: &[u8]) -> Answer {
        let part = reqwest::multipart::Part::bytes(data.to_vec()).file_name(file_name.to_string());
        let form =
            fields.iter().fold(reqwest::multipart::Form::new(), |f, (k, v)| f.text(k.to_string(), v.to_string()));
        let response = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .multipart(form.part("file", part))
            .send()
            .await
            .expect("request");
        Answer::read(response).await
    }

    pub async fn signup(&self, name: &str, email: &str, password: &str) -> Answer {
        // As a browser whose script said UTC: the tests' times are written in UTC.
        let form = [("name", name), ("email", email), ("password", password), ("time_zone", "UTC")];
        self.call("accounts/signup", &form).await
    }

    pub async fn login(&self, email: &str, password: &str) -> Answer {
        self.call("accounts/login", &[("email", email), ("password", password)]).await
    }

    /// Posts a form the way a browser without JavaScript does: wanting HTML, coming from `referer`.
    pub async fn post_without_javascript(
        &self,
        endpoint: &str,
        referer: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("accept", "text/html")
            .header("referer", referer)
            .form(form)
            .send()
            .await
            .expect("request")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).send().await.expect("request")
    }

    /// Opens a page as a browser does, asking for HTML.
    pub async fn get_html(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).header("accept", "text/html").send().await.expect("request")
    }

    /// The signed-in member's email, if any.
    pub async fn me(&self) -> Option<String> {
        let answer = self.call("accounts/me", &[]).await;
        answer.ok().get("email").and_then(|e| e.as_str()).map(str::to_string)
    }
}

/// The header of a 1 × 1 PNG, as its readers see it: signature, IHDR, IEND.
pub fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    bytes.extend_from_slice(&[0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82]);
    bytes
}

/// The query of a URL (a BBB join or callback URL), decoded.
pub fn query_of(url: &str) -> std::collections::BTreeMap<String, String> {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
    url::form_urlencoded::parse(query.as_bytes()).into_owned().collect()
}

/// The `quorum_session` cookie an answer sets, with its attributes.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("quorum_session="))
        .map(str::to_string)
}
