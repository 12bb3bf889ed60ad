//! The error event and the nouns it is made of, named after their wire keys.
//!
//! Only data lives here: building an event from what the page reports is `crate::client`'s job.
//! Absent fields are skipped on the wire, so a small event stays small.

use super::json::RawJson;
use super::map::Map;
use alloc::string::String;
use alloc::vec::Vec;
use serde::Serialize;

/// How severe an event or breadcrumb is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Diagnostic detail.
    Debug,
    /// The default for `captureMessage`.
    Info,
    /// Something went wrong but was handled.
    Warning,
    /// The default for exceptions.
    #[default]
    Error,
    /// The app cannot go on (Rust panics).
    Fatal,
}

impl Level {
    /// Reads the names `@sentry/browser` accepts; `log` is its alias for `info`.
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "debug" => Level::Debug,
            "info" | "log" => Level::Info,
            "warning" | "warn" => Level::Warning,
            "error" => Level::Error,
            "fatal" | "critical" => Level::Fatal,
            _ => return None,
        })
    }
}

/// `{"values": [...]}`: the wrapper Sentry uses for exceptions and breadcrumbs.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Values<T> {
    /// The wrapped list, in protocol order.
    pub values: Vec<T>,
}

/// One stack frame. Frames are listed oldest call first, crashing frame last.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Frame {
    /// Function name, `?` when the engine gives none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    /// URL of the script (or `<anonymous>`, `native`); servers derive `abs_path` from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// Absolute URL of the script when it differs from `filename`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abs_path: Option<String>,
    /// 1-based line; source maps need it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lineno: Option<u32>,
    /// 1-based column; source maps need it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub colno: Option<u32>,
    /// Whether the frame belongs to the app rather than a library, the browser or this SDK.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_app: Option<bool>,
    /// For Wasm frames: the byte offset of the instruction in the module, as `0x…` hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instruction_addr: Option<String>,
    /// For Wasm frames: `rel:N`, meaning `instruction_addr` is relative to debug image N,
    /// which lets a server with the module's DWARF symbolicate it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub addr_mode: Option<String>,
    /// `native` for Wasm frames, so servers do not look for a JavaScript source map.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<&'static str>,
}

/// A stack trace: frames oldest first.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Stacktrace {
    /// The frames, crashing frame last.
    pub frames: Vec<Frame>,
}

/// How an exception was caught, which decides `handled` and session health.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Mechanism {
    /// Dotted origin such as `auto.browser.global_handlers.onerror` or `generic`.
    /// Always sent: without it Relay reads the legacy shape and loses `handled`.
    #[serde(rename = "type")]
    pub ty: String,
    /// `false` when nothing in the app caught it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handled: Option<bool>,
    /// The thrown value was not an `Error`, so its type says nothing and servers should not
    /// title the event with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub synthetic: Option<bool>,
    /// For linked errors: where this entry came from (`cause`, `errors[0]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Position in the linked-error tree; the thrown error is 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exception_id: Option<u32>,
    /// `exception_id` of the error this one is the cause of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<u32>,
    /// The error groups others (`AggregateError`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_exception_group: Option<bool>,
}

/// One error in `exception.values`, which lists causes first and the thrown error last.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Exception {
    /// The error's class name, e.g. `TypeError`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<String>,
    /// The error's message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// How it was caught.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mechanism: Option<Mechanism>,
    /// Where it was thrown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stacktrace: Option<Stacktrace>,
}

/// One thing that happened before the event: a click, a request, a log line.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Breadcrumb {
    /// Seconds since the epoch.
    pub timestamp: f64,
    /// `default`, `http`, `navigation`, `error`…
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<String>,
    /// Dotted source: `console`, `ui.click`, `fetch`, `navigation`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Human-readable text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Severity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Structured detail (`{from, to}`, `{method, url, status_code}`), already JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<RawJson>,
}

/// The page the event happened on.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Request {
    /// The page URL, with secret-looking query values filtered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Only `User-Agent` (and `Referer`) by default: servers derive browser and OS from it.
    /// The key must be spelled `User-Agent` exactly for GlitchTip.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub headers: Map<String>,
}

/// A package the SDK is made of, `npm:faultline` or `cargo:faultline`.
#[derive(Clone, Debug, Serialize)]
pub struct Package {
    /// `npm:…` or `cargo:…`.
    pub name: String,
    /// Its version.
    pub version: String,
}

/// Settings the server should apply to this SDK's events.
#[derive(Clone, Debug, Serialize)]
pub struct SdkSettings {
    /// `never` unless the app opted into sending personal data: the server then does not fill
    /// the user's IP address from the connection.
    pub infer_ip: &'static str,
}

/// Who produced the event.
#[derive(Clone, Debug, Serialize)]
pub struct ClientSdk {
    /// e.g. `faultline.javascript.react`.
    pub name: String,
    /// The package version.
    pub version: String,
    /// Names of the enabled integrations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub integrations: Vec<String>,
    /// Packages the SDK ships as.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub packages: Vec<Package>,
    /// Server-side behaviour the SDK asks for.
    pub settings: SdkSettings,
}

/// An error or message event.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Event {
    /// 32 lowercase hex digits; the server drops repeats, so retries are idempotent.
    pub event_id: String,
    /// Seconds since the epoch, millisecond precision.
    pub timestamp: f64,
    /// Always `javascript`: GlitchTip applies source maps and JS culprits only then.
    pub platform: &'static str,
    /// Severity.
    pub level: Level,
    /// Build or version identifier; links the event to a release and its source maps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
    /// `production` unless set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// Build variant within a release.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dist: Option<String>,
    /// The route or page name, when tracing gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction: Option<String>,
    /// For `captureMessage`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Causes first, thrown error last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exception: Option<Values<Exception>>,
    /// What led here, oldest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breadcrumbs: Option<Values<Breadcrumb>>,
    /// Set only by the app (`setUser`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<RawJson>,
    /// Searchable string pairs.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub tags: Map<String>,
    /// Named objects (`trace`, `react`, the app's own).
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub contexts: Map<RawJson>,
    /// Arbitrary extra data.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub extra: Map<RawJson>,
    /// Replaces default grouping; `{{ default }}` keeps it as one part.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fingerprint: Vec<String>,
    /// The page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<Request>,
    /// This SDK.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sdk: Option<ClientSdk>,
}
