//! Server side of the legacy import: `source` reads a Greenlight database (v2 or v3), `import`
//! decides and writes through the owners' functions, `origins` remembers what came from where.
pub mod address;
pub mod audit;
pub mod import;
pub mod origins;
mod presentations;
pub mod report;
pub mod runs;
mod shares;
pub mod source;
// Public, hidden from the docs, for the fuzz targets (`app/fuzz/`).
#[doc(hidden)]
pub mod vet;
mod welcome;

/// `text` with the connection address's password taken out, for a message or a log line.
pub fn without_secrets(text: &str, url: &str) -> String {
    match url::Url::parse(url).ok().and_then(|u| u.password().map(str::to_string)) {
        Some(password) if !password.is_empty() => text.replace(&password, "********"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_password_never_shows() {
        let url = "postgres://gl:s3cret@db.example.coop/greenlight";
        let said = super::without_secrets("could not connect to postgres://gl:s3cret@db.example.coop", url);
        assert!(!said.contains("s3cret"), "{said}");
        assert_eq!(super::source::source_of(url), "db.example.coop:5432/greenlight");
    }
}
