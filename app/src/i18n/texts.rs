//! The few translated texts an island needs, chosen on the server and carried in its props.
//! Islands run in the browser; if they looked texts up themselves, every language's table would
//! travel in the wasm. Passing the handful they show keeps the tables on the server.
use super::Lang;
use crate::error::Msg;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Texts(Vec<(String, String)>);

impl Texts {
    /// The texts of `keys` in `lang` (on the server, where the tables are).
    pub fn of(lang: Lang, keys: &[&str]) -> Texts {
        Texts(keys.iter().map(|k| (k.to_string(), lang.t(k).to_string())).collect())
    }

    /// The text of `key`; the key itself if it was not passed (a test keeps islands' keys passed).
    pub fn get(&self, key: &str) -> String {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_else(|| key.to_string())
    }

    /// A message with its argument; a message whose key was not passed reads as `fallback`.
    pub fn msg(&self, msg: &Msg, fallback: &str) -> String {
        let text = if self.0.iter().any(|(k, _)| *k == msg.key) { self.get(&msg.key) } else { self.get(fallback) };
        match &msg.arg {
            Some(arg) => text.replace("{}", arg),
            None => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_the_asked_texts_and_falls_back_for_others() {
        let texts = Texts::of(Lang::Fr, &["nav.login", "error.rate_limited", "error.internal"]);
        assert_eq!(texts.get("nav.login"), "Connexion");
        assert_eq!(
            texts.msg(&Msg::with("error.rate_limited", 3), "error.internal"),
            Lang::Fr.msg(&Msg::with("error.rate_limited", 3))
        );
        assert_eq!(texts.msg(&Msg::new("error.forbidden"), "error.internal"), Lang::Fr.t("error.internal"));
    }
}
