//! The breadcrumb op: the shim's sources (console, clicks, requests, navigation,
//! `addBreadcrumb`) feed the trail after `beforeBreadcrumb` has seen each crumb.

use super::Fields;
use crate::hub;
use crate::protocol::event::{Breadcrumb, Level};
use crate::protocol::json::RawJson;

/// `addBreadcrumb`: `type, category, message, level, data` (JSON text already normalized by
/// the shim), and the `timestamp` in seconds.
pub(super) fn add_breadcrumb(f: &mut Fields, timestamp: f64) {
    let c = Breadcrumb {
        ty: f.string(),
        category: f.string(),
        message: f.string(),
        level: f.str().and_then(Level::parse),
        data: f.string().map(RawJson),
        timestamp,
    };
    hub::with_client(|client| client.add_breadcrumb(c));
}
