//! Exports for the scope: user, tags, contexts, extras, level, fingerprint, and the
//! `withScope` stack.

use crate::hub;
use crate::protocol::event::Level;
use crate::protocol::json::RawJson;
use alloc::string::String;
use wasm_bindgen::prelude::*;

/// `setUser`: `json` is the normalized user object, or `None` to clear it.
#[wasm_bindgen(js_name = setUser)]
pub fn set_user(json: Option<String>) {
    hub::with_client(|c| c.scope.user = json.map(RawJson));
}

/// `setTag`: `None` removes the tag.
#[wasm_bindgen(js_name = setTag)]
pub fn set_tag(key: &str, value: Option<String>) {
    hub::with_client(|c| match value {
        Some(v) => c.scope.tags.insert(key, v),
        None => c.scope.tags.remove(key),
    });
}

/// `setContext`: `json` is the normalized object, `None` removes it.
#[wasm_bindgen(js_name = setContext)]
pub fn set_context(name: &str, json: Option<String>) {
    hub::with_client(|c| match json {
        Some(j) => c.scope.contexts.insert(name, RawJson(j)),
        None => c.scope.contexts.remove(name),
    });
}

/// `setExtra`: `json` is the normalized value.
#[wasm_bindgen(js_name = setExtra)]
pub fn set_extra(key: &str, json: Option<String>) {
    hub::with_client(|c| match json {
        Some(j) => c.scope.extra.insert(key, RawJson(j)),
        None => c.scope.extra.remove(key),
    });
}

/// `withScope` entry: values set until the matching `popScope` apply only in between.
#[wasm_bindgen(js_name = pushScope)]
pub fn push_scope() {
    hub::with_client(|c| c.scope.push());
}

/// `withScope` exit: restores the values saved by the matching `pushScope`.
#[wasm_bindgen(js_name = popScope)]
pub fn pop_scope() {
    hub::with_client(|c| c.scope.pop());
}

/// `setLevel`: every later event gets this level; `None` clears it.
#[wasm_bindgen(js_name = setLevel)]
pub fn set_level(level: Option<String>) {
    hub::with_client(|c| c.scope.level = level.and_then(|l| Level::parse(&l)));
}

/// `setFingerprint`: replaces default grouping for later events; empty clears it.
#[wasm_bindgen(js_name = setFingerprint)]
pub fn set_fingerprint(parts: &JsValue) {
    let parts = super::strings(parts);
    hub::with_client(|c| c.scope.fingerprint = parts);
}
