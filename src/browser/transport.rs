//! `fetch` from Rust, for a Rust app (feature `std`): the npm build hands each request to the
//! shim instead (`send` in `js/outbox.js`, answered through the `RESPONSE` op), so its core
//! carries no promise or future machinery.
//!
//! The request is made as the shim makes it: the body is a string, so the browser labels it
//! `text/plain;charset=UTF-8`; with no custom header and the key in the query, the request is
//! a CORS "simple request" and needs no preflight. `credentials: 'omit'` keeps cookies off even
//! through a same-origin tunnel. `fetch` is bound as a global (not through `Window`) so it also
//! works in workers. The status and the `Retry-After` / `X-Sentry-Rate-Limits` headers go back
//! to the page's client; headers the server does not expose cross-origin read as absent.

use alloc::string::String;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch_with_init(url: &str, init: &Object) -> Result<Promise, JsValue>;
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// `response.headers.get(name)`, `None` if absent, unreadable or not a string.
fn header(response: &JsValue, name: &str) -> Option<String> {
    let headers = Reflect::get(response, &JsValue::from_str("headers")).ok()?;
    let get = Reflect::get(&headers, &JsValue::from_str("get"))
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    get.call1(&headers, &JsValue::from_str(name))
        .ok()?
        .as_string()
}

/// `fetch(url, init)`, then the answer to the client once it settles.
pub fn send(url: &str, body: &str, keepalive: bool, request_id: u32) {
    let init = Object::new();
    set(&init, "method", &JsValue::from_str("POST"));
    set(&init, "body", &JsValue::from_str(body));
    set(&init, "referrerPolicy", &JsValue::from_str("strict-origin"));
    set(&init, "credentials", &JsValue::from_str("omit"));
    set(&init, "keepalive", &JsValue::from_bool(keepalive));
    let started = fetch_with_init(url, &init);
    spawn_local(async move {
        let response = match started {
            Ok(p) => JsFuture::from(p).await.ok(),
            Err(_) => None,
        };
        let (status, retry_after, limits) = match &response {
            Some(r) => (
                Reflect::get(r, &JsValue::from_str("status"))
                    .ok()
                    .and_then(|s| s.as_f64())
                    .map_or(0, |s| s as u16),
                header(r, "retry-after"),
                header(r, "x-sentry-rate-limits"),
            ),
            None => (0, None, None),
        };
        crate::hub::with_client(|c| {
            c.on_response(
                request_id,
                status,
                retry_after.as_deref(),
                limits.as_deref(),
            )
        });
    });
}
