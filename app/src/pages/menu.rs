//! The menu at the top of every page. It depends only on the reader's language, who they are
//! (a visitor, a member, an admin) and which of its links is the page they are on, so each such
//! menu is written once and kept as HTML: every member's page shares it, instead of building some
//! twenty views and looking up as many texts again on every request.
use super::account::Logout;
use crate::i18n::Lang;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Who reads the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reader {
    Visitor,
    Member,
    Admin,
}

/// A link of the menu: where it goes and its text's key.
type Link = (&'static str, &'static str);

const STATUS: Link = ("/status", "nav.status");
const VISITOR: &[Link] = &[("/login", "nav.login"), ("/signup", "nav.signup")];
const MEMBER: &[Link] = &[
    ("/dashboard", "nav.dashboard"),
    ("/schedule", "nav.schedule"),
    ("/membership", "nav.membership"),
    ("/recordings", "nav.recordings"),
    ("/profile", "nav.profile"),
];
/// The admin's pages in four groups, so the menu shows one "Admin" entry instead of ten links.
const ADMIN_GROUPS: &[(&str, &[Link])] = &[
    (
        "nav.group.people",
        &[("/admin/accounts", "nav.admin"), ("/admin/security", "nav.security"), ("/admin/sign-in", "nav.sign_in")],
    ),
    (
        "nav.group.meetings",
        &[
            ("/admin/regions", "nav.regions"),
            ("/admin/maintenance", "nav.maintenance"),
            ("/admin/rooms", "nav.all_rooms"),
            ("/admin/room-types", "nav.room_types"),
            ("/admin/recordings", "nav.recordings_admin"),
            ("/admin/schedule", "nav.admin_schedule"),
            ("/admin/assemblies", "nav.assemblies"),
        ],
    ),
    (
        "nav.group.money",
        &[("/admin/membership", "nav.admin_membership"), ("/admin/contributions", "nav.contributions")],
    ),
    (
        "nav.group.system",
        &[
            ("/admin/monitoring", "nav.monitoring"),
            ("/admin/site", "nav.site"),
            ("/admin/announcements", "nav.announcements"),
            ("/admin/legacy", "nav.legacy"),
        ],
    ),
];

impl Reader {
    /// The menu's links, in order: the status page for everyone, then the reader's own.
    fn links(self) -> impl Iterator<Item = &'static Link> {
        let own = if self == Reader::Visitor { VISITOR } else { MEMBER };
        std::iter::once(&STATUS).chain(own).chain(self.admin_links())
    }

    /// The admin's links, in their groups' order (none for anyone else).
    fn admin_links(self) -> impl Iterator<Item = &'static Link> {
        let groups = if self == Reader::Admin { ADMIN_GROUPS } else { &[] };
        groups.iter().flat_map(|(_, links)| links.iter())
    }
}

/// A menu's language, reader and current link (its place in [`Reader::links`]).
type Key = (Lang, Reader, Option<usize>);

/// What goes inside the page's `<nav>` for `reader` in `lang` on the page at path `here`.
pub fn menu(lang: Lang, reader: Reader, here: &str) -> Arc<str> {
    // Of `here`, only which link it is matters, so there are at most 4 × (4 + 7 + 19) menus.
    let current = reader.links().position(|(href, _)| *href == here);
    let key = (lang, reader, current);
    static MENUS: OnceLock<Mutex<HashMap<Key, Arc<str>>>> = OnceLock::new();
    let menus = MENUS.get_or_init(Mutex::default);
    if let Some(html) = menus.lock().ok().and_then(|kept| kept.get(&key).cloned()) {
        return html;
    }
    let html: Arc<str> = write(lang, reader, current).into();
    if let Ok(mut kept) = menus.lock() {
        kept.insert(key, html.clone());
    }
    html
}

/// The menu's HTML, rendered by Leptos like the rest of the page.
fn write(lang: Lang, reader: Reader, current: Option<usize>) -> String {
    Owner::new().with(|| {
        let link = move |i: usize, (href, label): &'static Link| {
            view! { <a href=*href aria-current=(current == Some(i)).then_some("page")>{lang.t(label)}</a> }
        };
        let first_admin = reader.links().count() - reader.admin_links().count();
        let own = reader.links().take(first_admin).enumerate().map(|(i, l)| link(i, l)).collect_view();
        // The admin's groups fold into one entry, closed until asked for (open, its panel would
        // lie over the page), its summary marked on an admin page. A `<details>` needs no script.
        let mut i = first_admin;
        let groups =
            (reader == Reader::Admin).then(|| {
                let here = current.is_some_and(|c| c >= first_admin);
                let groups = ADMIN_GROUPS.iter().map(|(title, links)| {
                let items = links.iter().map(|l| { i += 1; view! { <li>{link(i - 1, l)}</li> } }).collect_view();
                view! { <div class="menu-group"><p class="menu-group-title">{lang.t(title)}</p><ul>{items}</ul></div> }
            });
                view! {
                    <details class="admin-menu">
                        <summary class:here=here>{lang.t("nav.admin_area")}</summary>
                        <div class="admin-menu-groups">{groups.collect_view()}</div>
                    </details>
                }
            });
        view! {
            {own}
            {groups}
            {(reader != Reader::Visitor).then(|| view! {
                <crate::ui::PostForm<Logout> class="inline">
                    <button type="submit" class="link-button" data-testid="logout">{lang.t("nav.logout")}</button>
                </crate::ui::PostForm<Logout>>
            })}
        }
        .to_html()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_menu_marks_its_current_page_and_is_in_its_language() {
        let html = menu(Lang::De, Reader::Member, "/schedule");
        assert!(html.contains(r#"<a href="/schedule" aria-current="page">"#), "{html}");
        assert_eq!(html.matches("aria-current").count(), 1, "one current page: {html}");
        assert!(html.contains(Lang::De.t("nav.logout")) && !html.contains("/admin/"), "{html}");
        let elsewhere = menu(Lang::De, Reader::Member, "/r/some-room");
        assert!(!elsewhere.contains("aria-current"), "{elsewhere}");
    }

    #[test]
    fn only_admins_see_the_admin_links_and_visitors_may_sign_in() {
        let admin = menu(Lang::En, Reader::Admin, "/");
        assert!(admin.contains(r#"href="/admin/security""#));
        assert!(admin.contains("<details class=\"admin-menu\">"), "folded away from the admin pages: {admin}");
        assert_eq!(admin.matches("menu-group-title").count(), 4, "people, meetings, money, system: {admin}");
        let on_regions = menu(Lang::En, Reader::Admin, "/admin/regions");
        assert!(on_regions.contains("<details class=\"admin-menu\"><summary class=\"here\">"), "{on_regions}");
        assert!(on_regions.contains(r#"<a href="/admin/regions" aria-current="page">"#), "{on_regions}");
        let visitor = menu(Lang::En, Reader::Visitor, "/login");
        assert!(visitor.contains(r#"<a href="/login" aria-current="page">"#), "{visitor}");
        assert!(!visitor.contains("logout") && !visitor.contains("/dashboard"), "{visitor}");
    }
}
