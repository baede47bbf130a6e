//! The few translated texts an island needs, chosen on the server and carried in its props.
//! Islands run in the browser; if they looked texts up themselves, every language's messages would
//! travel in the wasm. Passing the handful they show keeps them on the server. Only messages without
//! arguments travel: what depends on a value is written on the server (a recording's length), and a
//! refusal with a value shows its short form (`<key>.any`, e.g. "try again later").
use super::Lang;
use crate::error::Msg;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Texts(Vec<(String, String)>);

impl Texts {
    /// The texts of `keys` in `lang` (on the server, where the messages are).
    pub fn of(lang: Lang, keys: &[&str]) -> Texts {
        Texts(keys.iter().map(|k| (k.to_string(), lang.t(k).to_string())).collect())
    }

    /// The text of `key`; the key itself if it was not passed (a test keeps islands' keys passed).
    pub fn get(&self, key: &str) -> String {
        self.find(key).unwrap_or_else(|| key.to_string())
    }

    fn find(&self, key: &str) -> Option<String> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    /// A message: its text when passed (its short form when it carries values), else `fallback`'s.
    pub fn msg(&self, msg: &Msg, fallback: &str) -> String {
        let key = if msg.args.is_empty() { msg.key.clone() } else { format!("{}.any", msg.key) };
        self.find(&key).unwrap_or_else(|| self.get(fallback))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_the_asked_texts_and_falls_back_for_others() {
        let texts = Texts::of(Lang::Fr, &["nav.login", "error.rate_limited.any", "error.internal"]);
        assert_eq!(texts.get("nav.login"), "Connexion");
        assert_eq!(
            texts.msg(&Msg::with("error.rate_limited", "minutes", 3), "error.internal"),
            Lang::Fr.t("error.rate_limited.any")
        );
        assert_eq!(texts.msg(&Msg::new("error.forbidden"), "error.internal"), Lang::Fr.t("error.internal"));
    }
}
