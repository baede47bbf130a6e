//! A real S3-compatible server on loopback for the file store's tests: moto's server mode (PyPI,
//! installed by `scripts/test` beside the other Python checkers), one per test, stopped with it.
use std::time::Duration;

pub struct S3Server {
    pub endpoint: String,
    process: std::process::Child,
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl S3Server {
    pub async fn start() -> S3Server {
        let python =
            std::env::var("QUORUM_PYTHON").expect("QUORUM_PYTHON names the tests' Python (scripts/test sets it)");
        let moto = std::path::Path::new(&python).with_file_name("moto_server");
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let process = std::process::Command::new(&moto)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{} does not start: {e} (scripts/test installs moto)", moto.display()));
        // Held at once, so that it is stopped however this ends.
        let server = S3Server { endpoint: format!("http://127.0.0.1:{port}"), process };
        for _ in 0..200 {
            if reqwest::get(&server.endpoint).await.is_ok() {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("moto did not answer on {} within 10 s", server.endpoint);
    }

    /// Makes a bucket; returns the file store's place that names it.
    pub async fn bucket(&self, name: &str) -> app::files::Place {
        let made = reqwest::Client::new().put(format!("{}/{name}", self.endpoint)).send().await.unwrap();
        assert!(made.status().is_success(), "bucket {name}: {}", made.status());
        app::files::Place::S3(app::files::S3 {
            endpoint: self.endpoint.clone(),
            bucket: name.to_string(),
            region: "us-east-1".into(),
            access_key: "test-key".into(),
            secret_key: "test-secret".into(),
        })
    }

    /// Whether `key` is in `bucket` now.
    pub async fn holds(&self, bucket: &str, key: &str) -> bool {
        let answer = reqwest::get(format!("{}/{bucket}/{key}", self.endpoint)).await.unwrap();
        answer.status().is_success()
    }
}
