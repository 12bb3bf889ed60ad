//! The `#[wasm_bindgen]` exports: `init`, and `op`, the one door every other call of the shim
//! goes through, named by an op code.
//!
//! Values cross as one string and a number per call, never as JS objects: reading objects field by field took a `Reflect.get` per
//! field and a generated shim per export, both bigger and slower than splitting a string here.
//! The shim (`js/core.js`, `text`) writes each string as `<length>:<text>` (length in UTF-16
//! units, so any content passes, separators included), an absent value as `-`, and a list as
//! `<count>*` before its items; an absent number is `NaN`. A missing or malformed field reads
//! as absent.
//!
//! Nothing here returns `Result`, so nothing throws into JavaScript. This file holds `init`,
//! the dispatch and error capture (the readers are in `fields.rs`); each capability keeps its
//! ops in its own file beside it.

use crate::client::{Capture, Client, ErrorFacts};
use crate::hub;
use crate::options::{self, Options};
use crate::protocol::event::{Level, Mechanism};
use crate::protocol::json::RawJson;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use wasm_bindgen::prelude::*;

mod breadcrumbs;
mod fields;
mod filters;
mod scope;
#[cfg(feature = "tracing")]
mod tracing;
mod transport;

pub(crate) use fields::Fields;

/// A number the shim passes, `None` when absent (`NaN`).
pub(crate) fn opt(n: f64) -> Option<f64> {
    (!n.is_nan()).then_some(n)
}

/// Starts the client. `text` holds `dsn, release, environment, dist, tunnel, sdkName,
/// sdkVersion, [integrations], [scrubPatterns], {contexts}`: the contexts (JSON each) are the
/// scope's first; the shim sends none here (it sets the browser and OS contexts right before
/// its first op, so a page that never uses the core does not work them out); absent, none.
/// `sample_rate` is always given (`NaN` is the app's, and gets its warning); the other numbers
/// are `NaN` when unset. `flags` has bits for `debug` (1), `enabled` (2), `sendDefaultPii` (4),
/// `scrub` (8) and `scrub.emails` (16). The shim's I/O is not handed over: the core imports it
/// (`js/io.js`).
#[wasm_bindgen]
pub fn init(
    text: &str,
    sample_rate: f64,
    max_breadcrumbs: f64,
    max_value_length: f64,
    storm_cap: f64,
    flags: u32,
) {
    let f = &mut Fields(text);
    // Every field written out, not `..Options::default()`: the default's strings would be
    // built only to be dropped.
    let options = Options {
        dsn: f.string(),
        release: f.string(),
        environment: f.string(),
        dist: f.string(),
        tunnel: f.string(),
        sdk_name: f.string().unwrap_or_else(|| options::SDK_NAME.into()),
        sdk_version: f.string().unwrap_or_else(|| options::SDK_VERSION.into()),
        sdk_package: options::SDK_PACKAGE,
        integrations: f.strings(),
        scrub_patterns: f.strings(),
        sample_rate,
        max_breadcrumbs: opt(max_breadcrumbs)
            .map_or(options::MAX_BREADCRUMBS, |n| n.clamp(0.0, 100.0) as usize),
        max_value_length: opt(max_value_length)
            .map_or(options::MAX_VALUE_LENGTH, |n| n.clamp(32.0, 1e6) as usize),
        storm_cap: opt(storm_cap).map_or(0, |n| n.clamp(0.0, 1e6) as u32),
        debug: flags & 1 != 0,
        enabled: flags & 2 != 0,
        send_default_pii: flags & 4 != 0,
        scrub: flags & 8 != 0,
        scrub_emails: flags & 16 != 0,
    };
    let contexts = f.pairs(RawJson);
    let mut client = Client::new(options, Box::new(crate::browser::Browser));
    client.scope.contexts = contexts;
    hub::bind(client);
}

/// What `op` does, by the code the shim passes (`js/core.js` has the same list).
mod code {
    pub const CAPTURE: u32 = 0;
    pub const PREPARE: u32 = 1;
    pub const SEND_PREPARED: u32 = 2;
    pub const DISCARD: u32 = 3;
    pub const FILTERS: u32 = 4;
    pub const USER: u32 = 5;
    pub const TAG: u32 = 6;
    pub const CONTEXT: u32 = 7;
    pub const EXTRA: u32 = 8;
    pub const LEVEL: u32 = 9;
    pub const FINGERPRINT: u32 = 10;
    pub const PUSH_SCOPE: u32 = 11;
    pub const POP_SCOPE: u32 = 12;
    pub const BREADCRUMB: u32 = 13;
    pub const SESSION: u32 = 14;
    pub const PENDING: u32 = 15;
    pub const CLOSE: u32 = 16;
    pub const DRAIN: u32 = 22;
    pub const HIDDEN: u32 = 23;
    pub const RESTORE: u32 = 24;
    pub const RESPONSE: u32 = 25;
    #[cfg(feature = "tracing")]
    pub const TX_START: u32 = 17;
    #[cfg(feature = "tracing")]
    pub const TX_END: u32 = 19;
    #[cfg(feature = "tracing")]
    pub const SPAN_ACTIVE: u32 = 20;
    #[cfg(feature = "tracing")]
    pub const TRACE_HEADERS: u32 = 21;
}

