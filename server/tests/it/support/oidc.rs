//! A real OpenID Connect provider for the tests: `end2end/oidc/provider.mjs` (the `oidc-provider`
//! package from the npm registry) as a child process on a loopback port, one per test that needs
//! it. Clients register themselves with it (RFC 7591); tests create the accounts to sign in as.
use std::io::{BufRead, BufReader};
use std::process::Stdio;

pub struct Provider {
    pub issuer: String,
    child: std::process::Child,
    http: reqwest::Client,
}

/// A client the provider knows, as its registration answered.
pub struct Registered {
    pub client_id: String,
    pub client_secret: String,
}

impl Provider {
    pub async fn start() -> Provider {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/oidc/provider.mjs");
        let modules = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/node_modules/oidc-provider");
        assert!(
            std::path::Path::new(modules).is_dir(),
            "end2end's npm packages are missing: scripts/test installs them (npm ci in end2end/)"
        );
        let mut child = std::process::Command::new("node")
            .arg(script)
            .env("OIDC_PORT", "0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs the test provider");
        let stdout = child.stdout.take().expect("stdout");
        // The first line is the issuer; the rest is read and dropped, so the provider never blocks
        // on a full pipe.
        let (tx, rx) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let _ = tx.send(lines.next().and_then(Result::ok));
            lines.for_each(drop);
        });
        let first = tokio::time::timeout(std::time::Duration::from_secs(30), rx)
            .await
            .expect("the provider starts within 30 s")
            .ok()
            .flatten()
            .expect("the provider prints its issuer");
        let issuer = serde_json::from_str::<serde_json::Value>(&first).expect("json")["issuer"]
            .as_str()
            .expect("issuer")
            .to_string();
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        Provider { issuer, child, http }
    }

    /// Registers a client that comes back to `portal`'s callback for the provider named `slug`.
    pub async fn register(&self, portal: &str, slug: &str) -> Registered {
        let body = serde_json::json!({
            "redirect_uris": [format!("{portal}/auth/oidc/{slug}/callback")],
            "post_logout_redirect_uris": [format!("{portal}/")],
            "response_types": ["code"],
            "grant_types": ["authorization_code"],
            "token_endpoint_auth_method": "client_secret_basic",
        });
        let answer: serde_json::Value = self
            .http
            .post(format!("{}/reg", self.issuer))
            .json(&body)
            .send()
            .await
            .expect("registration")
            .json()
            .await
            .expect("registration answer");
        Registered {
            client_id: answer["client_id"].as_str().expect("client_id").into(),
            client_secret: answer["client_secret"].as_str().expect("client_secret").into(),
        }
    }

    /// An account at the provider: `id` is what one types on its login page.
    pub async fn account(&self, id: &str, email: &str, verified: bool, name: &str) {
        let body = serde_json::json!({ "id": id, "email": email, "email_verified": verified, "name": name });
        let answer =
            self.http.post(format!("{}/test/accounts", self.issuer)).json(&body).send().await.expect("account");
        assert!(answer.status().is_success());
    }

    /// From now on the provider publishes another key under its key's id: no signature verifies.
    pub async fn tamper_with_its_keys(&self) {
        self.http.post(format!("{}/test/tamper-jwks", self.issuer)).send().await.expect("tamper");
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where a response sends the browser.
pub fn location(answer: &reqwest::Response) -> String {
    answer.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_string()
}

/// Follows the provider's redirects from `url` with `client` (the member's browser), signing in as
/// `account` when its login page asks; returns the address it finally sends the browser to (the
/// portal's callback, or the post-logout page).
pub async fn through(client: &reqwest::Client, issuer: &str, mut url: String, account: &str) -> String {
    for _ in 0..10 {
        if !url.starts_with(issuer) {
            return url;
        }
        let answer = client.get(&url).send().await.expect("provider");
        if answer.status().is_redirection() {
            let next = location(&answer);
            url = if next.starts_with('/') { format!("{issuer}{next}") } else { next };
            continue;
        }
        let page = answer.text().await.expect("page");
        let action = page
            .split("action=\"")
            .nth(1)
            .and_then(|a| a.split('"').next())
            .unwrap_or_else(|| panic!("a form at {url}: {page}"));
        let answer = client
            .post(format!("{issuer}{action}"))
            .form(&[("login", account)])
            .send()
            .await
            .expect("login at the provider");
        assert!(answer.status().is_redirection(), "the provider took the login: {}", answer.status());
        let next = location(&answer);
        url = if next.starts_with('/') { format!("{issuer}{next}") } else { next };
    }
    panic!("the provider kept redirecting");
}
