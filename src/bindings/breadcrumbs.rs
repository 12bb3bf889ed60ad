//! The breadcrumb op: the shim's sources (console, clicks, requests, navigation,
//! `addBreadcrumb`) feed the trail after `beforeBreadcrumb` has seen each crumb.

use super::Fields;
use crate::client::Client;
use crate::protocol::event::{Breadcrumb, Level};
use crate::protocol::json::RawJson;

/// `addBreadcrumb`: `type, category, message, level, data` (JSON text already normalized by
/// the shim), and the `timestamp` in seconds.
pub(super) fn add_breadcrumb(client: &mut Client, f: &mut Fields, timestamp: f64) {
    client.add_breadcrumb(Breadcrumb {
        ty: f.string(),
        category: f.string(),
        message: f.string(),
        level: f.str().and_then(Level::parse),
        data: f.string().map(RawJson),
        timestamp,
    });
}
