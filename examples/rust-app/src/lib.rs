//! A Rust/Wasm front end monitored by Faultline from Rust: no JavaScript SDK needed.
//!
//! `start` initialises Faultline (which installs the panic hook, feature `panic-hook`) and wires
//! three buttons: one captures an error with its `source()` chain, one a message, one panics.
//! With `panic = "abort"` the panic traps the instance, yet its event still reaches the server.

use std::fmt;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Starts monitoring, then the app. `dsn` comes from the page, as a build would inject it.
#[wasm_bindgen]
pub fn start(dsn: String) {
    faultline::init(faultline::Options {
        dsn: Some(dsn),
        release: Some("rust-app@0.1.0".into()),
        environment: Some("demo".into()),
        ..Default::default()
    });
    faultline::set_user(Some(faultline::User {
        id: Some("rust-user-7".into()),
        ..Default::default()
    }));
    faultline::set_tag("app", "rust-app");

    on_click("error", || {
        if let Err(e) = quantity("three") {
            faultline::capture_error(&e);
        }
    });
    let saved = std::cell::Cell::new(0);
    on_click("message", move || {
        saved.set(saved.get() + 1);
        let text = format!("cart saved for later ({})", saved.get());
        faultline::capture_message(&text, faultline::Level::Info);
    });
    on_click("panic", || {
        faultline::add_breadcrumb(faultline::Breadcrumb {
            category: Some("cart".into()),
            message: Some("checkout started".into()),
            ..Default::default()
        });
        let cart: Vec<u32> = Vec::new();
        checkout(&cart);
    });
}

/// Waits until what was captured so far has been answered by the server, at most two
/// seconds: what a page calls before it navigates away on purpose.
#[wasm_bindgen]
pub async fn flush() -> bool {
    faultline::flush(2000).await
}

/// Panics on an empty cart: the bug the panic button triggers.
fn checkout(cart: &[u32]) -> u32 {
    if cart.is_empty() {
        panic!("cannot check out an empty cart");
    }
    cart.iter().sum()
}

/// A quantity typed by the user; fails with a cause chain.
fn quantity(text: &str) -> Result<u32, QuantityError> {
    text.parse().map_err(QuantityError)
}

/// The app's own error, wrapping the parser's as its `source()`.
#[derive(Debug)]
struct QuantityError(std::num::ParseIntError);

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the quantity must be a number")
    }
}

impl std::error::Error for QuantityError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// Runs `f` on every click of the element with id `id`.
fn on_click(id: &str, f: impl Fn() + 'static) {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    let callback = Closure::<dyn Fn()>::new(f);
    let _ = el.add_event_listener_with_callback("click", callback.as_ref().unchecked_ref());
    callback.forget();
}
