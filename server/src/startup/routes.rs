//! The one table of plain HTTP routes beside the pages and server functions: the binary's own and
//! each feature's list (`app/src/<feature>/routes.rs`). The router mounts exactly these, and the
//! authorization table covers each (`plain_paths`); a feature's new list is added here, once
//! (`house::every_feature_routes_list_is_mounted` fails otherwise).
use app::edge::Route;

pub const TABLE: &[&[Route]] = &[
    super::health::ROUTES,
    app::rooms::routes::ROUTES,
    app::monitoring::routes::ROUTES,
    app::schedule::routes::ROUTES,
    app::meetings::routes::ROUTES,
    app::recordings::routes::ROUTES,
    app::sso::routes::ROUTES,
    app::assemblies::routes::ROUTES,
    app::site::routes::ROUTES,
    app::pages::routes::ROUTES,
];

/// Every plain path a caller can reach: the table's, and the old Greenlight links the pipeline
/// answers before routing (`app::legacy::routes`).
pub fn plain_paths() -> Vec<&'static str> {
    let routes = TABLE.iter().flat_map(|list| list.iter().map(|route| route.path));
    routes.chain(app::legacy::routes::OLD_LINKS.iter().copied()).collect()
}
