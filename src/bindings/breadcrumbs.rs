//! Exports for the breadcrumb trail, which the shim's sources (console, clicks, requests,
//! navigation, `addBreadcrumb`) feed after `beforeBreadcrumb` has seen each one.

use super::{get, get_f64, get_str};
use crate::hub;
use crate::protocol::event::{Breadcrumb, Level};
use crate::protocol::json::RawJson;
use wasm_bindgen::prelude::*;

/// `addBreadcrumb`: `crumb` is `{timestamp?, type?, category?, message?, level?, data?}`, with
/// `timestamp` in seconds and `data` as JSON text already normalized by the shim.
#[wasm_bindgen(js_name = addBreadcrumb)]
pub fn add_breadcrumb(crumb: &JsValue) {
    let c = Breadcrumb {
        timestamp: get_f64(crumb, "timestamp").unwrap_or(0.0),
        ty: get_str(crumb, "type"),
        category: get_str(crumb, "category"),
        message: get_str(crumb, "message"),
        level: get_str(crumb, "level").and_then(|l| Level::parse(&l)),
        data: get(crumb, "data").as_string().map(RawJson),
    };
    hub::with_client(|client| client.add_breadcrumb(c));
}
