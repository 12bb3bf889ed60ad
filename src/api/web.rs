//! The public functions of the Rust API: each one goes to the shim's hub when the page has one,
//! to this instance's own client otherwise.

use super::{app_stack, chain, js};
use crate::client::{Capture, Client, ErrorFacts};
use crate::hub;
use crate::options::Options;
use crate::protocol::event::{Breadcrumb, Level, Mechanism};
use crate::protocol::json::{to_json, RawJson};
use crate::protocol::json_serde::serde_to_json;
use crate::runtime::Runtime;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use serde::Serialize;
use wasm_bindgen_futures::JsFuture;

/// Where calls go: `true` for the npm shim's client (through its hub), `false` for this
/// instance's. The first call that finds the hub hands it this instance's scope and trail.
fn shim_present() -> bool {
    if !js::hub_present() {
        return false;
    }
    // The shim started after `init` here: hand it what the app already set, then forward.
    if let Some(client) = hub::unbind() {
        let mut scope = client.scope;
        if let Some(user) = scope.user.take() {
            js::hub_set("setUser", Some(user.0), None);
        }
        for (k, v) in scope.tags.iter() {
            js::hub_set("setTag", Some(k.into()), Some(v.clone()));
        }
        for (k, v) in scope.contexts.iter() {
            js::hub_set("setContext", Some(k.into()), Some(v.0.clone()));
        }
        for (k, v) in scope.extra.iter() {
            js::hub_set("setExtra", Some(k.into()), Some(v.0.clone()));
        }
        for crumb in scope.breadcrumbs.snapshot() {
            if let Ok(json) = to_json(&crumb) {
                js::hub_breadcrumb(&json);
            }
        }
    }
    true
}

/// Starts monitoring from Rust. Returns whether events will be sent.
///
/// When the npm shim was initialised on the page first, its client is used and `options` are
/// ignored (one client per page, the first `init` wins, as for the shim itself). With the
/// `panic-hook` feature this also installs the panic hook ([`crate::panic::install`]).
pub fn init(mut options: Options) -> bool {
    #[cfg(feature = "panic-hook")]
    crate::panic::install();
    if shim_present() {
        return true;
    }
    let defaults = Options::default();
    if options.sdk_name == defaults.sdk_name {
        options.sdk_name = "faultline.rust.wasm".into();
    }
    if options.sdk_package == defaults.sdk_package {
        options.sdk_package = "cargo:faultline";
    }
    if options.integrations.is_empty() && cfg!(feature = "panic-hook") {
        options.integrations = vec!["PanicHook".into()];
    }
    let client = Client::new(options, Box::new(crate::browser::Browser));
    let sending = client.is_sending();
    hub::bind(client);
    sending
}

/// One error of a capture, as the shim's `capture` reads it.
#[derive(Serialize)]
struct ShimError<'a> {
    #[serde(rename = "type")]
    ty: &'a str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    stack: Option<&'a str>,
}

/// The facts the shim's `capture` reads.
#[derive(Serialize)]
struct ShimFacts<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<ShimError<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

/// The hint the shim's `capture` reads.
#[derive(Serialize)]
struct ShimHint {
    #[serde(skip_serializing_if = "Option::is_none")]
    mechanism: Option<RawJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<&'static str>,
}

/// Sends one capture to whichever client the page has; returns the event id ("" when there is
/// none).
pub(crate) fn dispatch(capture: Capture) -> String {
    if !shim_present() {
        return hub::with_client(|c| c.capture(capture)).unwrap_or_default();
    }
    let errors = capture
        .errors
        .iter()
        .map(|e| ShimError {
            ty: e.ty.as_deref().unwrap_or("Error"),
            value: e.value.as_deref().unwrap_or(""),
            stack: e.stack.as_deref(),
        })
        .collect();
    let facts = ShimFacts {
        errors,
        message: capture.message.as_deref(),
    };
    let hint = ShimHint {
        mechanism: capture
            .mechanism
            .as_ref()
            .and_then(|m| to_json(m).ok())
            .map(RawJson),
        level: capture.level.map(Level::as_str),
    };
    match (serde_to_json(&facts), serde_to_json(&hint)) {
        (Ok(facts), Ok(hint)) => js::hub_capture(&facts, &hint).unwrap_or_default(),
        _ => String::new(),
    }
}

