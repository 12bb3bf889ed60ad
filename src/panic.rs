//! The panic hook for Rust apps (feature `panic-hook`): the console still shows the panic
//! (through `console_error_panic_hook`), and the panic becomes an event.
//!
//! The event has the shape sentry-rust gives panics (PROTOCOL §4.4): one exception of type
//! `panic` with the panic message, mechanism `{type: "panic", handled: false}`, level `fatal`.
//! Its stack is the JavaScript stack at the panic, which holds the app's Wasm frames, cut where
//! the app's code ends, with the panic's `file:line:column` on top as the crash frame.
//!
//! With `panic = "abort"` the instance traps as soon as the hook returns, and whatever was left
//! to run in it (the promise of a `fetch` it started) would call back into a dead instance. So
//! the event is built, serialized and handed to JavaScript inside the hook: to the npm shim's
//! client when the page has one (another, healthy instance, which is then told to ignore the
//! `RuntimeError: unreachable` that follows), or else straight to `fetch` with `keepalive`,
//! from a snippet that never calls back into Wasm.

use crate::client::{Capture, ErrorFacts};
use crate::protocol::event::{Level, Mechanism};
use crate::runtime::Runtime;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec;
use std::panic::PanicHookInfo;

/// Installs the hook, once; later calls do nothing. [`crate::init`] calls it.
pub fn install() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| std::panic::set_hook(Box::new(on_panic)));
}

fn on_panic(info: &PanicHookInfo<'_>) {
    console_error_panic_hook::hook(info);
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("Box<dyn Any>");
    let location = info.location().map(|l| (l.file(), l.line(), l.column()));
    let stack = crate::api::app_stack(&crate::api::js::stack_here(), location);
    let capture = Capture {
        errors: vec![ErrorFacts {
            ty: Some("panic".into()),
            value: Some(message.into()),
            stack: Some(stack),
            ..ErrorFacts::default()
        }],
        mechanism: Some(Mechanism {
            ty: "panic".into(),
            handled: Some(false),
            ..Mechanism::default()
        }),
        level: Some(Level::Fatal),
        ..Capture::default()
    };
    if crate::api::js::hub_present() {
        crate::api::dispatch(capture);
        crate::api::js::hub_panicked();
        return;
    }
    crate::hub::with_client(|c| {
        let runtime = core::mem::replace(&mut c.runtime, Box::new(Dying));
        c.capture(capture);
        // What the outbox still holds back (over its in-flight cap, in backoff) gets no later
        // chance either: send it now, as when the page is hidden.
        c.on_hidden();
        c.runtime = runtime;
    });
}

/// The browser runtime, except that sending goes through [`crate::api::js::beacon`]:
/// nothing about the request calls back into the instance that is about to trap. Nothing is
/// persisted or scheduled either: no answer will ever come back to forget it or retry it.
struct Dying;

impl Runtime for Dying {
    fn now_ms(&self) -> f64 {
        crate::browser::Browser.now_ms()
    }

    fn fill_random(&self, buf: &mut [u8]) {
        crate::browser::Browser.fill_random(buf);
    }

    fn send(
        &self,
        url: &str,
        _key: &str,
        body: &str,
        _stored: bool,
        _keepalive: bool,
        _request_id: u32,
    ) {
        crate::api::js::beacon(url, body);
    }

    fn log(&self, msg: &str) {
        crate::browser::Browser.log(msg);
    }

    fn page(&self) -> (Option<String>, Option<String>) {
        crate::browser::Browser.page()
    }

    fn online(&self) -> bool {
        crate::browser::Browser.online()
    }
}
