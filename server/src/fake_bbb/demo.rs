//! The demo region: this fake BBB server on a loopback port, so a newcomer can start and join a
//! meeting end to end without a BBB server (people try the container that way).

/// The fake BBB server on a loopback port, as the region "demo": so a newcomer can start and join a
/// meeting end to end without a BBB server. Marked `demo`, so it is labelled as a demo wherever
/// regions are shown and never competes with a real region: it is the default only while it is the
/// only one, and never an import's or a move's target beside a real one (`regions::service::all`).
pub async fn region() -> std::io::Result<app::regions::service::RegionRecord> {
    let secret = app::accounts::service::tokens::new_token();
    let api_url = super::spawn(super::Fake::new(&secret)).await?;
    tracing::warn!(%api_url, "demo region enabled: a fake BBB server with no audio or video");
    let input = app::regions::model::RegionInput {
        code: "demo".into(),
        name: "Demo (fake BBB: no audio or video)".into(),
        api_url,
        secret: secret.clone(),
        checksum: "sha256".into(),
        recording: Some("on".into()),
        enabled: Some("on".into()),
        ..Default::default()
    };
    let record = app::regions::service::RegionRecord::from_input(&input, &secret)
        .map_err(|e| std::io::Error::other(format!("{e:?}")))?;
    Ok(app::regions::service::RegionRecord { demo: true, ..record })
}
