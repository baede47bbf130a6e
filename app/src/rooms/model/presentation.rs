//! Presentations uploaded to a room before its meetings: what the settings page lists, and the
//! limits it states.
use serde::{Deserialize, Serialize};

/// The largest file taken: BBB's own default upload limit.
pub const PRESENTATION_MOST_BYTES: u64 = 30 * 1024 * 1024;
/// How many a room keeps.
pub const PRESENTATIONS_MOST: i64 = 10;

/// The kinds taken, read from the file's first bytes: (content type, file extension BBB converts by).
pub const PRESENTATION_KINDS: &[(&str, &str)] = &[
    ("application/pdf", "pdf"),
    ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ("application/vnd.oasis.opendocument.presentation", "odp"),
    ("application/vnd.oasis.opendocument.text", "odt"),
    ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    ("image/png", "png"),
    ("image/jpeg", "jpg"),
];

/// The extension of an accepted content type.
pub fn extension_of(content_type: &str) -> Option<&'static str> {
    PRESENTATION_KINDS.iter().find(|(kind, _)| *kind == content_type).map(|(_, ext)| *ext)
}

/// A presentation as the room's managers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresentationView {
    pub id: i64,
    /// The name it is shown and sent under, ending in its kind's extension.
    pub name: String,
    pub size: i64,
    /// Shown first when a meeting starts.
    pub is_default: bool,
}

/// A file name as the presentation's: its folder dropped, control and path characters replaced,
/// at most 100 characters before the extension its content decided.
pub fn presentation_name(uploaded: &str, extension: &str) -> String {
    let base = uploaded.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    let clean: String =
        stem.chars()
            .map(|c| {
                if c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '/' | ':' | '|' | '?' | '*') {
                    '_'
                } else {
                    c
                }
            })
            .take(100)
            .collect();
    let clean = clean.trim();
    let stem = if clean.is_empty() { "presentation" } else { clean };
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_keeps_its_words_and_takes_the_extension_its_content_decided() {
        assert_eq!(presentation_name("C:\\Users\\ann\\Budget 2027.pdf", "pdf"), "Budget 2027.pdf");
        assert_eq!(presentation_name("slides.exe", "pptx"), "slides.pptx", "the content decides, not the name");
        assert_eq!(presentation_name("../../etc/passwd", "pdf"), "passwd.pdf");
        assert_eq!(presentation_name("", "png"), "presentation.png");
        assert_eq!(presentation_name("a\u{0}b:c.pdf", "pdf"), "a_b_c.pdf");
        assert_eq!(presentation_name(&"x".repeat(300), "pdf").len(), 104);
        assert_eq!(extension_of("image/jpeg"), Some("jpg"));
        assert_eq!(extension_of("application/x-msdownload"), None);
    }
}
