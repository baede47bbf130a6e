use super::*;

fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
}

#[test]
fn defaults_are_the_embedded_setup() {
    let c = Config::from_values(layered(None, &env_of(&[])).unwrap()).unwrap();
    assert_eq!(c.bind.to_string(), "127.0.0.1:3000");
    assert_eq!(c.public_url(c.bind), "http://127.0.0.1:3000");
    assert!(c.database_url.starts_with("sqlite://data/"));
    assert!(c.smtp_url.is_none());
}

#[test]
fn file_then_environment_win_in_order() {
    let dir = std::env::temp_dir().join(format!("quorum-cfg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let secret = dir.join("smtp");
    std::fs::write(&secret, "smtps://u:p@mail.example.coop\n").unwrap();
    let file = dir.join("quorum.toml");
    std::fs::write(&file, format!("bind = \"0.0.0.0:8080\"\nlog_format = \"json\"\nsmtp_url_file = {:?}\n", secret))
        .unwrap();
    let v = layered(
        Some(&file),
        &env_of(&[("QUORUM_BIND", "127.0.0.1:9000"), ("QUORUM_BASE_URL", "https://meet.example.coop/")]),
    )
    .unwrap();
    let c = Config::from_values(v).unwrap();
    assert_eq!(c.bind.to_string(), "127.0.0.1:9000");
    assert_eq!(c.log_format, LogFormat::Json);
    assert_eq!(c.smtp_url.as_deref(), Some("smtps://u:p@mail.example.coop"));
    assert_eq!(c.base_url.as_deref(), Some("https://meet.example.coop"));
}

#[test]
fn bad_values_name_their_key() {
    for (var, value, key) in [
        ("QUORUM_BIND", "nowhere", "bind"),
        ("QUORUM_DATABASE_URL", "mysql://x", "database_url"),
        ("QUORUM_SMTP_URL", "http://x", "smtp_url"),
        ("QUORUM_LOG_FORMAT", "xml", "log_format"),
        ("QUORUM_DB_MAX_CONNECTIONS", "0", "db_max_connections"),
    ] {
        let env = move |k: &str| (k == var).then(|| value.to_string());
        let err = Config::from_values(layered(None, &env).unwrap()).unwrap_err().to_string();
        assert!(err.contains(&format!("`{key}`")), "{err}");
    }
    let err = layered(None, &|k: &str| (k == "QUORUM_SMTP_URL_FILE").then(|| "/nonexistent".into())).unwrap_err();
    assert!(err.to_string().contains("QUORUM_SMTP_URL_FILE"));
}

#[test]
fn unknown_keys_in_the_file_are_refused() {
    let file = std::env::temp_dir().join(format!("quorum-bad-{}.toml", std::process::id()));
    std::fs::write(&file, "bnid = \"x\"\n").unwrap();
    assert!(layered(Some(&file), &env_of(&[])).unwrap_err().to_string().contains("`bnid`"));
}

#[test]
fn a_webhook_without_its_signing_key_is_refused() {
    for (url, secret) in [
        ("QUORUM_PROVISIONING_HOOK_URL", "provisioning_hook_secret"),
        ("QUORUM_MONITOR_WEBHOOK_URL", "monitor_webhook_secret"),
    ] {
        let env = move |k: &str| (k == url).then(|| "https://hooks.example.coop/in".to_string());
        let err = Config::from_values(layered(None, &env).unwrap()).unwrap_err().to_string();
        assert!(err.contains(&format!("`{secret}`")) && err.contains("required"), "{err}");
    }
    let c = Config::from_values(
        layered(
            None,
            &env_of(&[
                ("QUORUM_PROVISIONING_HOOK_URL", "https://hooks.example.coop/in"),
                ("QUORUM_PROVISIONING_HOOK_SECRET", "k1"),
                ("QUORUM_MONITOR_WEBHOOK_URL", "https://chat.example.coop/in"),
                ("QUORUM_MONITOR_WEBHOOK_SECRET", "k2"),
            ]),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(c.schedule.hook_secret.as_deref(), Some("k1"));
    assert_eq!(c.monitor_webhook.map(|r| r.secret), Some("k2".to_string()));
}

#[test]
fn internal_networks_are_refused_unless_the_configuration_allows_them() {
    let c = Config::from_values(layered(None, &env_of(&[])).unwrap()).unwrap();
    assert!(!c.outbound.allow_internal, "off by default");
    let c = Config::from_values(layered(None, &env_of(&[("QUORUM_ALLOW_INTERNAL_NETWORK", "true")])).unwrap()).unwrap();
    assert!(c.outbound.allow_internal);
}
