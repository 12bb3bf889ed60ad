//! The core in a real browser (headless Chromium through wasm-bindgen-test): the browser
//! runtime's clock, crypto and page facts, stack strings V8 really produces, and a send whose
//! failure is counted rather than thrown.

#![cfg(target_arch = "wasm32")]

use faultline::client::{Capture, Client, ErrorFacts};
use faultline::options::Options;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn real_stack() -> String {
    let e = js_sys::Error::new("boom");
    js_sys::Reflect::get(&e, &"stack".into())
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn parses_a_stack_v8_really_printed() {
    let stack = real_stack();
    assert!(stack.starts_with("Error: boom"), "{stack}");
    let frames = faultline::stack::parse(&stack);
    assert!(!frames.is_empty(), "frames from {stack}");
    for f in &frames {
        assert!(f.lineno.is_some() || f.instruction_addr.is_some(), "{f:?}");
    }
}

#[wasm_bindgen_test]
async fn a_send_to_an_unreachable_ingest_is_kept_for_a_retry_not_thrown() {
    let options = Options {
        // Port 9 (discard) on loopback: nothing listens, the fetch fails fast.
        dsn: Some("http://0a1b2c3d4e5f40718293a4b5c6d7e8f9@127.0.0.1:9/1".into()),
        release: Some("web-test@1".into()),
        ..Options::default()
    };
    faultline::hub::bind(Client::new(options, Box::new(faultline::browser::Browser)));
    let id = faultline::hub::with_client(|c| {
        c.capture(Capture {
            errors: vec![ErrorFacts {
                ty: Some("Error".into()),
                value: Some("boom".into()),
                stack: Some(real_stack()),
                ..Default::default()
            }],
            ..Default::default()
        })
    })
    .unwrap();
    assert_eq!(id.len(), 32);
    assert_eq!(faultline::hub::with_client(|c| c.pending()), Some(1));
    // The fetch fails fast; the envelope stays in the outbox for a retry (crate::transport)
    // instead of being dropped, and nothing is counted as lost.
    sleep(1000).await;
    assert_eq!(faultline::hub::with_client(|c| c.pending()), Some(1));
    let nothing_lost = faultline::hub::with_client(|c| c.discarded.is_empty()).unwrap();
    assert!(nothing_lost, "nothing dropped while retrying");
    faultline::hub::unbind();
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let set_timeout: js_sys::Function =
            js_sys::Reflect::get(&js_sys::global(), &"setTimeout".into())
                .unwrap()
                .unchecked_into();
        let _ = set_timeout.call2(&wasm_bindgen::JsValue::NULL, &resolve, &ms.into());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}
