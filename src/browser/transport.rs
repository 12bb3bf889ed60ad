//! Sending an envelope with `fetch`.
//!
//! The body is a string, so the browser labels it `text/plain;charset=UTF-8`; with no custom
//! header and the key in the query, the request is a CORS "simple request" and needs no
//! preflight. `fetch` is bound as a global (not through `Window`) so it also works in workers.

use alloc::string::String;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ReferrerPolicy, RequestInit, Response};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch_with_init(url: &str, init: &RequestInit) -> Result<Promise, JsValue>;
}

/// Starts a POST of `body` to `url`; the outcome is reported to the page's client.
pub fn send(url: &str, body: String, keepalive: bool, request_id: u32) {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(&body));
    init.set_referrer_policy(ReferrerPolicy::StrictOrigin);
    if keepalive {
        // `RequestInit.keepalive` is not in web-sys's stable bindings; set the field directly.
        let _ = js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE);
    }
    let promise = fetch_with_init(url, &init);
    spawn_local(async move {
        let status = match promise {
            Ok(p) => match JsFuture::from(p).await {
                Ok(r) => r.dyn_into::<Response>().map(|r| r.status()).unwrap_or(0),
                Err(_) => 0,
            },
            Err(_) => 0,
        };
        crate::hub::with_client(|c| c.on_response(request_id, status));
    });
}
