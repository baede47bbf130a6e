//! Server side of membership: `tiers` owns the tiers and currency rates, `grants` the tiers given by
//! hand, `standing` computes a member's tier, `allow` is what other features ask before a new
//! action, `lapsing` mails members whose grace period is ending, `overview` reads the admins' page.
pub mod allow;
pub mod grants;
pub mod lapsing;
pub mod overview;
pub mod standing;
pub mod tiers;