/// Reports an error and its `source()` chain (as linked exceptions, the error itself last),
/// with the stack where this is called. Returns the event id.
///
/// The type shown is the first word of the error's `Debug` output, the message its `Display`.
pub fn capture_error(error: &dyn core::error::Error) -> String {
    let stack = app_stack(&js::stack_here(), None);
    let errors = chain(error)
        .into_iter()
        .enumerate()
        .map(|(i, (ty, value))| ErrorFacts {
            ty: Some(ty),
            value: Some(value),
            stack: (i == 0).then(|| stack.clone()),
            ..ErrorFacts::default()
        })
        .collect();
    dispatch(Capture {
        errors,
        mechanism: Some(Mechanism {
            ty: "generic".into(),
            handled: Some(true),
            ..Mechanism::default()
        }),
        ..Capture::default()
    })
}

/// Reports a message at `level`. Returns the event id.
pub fn capture_message(message: &str, level: Level) -> String {
    dispatch(Capture {
        message: Some(message.into()),
        level: Some(level),
        ..Capture::default()
    })
}

/// Who is using the app, for every later event. Only what the app sets is sent.
#[derive(Clone, Debug, Default, Serialize)]
pub struct User {
    /// The app's own id for the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

/// Sets the user for every later event; `None` clears it.
pub fn set_user(user: Option<User>) {
    let json = user.and_then(|u| serde_to_json(&u).ok());
    if shim_present() {
        js::hub_set("setUser", json, None);
    } else {
        hub::with_client(|c| c.scope.user = json.map(RawJson));
    }
}

/// Sets one tag for every later event.
pub fn set_tag(key: &str, value: &str) {
    if shim_present() {
        js::hub_set("setTag", Some(key.into()), Some(value.into()));
    } else {
        hub::with_client(|c| c.scope.tags.insert(key, value.into()));
    }
}

/// Sets a named context (any `Serialize` value, usually a struct) for every later event.
pub fn set_context<T: Serialize + ?Sized>(name: &str, value: &T) {
    set_json("setContext", name, value);
}

/// Sets one extra value for every later event.
pub fn set_extra<T: Serialize + ?Sized>(key: &str, value: &T) {
    set_json("setExtra", key, value);
}

/// A scope setter taking JSON (`setContext`, `setExtra`), on whichever client the page has.
fn set_json<T: Serialize + ?Sized>(setter: &str, key: &str, value: &T) {
    let Ok(json) = serde_to_json(value) else {
        return;
    };
    if shim_present() {
        js::hub_set(setter, Some(key.into()), Some(json));
        return;
    }
    hub::with_client(|c| {
        let map = if setter == "setContext" {
            &mut c.scope.contexts
        } else {
            &mut c.scope.extra
        };
        map.insert(key, RawJson(json));
    });
}

/// Adds a breadcrumb to the trail sent with later events; a zero `timestamp` means now.
///
/// With the npm shim on the page it goes through the shim's own `addBreadcrumb` (so its
/// `beforeBreadcrumb` applies too), when the shim's hub offers one.
pub fn add_breadcrumb(mut crumb: Breadcrumb) {
    if crumb.timestamp == 0.0 {
        crumb.timestamp = crate::protocol::time::seconds(crate::browser::Browser.now_ms());
    }
    if shim_present() {
        if let Ok(json) = to_json(&crumb) {
            js::hub_breadcrumb(&json);
        }
        return;
    }
    hub::with_client(|c| c.scope.breadcrumbs.push(crumb));
}

/// Waits until every event captured so far has been answered, or `timeout_ms` passed.
/// Resolves `true` when nothing is left in flight.
pub async fn flush(timeout_ms: u32) -> bool {
    if shim_present() {
        return JsFuture::from(js::hub_flush(timeout_ms))
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
    }
    let mut waited = 0;
    loop {
        match hub::with_client(|c| c.pending()) {
            None | Some(0) => return true,
            Some(_) if waited >= timeout_ms => return false,
            Some(_) => {
                let _ = JsFuture::from(js::sleep(20)).await;
                waited += 20;
            }
        }
    }
}

/// Like [`flush`], then stops this instance's client; later calls do nothing. A shared
/// (shim) client is left running: the page's JavaScript owns it.
pub async fn close(timeout_ms: u32) -> bool {
    let ok = flush(timeout_ms).await;
    hub::unbind();
    ok
}
