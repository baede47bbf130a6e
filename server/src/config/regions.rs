//! `[[regions]]` in the configuration file, so several portals can share one region setup:
//!
//! ```toml
//! [[regions]]
//! code = "eu"
//! name = "Europe"
//! api_url = "https://bbb-eu.example.coop/bigbluebutton/api/"
//! secret_file = "/run/secrets/bbb-eu"   # or secret = "…"
//! checksum = "sha256"
//! recording = true
//! max_meeting = 100
//! capacity = 400
//! event_tag = "events"
//! ```
use crate::config::{ConfigError, problem, read_secret_file};
use app::regions::model::RegionInput;
use app::regions::service::RegionRecord;
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRegion {
    code: String,
    name: String,
    api_url: String,
    secret: Option<String>,
    secret_file: Option<String>,
    checksum: Option<String>,
    recording: Option<bool>,
    max_meeting: Option<i64>,
    capacity: Option<i64>,
    bookable_percent: Option<i64>,
    event_tag: Option<String>,
    health_url: Option<String>,
    enabled: Option<bool>,
    default: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct File {
    #[serde(default)]
    regions: Vec<FileRegion>,
}

fn flag(b: Option<bool>, default: bool) -> Option<String> {
    b.unwrap_or(default).then(|| "on".to_string())
}

pub fn read(path: &Path) -> Result<Vec<RegionRecord>, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File(path.into(), e.to_string()))?;
    let file: File = toml::from_str(&text).map_err(|e| ConfigError::File(path.into(), e.to_string()))?;
    let mut regions = Vec::new();
    for r in file.regions {
        let key = |field: &str| format!("regions[{}].{field}", r.code);
        let secret = match (&r.secret, &r.secret_file) {
            (Some(s), None) => s.clone(),
            (None, Some(file)) => read_secret_file(&key("secret_file"), file)?,
            _ => return Err(problem(&key("secret"), "give exactly one of secret and secret_file")),
        };
        let input = RegionInput {
            code: r.code.clone(),
            name: r.name,
            api_url: r.api_url,
            secret: secret.clone(),
            checksum: r.checksum.unwrap_or_else(|| "sha256".into()),
            recording: flag(r.recording, true),
            max_meeting: r.max_meeting.unwrap_or(0).to_string(),
            capacity: r.capacity.unwrap_or(0).to_string(),
            bookable_percent: r.bookable_percent.unwrap_or(80).to_string(),
            event_tag: r.event_tag.unwrap_or_default(),
            health_url: r.health_url.unwrap_or_default(),
            enabled: flag(r.enabled, true),
            is_default: flag(r.default, false),
        };
        let record = RegionRecord::from_input(&input, &secret).map_err(|errors| {
            let (field, msg) = errors.0.first().cloned().unwrap_or_default();
            problem(&key(&field), app::i18n::Lang::En.msg(&msg))
        })?;
        if regions.iter().any(|x: &RegionRecord| x.code == record.code) {
            return Err(problem(&key("code"), "declared twice"));
        }
        regions.push(record);
    }
    Ok(regions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> std::path::PathBuf {
        let path = std::env::temp_dir().join(format!("quorum-regions-{}.toml", uuid::Uuid::new_v4().simple()));
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn regions_are_read_with_secrets_from_files() {
        let secret = write("s3cret\n");
        let path = write(&format!(
            "bind = \"127.0.0.1:3000\"\n[[regions]]\ncode = \"eu\"\nname = \"Europe\"\n\
             api_url = \"https://bbb-eu.example.coop/bigbluebutton/api/\"\nsecret_file = {secret:?}\n\
             max_meeting = 100\ncapacity = 400\nevent_tag = \"events\"\nrecording = false\n"
        ));
        let regions = read(&path).unwrap();
        assert_eq!(regions.len(), 1);
        let eu = regions[0].view();
        assert_eq!((eu.code.as_str(), eu.recording, eu.max_meeting, eu.capacity), ("eu", false, 100, 400));
        assert_eq!(regions[0].secret, "s3cret");
        assert!(!format!("{:?}", regions[0]).contains("s3cret"), "the secret never reaches a log");
        crate::config::layered(Some(&path), &|_| None).expect("the scalar keys still read");
    }

    #[test]
    fn a_bad_region_names_its_key() {
        let path = write("[[regions]]\ncode = \"eu\"\nname = \"Europe\"\napi_url = \"nope\"\nsecret = \"s\"\n");
        assert!(read(&path).unwrap_err().to_string().contains("regions[eu].api_url"));
        let path = write("[[regions]]\ncode = \"eu\"\nname = \"E\"\napi_url = \"https://x.example/api/\"\n");
        assert!(read(&path).unwrap_err().to_string().contains("regions[eu].secret"));
        let path = write(
            "[[regions]]\ncode = \"eu\"\nname = \"E\"\napi_url = \"https://x.example/api/\"\nsecret = \"s\"\nsecrte = 1\n",
        );
        assert!(read(&path).unwrap_err().to_string().contains("secrte"));
    }
}
