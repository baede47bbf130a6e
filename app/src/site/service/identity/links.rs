//! The co-op's legal and help links, and whether a new member accepts its terms. A link changed
//! gets a new version (a member accepts the terms of one version); one emptied is removed. The
//! only code that writes `site_links` (and `site_identity.terms_required`).
use crate::error::{AppResult, FieldErrors, Step};
use crate::site::model::links::{LegalPage, Link, LinksForm, LinksView};
use crate::state::AppState;
use crate::ui::brand::DEFAULT_NAME;

/// Every link set, in the footer's order.
pub(super) async fn read(ctx: &AppState) -> AppResult<Vec<Link>> {
    let rows: Vec<(String, Option<String>, Option<String>, i64)> = sqlx::query_as(
        "SELECT kind, address, body, version FROM site_links WHERE address IS NOT NULL OR body IS NOT NULL",
    )
    .fetch_all(&ctx.pool)
    .await
    .step("read site_links")?;
    let mut links: Vec<Link> =
        rows.into_iter().map(|(kind, address, body, version)| Link { kind, address, body, version }).collect();
    let place = |kind: &str| crate::site::model::links::KINDS.iter().position(|k| *k == kind);
    links.sort_by_key(|l| place(&l.kind));
    Ok(links)
}

/// The links and the terms' question, for the admins' form.
pub async fn view(ctx: &AppState) -> AppResult<LinksView> {
    let kept = super::current(ctx).await?;
    Ok(LinksView { links: kept.links.clone(), ask_terms: kept.ask_terms })
}

/// The page of `kind`, when the admins wrote one (rather than giving an address).
pub async fn page(ctx: &AppState, kind: &str) -> AppResult<Option<LegalPage>> {
    let kept = super::current(ctx).await?;
    let link = kept.links.iter().find(|l| l.kind == kind);
    Ok(link.and_then(|l| l.body.clone()).map(|body| LegalPage { kind: kind.to_string(), body }))
}

/// An admin sets the links; each field's error is shown next to it, and nothing is saved then.
#[tracing::instrument(name = "site.links.save", level = "error", skip_all)]
pub async fn save(ctx: &AppState, admin_id: i64, form: &LinksForm) -> AppResult<()> {
    let mut errors = FieldErrors::default();
    let wanted = form.check(&mut errors);
    errors.into_result()?;
    let before = super::current(ctx).await?;
    let now = ctx.clock.now().secs();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    for (kind, address, body) in wanted {
        let old = before.links.iter().find(|l| l.kind == kind);
        let unchanged = match old {
            Some(o) => o.address == address && o.body == body,
            None => address.is_none() && body.is_none(),
        };
        if unchanged {
            continue;
        }
        // The version is the time of the change, or one more than the last when that is later
        // (two changes in a second), counted in SQL from the row itself. A link emptied keeps its
        // row (no address, no text: not shown), so written again it goes on counting: a version
        // only grows, and an old acceptance never matches new terms.
        sqlx::query(
            "INSERT INTO site_links (kind, address, body, version, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $4)
             ON CONFLICT (kind) DO UPDATE SET address = $2, body = $3,
                 version = CASE WHEN site_links.version + 1 > $4 THEN site_links.version + 1 ELSE $4 END,
                 updated_by = $5, updated_at = $4",
        )
        .bind(kind)
        .bind(address)
        .bind(body)
        .bind(now)
        .bind(admin_id)
        .execute(&mut *tx)
        .await
        .step("save site_links")?;
    }
    sqlx::query(
        "INSERT INTO site_identity (id, name, terms_required, updated_by, updated_at) VALUES (1, $1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET terms_required = $2, updated_by = $3, updated_at = $4",
    )
    .bind(if before.identity.name.is_empty() { DEFAULT_NAME } else { before.identity.name.as_str() })
    .bind(i64::from(form.ask_terms.is_some()))
    .bind(admin_id)
    .bind(now)
    .execute(&mut *tx)
    .await
    .step("save site_identity.terms_required")?;
    tx.commit().await?;
    ctx.identity.clear();
    Ok(())
}
