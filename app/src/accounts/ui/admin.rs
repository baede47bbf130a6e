//! The admin's accounts page: search, approve, suspend, roles, invitations, registration mode.
use crate::accounts::api::admin::{ApplyAccountAction as AccountActionFn, Invite, SetRegistrationMode, list_accounts};
use crate::accounts::api::get_registration_mode;
use crate::accounts::model::admin::{AccountAction, AccountRow};
use crate::accounts::model::{Me, RegistrationMode, Status};
use crate::accounts::ui::RequireAdmin;
use crate::i18n::t;
use crate::ui::address::query_param;
use crate::ui::{Field, FormError, Submit, form_error};
use leptos::prelude::*;

#[component]
pub fn AccountsPage() -> impl IntoView {
    view! { <RequireAdmin children=|me: Me| view! { <AccountsAdmin me/> }/> }
}

#[component]
fn AccountsAdmin(me: Me) -> impl IntoView {
    let act = ServerAction::<AccountActionFn>::new();
    let act_error = form_error(act);
    let invite = ServerAction::<Invite>::new();
    let q = query_param("q");
    let status = query_param("status");
    let page = query_param("page");
    let rows = Resource::new(
        move || {
            (q.get(), status.get(), page.get().parse::<i64>().unwrap_or(0), act.version().get(), invite.version().get())
        },
        |(q, status, page, _, _)| list_accounts(q, status, page),
    );
    let me_id = me.id;
    let done = done_notice(&query_param("done").get_untracked());
    view! {
        <crate::ui::PageHeading text=t("admin.accounts.title")/>
        {done.map(|text| view! { <p class="notice" role="status" data-testid="admin-done">{text}</p> })}
        <div class="grid-2">
            <InviteForm action=invite/>
            <ModeForm/>
            <super::domains::DomainsForm/>
            <super::create::CreateAccountForm/>
        </div>
        <section class="card">
            <form method="get" class="search" role="search">
                <label for="f-q">{t("admin.search")}</label>
                <input id="f-q" name="q" type="search" value=move || q.get()/>
                <label for="f-status">{t("admin.status")}</label>
                <select id="f-status" name="status">
                    <option value="">{t("admin.status.any")}</option>
                    {[Status::Pending, Status::Active, Status::Suspended]
                        .into_iter()
                        .map(|s| view! {
                            <option value=s.as_str() selected=move || status.get() == s.as_str()>
                                {t(&format!("status.{}", s.as_str()))}
                            </option>
                        })
                        .collect_view()}
                </select>
                <button type="submit" class="btn">{t("admin.search_submit")}</button>
            </form>
            <FormError error=act_error/>
            <Transition fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(rows) if rows.is_empty() => view! { <p>{t("admin.none")}</p> }.into_any(),
                        Ok(rows) => view! { <AccountTable rows me_id act/> }.into_any(),
                        Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn AccountTable(rows: Vec<AccountRow>, me_id: i64, act: ServerAction<AccountActionFn>) -> impl IntoView {
    view! {
        <table class="table" data-testid="accounts">
            <thead><tr>
                <th scope="col">{t("field.name")}</th>
                <th scope="col">{t("field.email")}</th>
                <th scope="col">{t("admin.role")}</th>
                <th scope="col">{t("admin.status")}</th>
                <th scope="col">{t("admin.actions")}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|row| {
                    let actions = actions_for(&row, me_id);
                    let verified = row.email_verified_at.is_some();
                    view! {
                        <tr>
                            <td data-label=t("field.name")><a href=format!("/admin/accounts/{}", row.id)>{row.name.clone()}</a></td>
                            <td data-label=t("field.email")>{row.email.clone()} {(!verified).then(|| view! { " " <span class="badge">{t("admin.unverified")}</span> })}</td>
                            <td data-label=t("admin.role")>{t(&format!("role.{}", row.role))}</td>
                            <td data-label=t("admin.status")>{t(&format!("status.{}", row.status))}</td>
                            <td data-label=t("admin.actions")><div class="actions">
                                {actions.into_iter().map(|a| view! {
                                    <ActionForm action=act attr:class="inline">
                                        <input type="hidden" name="id" value=row.id/>
                                        <input type="hidden" name="action" value=a.as_str()/>
                                        <button type="submit" class="btn-small">{t(&format!("admin.action.{}", a.as_str()))}</button>
                                    </ActionForm>
                                }).collect_view()}
                            </div></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The confirmation of what the admin just did, named by the server function's redirect
/// (`?done=approve`): the page is plain HTML, so the answer comes back in the address. Any other
/// value shows nothing.
fn done_notice(done: &str) -> Option<&'static str> {
    Some(match done {
        "approve" => t("admin.done.approve"),
        "suspend" => t("admin.done.suspend"),
        "reactivate" => t("admin.done.reactivate"),
        "make_admin" => t("admin.done.make_admin"),
        "make_member" => t("admin.done.make_member"),
        "resend_verification" => t("admin.done.resend_verification"),
        "invite" => t("admin.invite_sent"),
        "mode" => t("admin.mode_saved"),
        "domains" => t("admin.domains_saved"),
        "created" => t("admin.created"),
        "deleted" => t("admin.deleted"),
        _ => return None,
    })
}

fn actions_for(row: &AccountRow, me_id: i64) -> Vec<AccountAction> {
    let mut actions = Vec::new();
    match row.status() {
        Status::Pending => actions.push(AccountAction::Approve),
        Status::Suspended => actions.push(AccountAction::Reactivate),
        Status::Active => {}
    }
    if row.id != me_id {
        if row.status() != Status::Suspended {
            actions.push(AccountAction::Suspend);
        }
        // Only an active account may become an admin: a pending one is approved first.
        match row.role() {
            crate::accounts::model::Role::Admin => actions.push(AccountAction::MakeMember),
            crate::accounts::model::Role::Member if row.status() == Status::Active => {
                actions.push(AccountAction::MakeAdmin)
            }
            crate::accounts::model::Role::Member => {}
        }
    }
    if row.email_verified_at.is_none() {
        actions.push(AccountAction::ResendVerification);
    }
    actions
}

#[component]
fn InviteForm(action: ServerAction<Invite>) -> impl IntoView {
    let error = form_error(action);
    view! {
        <section class="card">
            <h2>{t("admin.invite")}</h2>
            {move || matches!(action.value().get(), Some(Ok(()))).then(|| view! { <p class="notice" role="status">{t("admin.invite_sent")}</p> })}
            <ActionForm action=action attr:novalidate=true>
                <FormError error/>
                <Field label="field.email" name="email" kind="email" error required=true/>
                <Submit label="admin.invite_submit" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn ModeForm() -> impl IntoView {
    let action = ServerAction::<SetRegistrationMode>::new();
    let error = form_error(action);
    let mode = Resource::new(move || action.version().get(), |_| get_registration_mode());
    view! {
        <section class="card">
            <h2>{t("admin.mode")}</h2>
            <ActionForm action=action>
                <FormError error/>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let current = mode.await.unwrap_or_default();
                        RegistrationMode::ALL.into_iter().map(|m| view! {
                            <div class="check">
                                <input type="radio" id=format!("mode-{}", m.as_str()) name="mode" value=m.as_str() checked=m == current/>
                                <label for=format!("mode-{}", m.as_str())>{t(&format!("mode.{}", m.as_str()))}</label>
                            </div>
                        }).collect_view()
                    })}
                </Transition>
                <Submit label="common.save" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(status: &str, role: &str) -> AccountRow {
        AccountRow {
            id: 2,
            name: "Ann".into(),
            email: "ann@example.coop".into(),
            role: role.into(),
            status: status.into(),
            email_verified_at: Some(1),
            created_at: 1,
        }
    }

    #[test]
    fn only_an_active_account_is_offered_make_admin() {
        assert_eq!(actions_for(&row("pending", "member"), 1), [AccountAction::Approve, AccountAction::Suspend]);
        assert_eq!(actions_for(&row("suspended", "member"), 1), [AccountAction::Reactivate]);
        assert_eq!(actions_for(&row("active", "member"), 1), [AccountAction::Suspend, AccountAction::MakeAdmin]);
        assert!(actions_for(&row("suspended", "admin"), 1).contains(&AccountAction::MakeMember));
    }
}
