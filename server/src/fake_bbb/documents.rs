//! Documents a `create` names in its `<modules>` body: like BBB, the fake fetches each one by its
//! address (in the background, as BBB converts them while the meeting opens) and remembers what it
//! got, for `GET /fake/documents`.
use super::state::Fake;
use quick_xml::events::Event;

/// One document as the fake fetched it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FakeDocument {
    pub meeting_id: String,
    pub url: String,
    pub filename: String,
    pub current: bool,
    /// The HTTP status of the fetch (0: no answer).
    pub status: u16,
    pub size: usize,
    /// The SHA-256 of the bytes fetched, in hex.
    pub sha256: String,
}

/// The documents named in a `<modules>` body: (url, filename, current).
pub fn named(body: &str) -> Vec<(String, String, bool)> {
    let mut reader = quick_xml::Reader::from_str(body);
    let mut found = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e) | Event::Start(e)) if e.name().as_ref() == b"document" => {
                let attribute = |name: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                        .unwrap_or_default()
                };
                found.push((attribute(b"url"), attribute(b"filename"), attribute(b"current") == "true"));
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    found
}

/// Fetches each named document in the background and records it.
pub fn fetch_all(fake: &Fake, meeting_id: &str, body: &str) {
    for (url, filename, current) in named(body) {
        let (fake, meeting_id) = (fake.clone(), meeting_id.to_string());
        tokio::spawn(async move {
            let (status, bytes) = match reqwest::get(&url).await {
                Ok(answer) => (answer.status().as_u16(), answer.bytes().await.unwrap_or_default()),
                Err(_) => (0, Default::default()),
            };
            let sha256 = {
                use sha2::Digest;
                hex_digest(&sha2::Sha256::digest(&bytes))
            };
            let document = FakeDocument { meeting_id, url, filename, current, status, size: bytes.len(), sha256 };
            fake.state().documents.push(document);
        });
    }
}

fn hex_digest(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn documents_are_read_from_the_body() {
        let body = r#"<modules><module name="presentation"><document url="http://p/1?a=1&amp;b=2" filename="A.pdf"/><document url="http://p/2" filename="B.pptx" current="true"></document></module></modules>"#;
        assert_eq!(
            super::named(body),
            [
                ("http://p/1?a=1&b=2".to_string(), "A.pdf".to_string(), false),
                ("http://p/2".into(), "B.pptx".into(), true)
            ]
        );
    }
}
