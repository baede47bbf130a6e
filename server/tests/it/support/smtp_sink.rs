//! An SMTP server on loopback that accepts every message and keeps it: enough of RFC 5321 for
//! lettre (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), so the application's real SMTP client is tested.
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Debug, Clone)]
pub struct Captured {
    pub to: Vec<String>,
    pub data: String,
}

impl Captured {
    /// The message with quoted-printable soft breaks and `=3D` undone: enough to read links.
    pub fn decoded(&self) -> String {
        self.data.replace("=\r\n", "").replace("=3D", "=")
    }
}

#[derive(Clone)]
pub struct SmtpSink {
    port: u16,
    messages: Arc<Mutex<Vec<Captured>>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        Self::start_slow(Duration::ZERO).await
    }

    /// A sink that waits `delay` before it answers each MAIL command (each message's first), as a
    /// busy relay does: a batch of mail takes a while, and a process can be killed in its middle.
    pub async fn start_slow(delay: Duration) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind sink");
        let port = listener.local_addr().expect("addr").port();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let store = messages.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, store.clone(), delay));
            }
        });
        SmtpSink { port, messages }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn all(&self) -> Vec<Captured> {
        self.messages.lock().expect("lock").clone()
    }

    pub fn count_to(&self, to: &str) -> usize {
        self.all().iter().filter(|m| m.to.iter().any(|t| t == to)).count()
    }

    /// Waits (up to 10 s) until `n` messages to `to` have arrived; returns the newest.
    pub async fn wait_for(&self, to: &str, n: usize) -> Captured {
        for _ in 0..200 {
            let found: Vec<Captured> = self.all().into_iter().filter(|m| m.to.iter().any(|t| t == to)).collect();
            if found.len() >= n {
                return found[found.len() - 1].clone();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no mail #{n} to {to} arrived; got {:?}", self.all().iter().map(|m| &m.to).collect::<Vec<_>>());
    }

    /// The token of the link containing `marker` in the newest mail to `to` that has one; waits up to
    /// 10 s for such a mail.
    pub async fn token_for(&self, to: &str, marker: &str) -> String {
        for _ in 0..200 {
            let newest = self
                .all()
                .into_iter()
                .rev()
                .filter(|m| m.to.iter().any(|t| t == to))
                .find_map(|m| extract_token(&m.decoded(), marker));
            if let Some(token) = newest {
                return token;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no mail to {to} with a {marker} link arrived");
    }
}

pub fn extract_token(text: &str, marker: &str) -> Option<String> {
    let start = text.find(marker)? + marker.len();
    Some(text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect())
}

async fn session(stream: tokio::net::TcpStream, store: Arc<Mutex<Vec<Captured>>>, delay: Duration) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_ascii_uppercase();
        if command.starts_with("MAIL") && !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        let reply: &[u8] = if command.starts_with("EHLO") {
            b"250-sink\r\n250 8BITMIME\r\n"
        } else if command.starts_with("HELO") || command.starts_with("MAIL") || command.starts_with("NOOP") {
            b"250 OK\r\n"
        } else if command.starts_with("RSET") {
            to.clear();
            b"250 OK\r\n"
        } else if command.starts_with("RCPT") {
            let address = line.trim_end().split(['<', '>']).nth(1).unwrap_or_default().to_string();
            to.push(address);
            b"250 OK\r\n"
        } else if command == "DATA" {
            let _ = write.write_all(b"354 go ahead\r\n").await;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return;
                }
                if line == ".\r\n" {
                    break;
                }
                data.push_str(&line);
            }
            store.lock().expect("lock").push(Captured { to: std::mem::take(&mut to), data });
            b"250 queued\r\n"
        } else if command == "QUIT" {
            let _ = write.write_all(b"221 bye\r\n").await;
            return;
        } else {
            b"502 not implemented\r\n"
        };
        if write.write_all(reply).await.is_err() {
            return;
        }
    }
}
