//! `[[sso_providers]]` in the configuration file: OpenID Connect providers every portal process
//! offers, fixed at start (the admin page shows them and cannot change them):
//!
//! ```toml
//! password_login = false                 # optional: only single sign-on
//!
//! [[sso_providers]]
//! slug = "coop"                          # in addresses: /auth/oidc/coop/callback
//! label = "Co-op account"
//! issuer = "https://id.example.coop/realms/coop"
//! client_id = "quorum"
//! client_secret_file = "/run/secrets/oidc"   # or client_secret = "…"
//! scopes = "openid email profile"        # optional
//! ```
use crate::config::{ConfigError, problem, read_secret_file};
use app::sso::model::ProviderInput;
use app::sso::service::providers::ProviderRecord;
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileProvider {
    slug: String,
    label: String,
    issuer: String,
    client_id: String,
    client_secret: Option<String>,
    client_secret_file: Option<String>,
    scopes: Option<String>,
}

#[derive(Debug, Deserialize)]
struct File {
    #[serde(default)]
    sso_providers: Vec<FileProvider>,
}

pub fn read(path: &Path) -> Result<Vec<ProviderRecord>, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File(path.into(), e.to_string()))?;
    let file: File = toml::from_str(&text).map_err(|e| ConfigError::File(path.into(), e.to_string()))?;
    let mut providers: Vec<ProviderRecord> = Vec::new();
    for p in file.sso_providers {
        let key = |field: &str| format!("sso_providers[{}].{field}", p.slug);
        let secret = match (&p.client_secret, &p.client_secret_file) {
            (Some(s), None) => s.clone(),
            (None, Some(file)) => read_secret_file(&key("client_secret_file"), file)?,
            _ => {
                return Err(problem(&key("client_secret"), "give exactly one of client_secret and client_secret_file"));
            }
        };
        let input = ProviderInput {
            slug: p.slug.clone(),
            label: p.label,
            issuer: p.issuer,
            client_id: p.client_id,
            client_secret: secret,
            scopes: p.scopes.unwrap_or_default(),
        };
        let record = ProviderRecord::from_input(&input, "").map_err(|errors| {
            let (field, msg) = errors.0.first().cloned().unwrap_or_default();
            problem(&key(&field), app::i18n::Lang::En.msg(&msg))
        })?;
        if providers.iter().any(|x| x.slug == record.slug) {
            return Err(problem(&key("slug"), "declared twice"));
        }
        providers.push(record);
    }
    Ok(providers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> std::path::PathBuf {
        let path = std::env::temp_dir().join(format!("quorum-sso-{}.toml", uuid::Uuid::new_v4().simple()));
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn providers_are_read_with_secrets_from_files() {
        let secret = write("oidc-s3cret\n");
        let path = write(&format!(
            "password_login = false\n[[sso_providers]]\nslug = \"coop\"\nlabel = \"Co-op account\"\n\
             issuer = \"https://id.example.coop/realms/coop/\"\nclient_id = \"quorum\"\nclient_secret_file = {secret:?}\n"
        ));
        let providers = read(&path).unwrap();
        assert_eq!(providers.len(), 1);
        let coop = &providers[0];
        assert_eq!((coop.slug.as_str(), coop.issuer.as_str()), ("coop", "https://id.example.coop/realms/coop"));
        assert_eq!((coop.client_secret.as_str(), coop.scopes.as_str()), ("oidc-s3cret", "openid email profile"));
        assert!(!format!("{coop:?}").contains("s3cret"), "the secret never reaches a log");
        let values = crate::config::layered(Some(&path), &|_| None).expect("the scalar keys still read");
        let config = crate::config::Config::from_values(values).unwrap();
        assert_eq!(config.password_login, Some(false));
    }

    #[test]
    fn a_bad_provider_names_its_key() {
        let path = write(
            "[[sso_providers]]\nslug = \"coop\"\nlabel = \"C\"\nissuer = \"http://id.example\"\nclient_id = \"q\"\nclient_secret = \"s\"\n",
        );
        assert!(read(&path).unwrap_err().to_string().contains("sso_providers[coop].issuer"));
        let path = write(
            "[[sso_providers]]\nslug = \"coop\"\nlabel = \"C\"\nissuer = \"https://id.example\"\nclient_id = \"q\"\n",
        );
        assert!(read(&path).unwrap_err().to_string().contains("sso_providers[coop].client_secret"));
    }
}
