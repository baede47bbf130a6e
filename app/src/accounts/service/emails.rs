//! The account mails, written in the recipient's language, each as plain text and HTML.
use crate::error::Arg;
use crate::i18n::Lang;
use crate::mail::Mail;

pub(crate) use crate::mail::escape;

/// One mail shape for every account message: greeting, a paragraph, one link, a closing note.
/// `args` are the values the subject and paragraph take (`mail.<kind>.subject`, `.body`).
pub(crate) fn compose(lang: Lang, to: &str, name: &str, kind: &str, link: Option<&str>, args: &[(&str, Arg)]) -> Mail {
    let subject = lang.fmt(&format!("mail.{kind}.subject"), args);
    let body = lang.fmt(&format!("mail.{kind}.body"), args);
    let greeting = lang.fmt("mail.greeting", &[("name", name.into())]);
    let footer = lang.t("mail.footer");
    let text = match link {
        Some(link) => format!("{greeting}\n\n{body}\n\n{link}\n\n{footer}\n"),
        None => format!("{greeting}\n\n{body}\n\n{footer}\n"),
    };
    let button = link.map_or(String::new(), |link| {
        let (link, action) = (escape(link), lang.t(&format!("mail.{kind}.action")));
        format!("<p><a href=\"{link}\">{}</a></p><p style=\"font-size:small\">{link}</p>", escape(action))
    });
    // A paragraph's line breaks (a list of rooms) stay breaks in the HTML part.
    let html = format!(
        "<!doctype html><html lang=\"{}\"><body><p>{}</p><p>{}</p>{button}<p>{}</p></body></html>",
        lang.code(),
        escape(&greeting),
        escape(&body).replace('\n', "<br>"),
        escape(footer)
    );
    Mail { kind: kind.to_string(), to: to.to_string(), subject, text, html, attachment: None, lang }
}

pub fn verify(lang: Lang, to: &str, name: &str, base_url: &str, token: &str) -> Mail {
    compose(lang, to, name, "verify", Some(&format!("{base_url}/verify?token={token}")), &[])
}

pub fn reset(lang: Lang, to: &str, name: &str, base_url: &str, token: &str) -> Mail {
    compose(lang, to, name, "reset", Some(&format!("{base_url}/password/reset?token={token}")), &[])
}

pub fn email_change(lang: Lang, to: &str, name: &str, base_url: &str, token: &str) -> Mail {
    compose(lang, to, name, "email_change", Some(&format!("{base_url}/email/confirm?token={token}")), &[])
}

/// To someone an admin made an account for: choose a password (the reset form), within a week.
pub fn welcome(lang: Lang, to: &str, name: &str, base_url: &str, token: &str) -> Mail {
    compose(lang, to, name, "welcome", Some(&format!("{base_url}/password/reset?token={token}")), &[])
}

pub fn invitation(lang: Lang, to: &str, inviter: &str, base_url: &str, token: &str) -> Mail {
    compose(lang, to, inviter, "invite", Some(&format!("{base_url}/signup?invite={token}")), &[])
}

/// To an admin: `applicant` signed up and waits for approval.
pub fn pending_approval(lang: Lang, to: &str, admin_name: &str, base_url: &str, applicant: &str) -> Mail {
    let link = format!("{base_url}/admin/accounts?status=pending");
    compose(lang, to, admin_name, "pending", Some(&link), &[("applicant", applicant.into())])
}

/// To a room's owner: a recording of `room` can be watched at `link` (its page), by whoever
/// `visibility` (the text of `recording.visibility.*`) says.
pub fn recording_ready(lang: Lang, to: &str, name: &str, room: &str, visibility: &str, link: &str) -> Mail {
    compose(lang, to, name, "recording_ready", Some(link), &[("room", room.into()), ("visibility", visibility.into())])
}

/// To a room's owner: the recordings in `list` (one a line) are deleted by the co-op's rule of
/// `days` days on the dates given; `keep` says whether their tier lets them keep one.
pub fn recordings_expiring(
    lang: Lang,
    to: &str,
    name: &str,
    list: &str,
    days: i64,
    keep: bool,
    base_url: &str,
) -> Mail {
    let keep = if keep { "yes" } else { "no" };
    let args = [("list", list.into()), ("days", days.into()), ("keep", keep.into())];
    compose(lang, to, name, "recordings_expiring", Some(&format!("{base_url}/recordings")), &args)
}

/// To an admin: region `region` stopped answering (`down`) or answers again; `link` is the status page.
pub fn region_changed(lang: Lang, to: &str, name: &str, region: &str, down: bool, link: &str) -> Mail {
    let kind = if down { "region_down" } else { "region_up" };
    compose(lang, to, name, kind, Some(link), &[("region", region.into())])
}

/// To an account's owner: someone tried to sign up with their address.
pub fn account_exists(lang: Lang, to: &str, name: &str, base_url: &str) -> Mail {
    compose(lang, to, name, "account_exists", Some(&format!("{base_url}/password/forgot")), &[])
}

/// To an account's address: its password was changed (or reset).
pub fn password_changed(lang: Lang, to: &str, name: &str, base_url: &str) -> Mail {
    compose(lang, to, name, "password_changed", Some(&format!("{base_url}/password/forgot")), &[])
}

/// To the address an account had before: the account now uses `new_email`.
pub fn email_changed(lang: Lang, to: &str, name: &str, new_email: &str) -> Mail {
    compose(lang, to, name, "email_changed", None, &[("email", new_email.into())])
}

pub fn approved(lang: Lang, to: &str, name: &str, base_url: &str) -> Mail {
    compose(lang, to, name, "approved", Some(&format!("{base_url}/login")), &[])
}

/// To a member: a sign-in provider (`provider`, its label) now signs in to their account.
pub fn sso_linked(lang: Lang, to: &str, name: &str, base_url: &str, provider: &str) -> Mail {
    compose(lang, to, name, "sso_linked", Some(&format!("{base_url}/profile")), &[("provider", provider.into())])
}

/// To an account's owner: a sign-in through `provider` (its label) used their address; `link`
/// links it to their account.
pub fn sso_link(lang: Lang, to: &str, name: &str, link: &str, provider: &str) -> Mail {
    compose(lang, to, name, "sso_link", Some(link), &[("provider", provider.into())])
}

#[cfg(test)]
mod tests {
    #[test]
    fn mail_has_both_bodies_with_the_link_and_escapes_names() {
        let m = super::verify(crate::i18n::Lang::En, "a@b.coop", "<Ann>", "http://x", "tok");
        assert!(m.text.contains("http://x/verify?token=tok"));
        assert!(m.html.contains("http://x/verify?token=tok"));
        assert!(m.html.contains("&lt;Ann&gt;") && !m.html.contains("<Ann>"));
        assert!(!m.subject.is_empty());
    }
}
