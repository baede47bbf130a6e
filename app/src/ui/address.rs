//! The page's address: its path, the named parts of its route (`slug` in `/r/{slug}`) and the values
//! of its query (`?saved=1`), read from the request where a page part asks.
//!
//! Pages are routed by axum (`crate::pages::PAGES`), not by leptos_router: its router parsed the
//! address into signals and memos on every request, and each query hook built a memo of its own
//! and copied the whole query, about a seventh of a signed-in page (bench/README.md). Here a
//! reading is a look at the request's head, and most addresses have no query at all.
//!
//! Only the server builds pages; in the browser only islands run, and they take what they show as
//! props. So in the browser nothing here has an address to read.

/// The route's named parts, as axum matched them: the server's handler puts them in the request.
#[derive(Clone, Debug, Default)]
pub struct RouteParams(pub Vec<(String, String)>);

/// The page's path (`/r/abc-def-ghi-jkl`), without its query.
pub fn path() -> String {
    #[cfg(feature = "ssr")]
    return crate::edge::with_parts(|p| p.uri.path().to_string()).unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    String::new()
}

/// The named part `name` of the page's route.
pub fn param(name: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    return crate::edge::with_parts(|p| {
        let params = p.extensions.get::<RouteParams>()?;
        params.0.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone())
    })
    .flatten();
    #[cfg(not(feature = "ssr"))]
    {
        let _ = name;
        None
    }
}

/// The value of `name` in the page's query, decoded; the first one if it is given twice.
pub fn query(name: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    return crate::edge::with_parts(|p| p.uri.query().and_then(|query| value_in(query, name))).flatten();
    #[cfg(not(feature = "ssr"))]
    {
        let _ = name;
        None
    }
}

/// A query parameter of the current page (empty when it has none), as a signal.
pub fn query_param(name: &'static str) -> leptos::prelude::Signal<String> {
    leptos::prelude::Signal::stored(query(name).unwrap_or_default())
}

/// Sends the browser to `path` instead of this page (a `302 Found` with its `Location`).
#[leptos::component]
pub fn Redirect(path: &'static str) -> impl leptos::IntoView {
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(path);
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}

/// `name`'s value in a query string as browsers write one (`a=1&b=x+y%21`).
#[cfg(feature = "ssr")]
fn value_in(query: &str, name: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes()).find(|(key, _)| key == name).map(|(_, value)| value.into_owned())
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::value_in;

    #[test]
    fn query_values_are_decoded_and_the_first_one_counts() {
        assert_eq!(value_in("saved=1&q=ann+b%C3%A4r", "q").as_deref(), Some("ann bär"));
        assert_eq!(value_in("page=2&page=3", "page").as_deref(), Some("2"));
        assert_eq!(value_in("saved", "saved").as_deref(), Some(""));
        assert_eq!(value_in("saved=1", "moved"), None);
        assert_eq!(value_in("", "saved"), None);
    }
}
