//! Where stored files (presentations) are kept: `files_dir` by default, or an S3-compatible bucket
//! (`files_s3_*`, keys in `config::KEYS`) when several portal processes must see the same files.
use crate::config::{ConfigError, problem};
use app::files::{Place, S3};

/// The place the values name.
pub fn place(get: &dyn Fn(&str) -> String) -> Result<Place, ConfigError> {
    let bucket = get("files_s3_bucket");
    if bucket.trim().is_empty() {
        return Ok(Place::Folder(get("files_dir").into()));
    }
    let endpoint = get("files_s3_endpoint").trim_end_matches('/').to_string();
    if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
        return Err(problem("files_s3_endpoint", "required with files_s3_bucket: an http:// or https:// URL"));
    }
    let required = |key: &str| {
        let value = get(key);
        if value.trim().is_empty() { Err(problem(key, "required with files_s3_bucket")) } else { Ok(value) }
    };
    Ok(Place::S3(S3 {
        endpoint,
        bucket: bucket.trim().to_string(),
        region: required("files_s3_region")?,
        access_key: required("files_s3_access_key")?,
        secret_key: required("files_s3_secret_key")?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> impl Fn(&str) -> String {
        let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    #[test]
    fn a_folder_by_default_and_a_bucket_only_when_whole() {
        assert_eq!(place(&values(&[("files_dir", "/srv/files")])).unwrap(), Place::Folder("/srv/files".into()));
        let half = values(&[("files_s3_bucket", "quorum"), ("files_s3_endpoint", "http://127.0.0.1:9000")]);
        assert!(matches!(place(&half), Err(ConfigError::Key { key, .. }) if key == "files_s3_region"));
        let whole = values(&[
            ("files_s3_bucket", "quorum"),
            ("files_s3_endpoint", "http://127.0.0.1:9000/"),
            ("files_s3_region", "eu"),
            ("files_s3_access_key", "k"),
            ("files_s3_secret_key", "s"),
        ]);
        let Place::S3(s3) = place(&whole).unwrap() else { panic!("a bucket") };
        assert_eq!((s3.endpoint.as_str(), s3.bucket.as_str()), ("http://127.0.0.1:9000", "quorum"));
        let no_endpoint = values(&[("files_s3_bucket", "quorum")]);
        assert!(matches!(place(&no_endpoint), Err(ConfigError::Key { key, .. }) if key == "files_s3_endpoint"));
    }
}