/// Runs op `code` on `text` and the number `n` (see each op's function for what they carry).
/// Returns text for the ops that answer (`prepare`, `pending`, the DSC), "" otherwise.
/// Unknown codes (the tracing ops, in the errors-only core) do nothing.
#[wasm_bindgen]
pub fn op(code: u32, text: &str, n: f64) -> String {
    with_client(code, |c| run(c, code, &mut Fields(text), n))
}

/// Runs `op` with the page's client: the one place the shim's calls borrow it, so the
/// borrow's code exists once. Without a client (not started, closed, or busy in a re-entrant
/// call) every op does nothing, and `pending` answers 0. `close` removes the client.
fn with_client(code: u32, op: impl FnOnce(&mut Client) -> String) -> String {
    if code == code::CLOSE {
        hub::unbind();
    }
    hub::with_client(op)
        .unwrap_or_else(|| String::from(if code == code::PENDING { "0" } else { "" }))
}

/// The ops (`close` is done by [`with_client`]; the tracing ops only in the tracing core).
fn run(c: &mut Client, code: u32, f: &mut Fields, n: f64) -> String {
    match code {
        code::CAPTURE => {
            c.capture(read_capture(f));
        }
        code::PREPARE => return filters::prepare(c, f),
        code::SEND_PREPARED => filters::send_prepared(c, f),
        code::DISCARD => filters::discard(c, f, n),
        code::FILTERS => filters::set_filters(c, f, n == 1.0),
        code::USER => scope::set_user(c, f),
        code::TAG => scope::set_tag(c, f),
        code::CONTEXT => scope::set_context(c, f),
        code::EXTRA => scope::set_extra(c, f),
        code::LEVEL => scope::set_level(c, f),
        code::FINGERPRINT => scope::set_fingerprint(c, f),
        // `withScope`: values set between the two apply only in between.
        code::PUSH_SCOPE => c.scope.push(),
        code::POP_SCOPE => c.scope.pop(),
        code::BREADCRUMB => breadcrumbs::add_breadcrumb(c, f, opt(n).unwrap_or(0.0)),
        // A page view starts: its release-health session.
        code::SESSION => c.start_session(),
        code::PENDING => {
            let mut out = String::new();
            crate::protocol::json::push_u64(&mut out, u64::from(c.pending()));
            return out;
        }
        code::DRAIN => c.drain(),
        code::HIDDEN => c.on_hidden(),
        code::RESTORE => transport::restore(c, f),
        code::RESPONSE => transport::on_response(c, f, n),
        #[cfg(feature = "tracing")]
        code::TX_START => tracing::tx_start(c, f),
        #[cfg(feature = "tracing")]
        code::TX_END => tracing::tx_end(c, f, n),
        #[cfg(feature = "tracing")]
        code::SPAN_ACTIVE => tracing::span_active(c, f),
        #[cfg(feature = "tracing")]
        code::TRACE_HEADERS => return tracing::trace_headers(c),
        _ => {}
    }
    String::new()
}

/// Reads the shim's capture facts: `eventId, mechanism type, handled, message, level,
/// [errors: type, value, stack, componentStack, synthetic per error], {tags}, {extra},
/// {contexts}, [fingerprint]`.
pub(crate) fn read_capture(f: &mut Fields) -> Capture {
    let event_id = f.string();
    let mechanism = f.string();
    let handled = f.flag();
    let message = f.string();
    let level = f.str().and_then(Level::parse);
    let mut errors = Vec::new();
    for _ in 0..f.count() / 5 {
        let ty = f.string();
        let value = f.string();
        let stack = f.string();
        // The linked error `faultline/react` adds carries React's component stack.
        let frames = f.str().map(crate::stack::parse_component_stack);
        let synthetic = f.flag().unwrap_or(false);
        errors.push(ErrorFacts {
            ty,
            value,
            stack,
            frames,
            synthetic,
        });
    }
    Capture {
        event_id,
        errors,
        mechanism: mechanism.map(|ty| Mechanism {
            ty,
            handled,
            synthetic: None,
            source: None,
            exception_id: None,
            parent_id: None,
            is_exception_group: None,
        }),
        message,
        level,
        tags: f.pairs(|v| v),
        extra: f.pairs(RawJson),
        contexts: f.pairs(RawJson),
        fingerprint: f.strings(),
    }
}
