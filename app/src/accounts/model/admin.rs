use crate::accounts::model::{Role, Status};
use serde::{Deserialize, Serialize};

/// One account as the admin list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AccountRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub status: String,
    pub email_verified_at: Option<i64>,
    pub created_at: i64,
}

impl AccountRow {
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Member)
    }
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Suspended)
    }
}

pub const PAGE_SIZE: i64 = 50;

/// What an admin can do to one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountAction {
    Approve,
    Suspend,
    Reactivate,
    MakeAdmin,
    MakeMember,
    ResendVerification,
}

impl AccountAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountAction::Approve => "approve",
            AccountAction::Suspend => "suspend",
            AccountAction::Reactivate => "reactivate",
            AccountAction::MakeAdmin => "make_admin",
            AccountAction::MakeMember => "make_member",
            AccountAction::ResendVerification => "resend_verification",
        }
    }
}
