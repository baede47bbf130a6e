//! `create`'s XML body: documents the region fetches by address and shows in the meeting, the one
//! marked current first. Built by quick-xml's writer, which escapes every address and name.
use quick_xml::Writer;

/// A document for the meeting's presentation area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub url: String,
    /// BBB converts by its extension.
    pub filename: String,
    pub current: bool,
}

/// The `<modules>` body naming `documents`, or `None` when there are none (then `create` is a GET).
pub fn modules(documents: &[Document]) -> Option<String> {
    if documents.is_empty() {
        return None;
    }
    let mut writer = Writer::new(Vec::new());
    let written = writer.create_element("modules").write_inner_content(|w| {
        w.create_element("module").with_attribute(("name", "presentation")).write_inner_content(|w| {
            for d in documents {
                let element = w
                    .create_element("document")
                    .with_attribute(("url", d.url.as_str()))
                    .with_attribute(("filename", d.filename.as_str()));
                let element = if d.current { element.with_attribute(("current", "true")) } else { element };
                element.write_empty()?;
            }
            Ok(())
        })?;
        Ok(())
    });
    // Writing into a Vec cannot fail; quick-xml escapes, so the text is valid UTF-8.
    written.ok()?;
    String::from_utf8(writer.into_inner()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_listed_escaped_with_the_current_one_marked() {
        assert_eq!(modules(&[]), None);
        let docs = [
            Document {
                url: "https://portal/f/1?a=1&b=2".into(),
                filename: "Budget \"2027\".pdf".into(),
                current: false,
            },
            Document { url: "https://portal/f/2".into(), filename: "Agenda.pptx".into(), current: true },
        ];
        let xml = modules(&docs).unwrap();
        assert_eq!(
            xml,
            "<modules><module name=\"presentation\">\
             <document url=\"https://portal/f/1?a=1&amp;b=2\" filename=\"Budget &quot;2027&quot;.pdf\"/>\
             <document url=\"https://portal/f/2\" filename=\"Agenda.pptx\" current=\"true\"/>\
             </module></modules>"
        );
    }
}
