//! The error event and the nouns it is made of, named after their wire keys.
//!
//! Only data lives here: building an event from what the page reports is `crate::client`'s job.
//! Absent fields are skipped on the wire, so a small event stays small.

use super::json::{RawJson, WriteJson, Writer};
use super::map::Map;
use alloc::string::String;
use alloc::vec::Vec;

/// How severe an event or breadcrumb is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
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
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Debug => "debug",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
            Level::Fatal => "fatal",
        }
    }

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
#[derive(Clone, Debug, Default)]
pub struct Values<T> {
    /// The wrapped list, in protocol order.
    pub values: Vec<T>,
}

/// One stack frame. Frames are listed oldest call first, crashing frame last.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    /// Function name, `?` when the engine gives none.
    pub function: Option<String>,
    /// URL of the script (or `<anonymous>`, `native`); servers derive `abs_path` from it.
    pub filename: Option<String>,
    /// Absolute URL of the script when it differs from `filename`.
    pub abs_path: Option<String>,
    /// 1-based line; source maps need it.
    pub lineno: Option<u32>,
    /// 1-based column; source maps need it.
    pub colno: Option<u32>,
    /// Whether the frame belongs to the app rather than a library, the browser or this SDK.
    pub in_app: Option<bool>,
    /// For Wasm frames: the byte offset of the instruction in the module, as `0x…` hex.
    pub instruction_addr: Option<String>,
    /// For Wasm frames: `rel:N`, meaning `instruction_addr` is relative to debug image N,
    /// which lets a server with the module's DWARF symbolicate it.
    pub addr_mode: Option<String>,
    /// `native` for Wasm frames, so servers do not look for a JavaScript source map.
    pub platform: Option<&'static str>,
}

/// A stack trace: frames oldest first.
#[derive(Clone, Debug, Default)]
pub struct Stacktrace {
    /// The frames, crashing frame last.
    pub frames: Vec<Frame>,
}

/// How an exception was caught, which decides `handled` and session health.
#[derive(Clone, Debug, Default)]
pub struct Mechanism {
    /// Dotted origin such as `auto.browser.global_handlers.onerror` or `generic`.
    /// Always sent, as `type`: without it Relay reads the legacy shape and loses `handled`.
    pub ty: String,
    /// `false` when nothing in the app caught it.
    pub handled: Option<bool>,
    /// The thrown value was not an `Error`, so its type says nothing and servers should not
    /// title the event with it.
    pub synthetic: Option<bool>,
    /// For linked errors: where this entry came from (`cause`, `errors[0]`).
    pub source: Option<String>,
    /// Position in the linked-error tree; the thrown error is 0.
    pub exception_id: Option<u32>,
    /// `exception_id` of the error this one is the cause of.
    pub parent_id: Option<u32>,
    /// The error groups others (`AggregateError`).
    pub is_exception_group: Option<bool>,
}

/// One error in `exception.values`, which lists causes first and the thrown error last.
#[derive(Clone, Debug, Default)]
pub struct Exception {
    /// The error's class name, e.g. `TypeError`; sent as `type`.
    pub ty: Option<String>,
    /// The error's message.
    pub value: Option<String>,
    /// How it was caught.
    pub mechanism: Option<Mechanism>,
    /// Where it was thrown.
    pub stacktrace: Option<Stacktrace>,
}

/// One thing that happened before the event: a click, a request, a log line.
#[derive(Clone, Debug, Default)]
pub struct Breadcrumb {
    /// Seconds since the epoch.
    pub timestamp: f64,
    /// `default`, `http`, `navigation`, `error`…; sent as `type`.
    pub ty: Option<String>,
    /// Dotted source: `console`, `ui.click`, `fetch`, `navigation`.
    pub category: Option<String>,
    /// Human-readable text.
    pub message: Option<String>,
    /// Severity.
    pub level: Option<Level>,
    /// Structured detail (`{from, to}`, `{method, url, status_code}`), already JSON.
    pub data: Option<RawJson>,
}

/// The page the event happened on.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// The page URL, with secret-looking query values filtered.
    pub url: Option<String>,
    /// Only `User-Agent` (and `Referer`) by default: servers derive browser and OS from it.
    /// The key must be spelled `User-Agent` exactly for GlitchTip.
    pub headers: Map<String>,
}

/// A package the SDK is made of, `npm:faultline` or `cargo:faultline`.
#[derive(Clone, Debug)]
pub struct Package {
    /// `npm:…` or `cargo:…`.
    pub name: String,
    /// Its version.
    pub version: String,
}

/// Settings the server should apply to this SDK's events.
#[derive(Clone, Debug)]
pub struct SdkSettings {
    /// `never` unless the app opted into sending personal data: the server then does not fill
    /// the user's IP address from the connection.
    pub infer_ip: &'static str,
}

/// Who produced the event.
#[derive(Clone, Debug)]
pub struct ClientSdk {
    /// e.g. `faultline.javascript.react`.
    pub name: String,
    /// The package version.
    pub version: String,
    /// Names of the enabled integrations.
    pub integrations: Vec<String>,
    /// Packages the SDK ships as.
    pub packages: Vec<Package>,
    /// Server-side behaviour the SDK asks for.
    pub settings: SdkSettings,
}

/// An error or message event.
#[derive(Clone, Debug, Default)]
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
    pub release: Option<String>,
    /// `production` unless set.
    pub environment: Option<String>,
    /// Build variant within a release.
    pub dist: Option<String>,
    /// The route or page name, when tracing gives one.
    pub transaction: Option<String>,
    /// For `captureMessage`.
    pub message: Option<String>,
    /// Causes first, thrown error last.
    pub exception: Option<Values<Exception>>,
    /// What led here, oldest first.
    pub breadcrumbs: Option<Values<Breadcrumb>>,
    /// Set only by the app (`setUser`).
    pub user: Option<RawJson>,
    /// Searchable string pairs.
    pub tags: Map<String>,
    /// Named objects (`trace`, `react`, the app's own).
    pub contexts: Map<RawJson>,
    /// Arbitrary extra data.
    pub extra: Map<RawJson>,
    /// Replaces default grouping; `{{ default }}` keeps it as one part.
    pub fingerprint: Vec<String>,
    /// The page.
    pub request: Option<Request>,
    /// This SDK.
    pub sdk: Option<ClientSdk>,
}

// The wire form: fields in declaration order under their wire keys, absent and empty ones
// skipped.

impl WriteJson for Level {
    fn write(&self, w: &mut Writer) {
        w.str(self.as_str());
    }
}

impl<T: WriteJson> WriteJson for Values<T> {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("values", &self.values);
        w.close('}');
    }
}

impl WriteJson for Frame {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.opt("function", &self.function);
        w.opt("filename", &self.filename);
        w.opt("abs_path", &self.abs_path);
        w.opt("lineno", &self.lineno);
        w.opt("colno", &self.colno);
        w.opt("in_app", &self.in_app);
        w.opt("instruction_addr", &self.instruction_addr);
        w.opt("addr_mode", &self.addr_mode);
        w.opt("platform", &self.platform);
        w.close('}');
    }
}

impl WriteJson for Stacktrace {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("frames", &self.frames);
        w.close('}');
    }
}

impl WriteJson for Mechanism {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("type", &self.ty);
        w.opt("handled", &self.handled);
        w.opt("synthetic", &self.synthetic);
        w.opt("source", &self.source);
        w.opt("exception_id", &self.exception_id);
        w.opt("parent_id", &self.parent_id);
        w.opt("is_exception_group", &self.is_exception_group);
        w.close('}');
    }
}

impl WriteJson for Exception {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.opt("type", &self.ty);
        w.opt("value", &self.value);
        w.opt("mechanism", &self.mechanism);
        w.opt("stacktrace", &self.stacktrace);
        w.close('}');
    }
}

impl WriteJson for Breadcrumb {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("timestamp", &self.timestamp);
        w.opt("type", &self.ty);
        w.opt("category", &self.category);
        w.opt("message", &self.message);
        w.opt("level", &self.level);
        w.opt("data", &self.data);
        w.close('}');
    }
}

impl WriteJson for Request {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.opt("url", &self.url);
        if !self.headers.is_empty() {
            w.field("headers", &self.headers);
        }
        w.close('}');
    }
}

impl WriteJson for Package {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("name", &self.name);
        w.field("version", &self.version);
        w.close('}');
    }
}

impl WriteJson for SdkSettings {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("infer_ip", self.infer_ip);
        w.close('}');
    }
}

impl WriteJson for ClientSdk {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("name", &self.name);
        w.field("version", &self.version);
        if !self.integrations.is_empty() {
            w.field("integrations", &self.integrations);
        }
        if !self.packages.is_empty() {
            w.field("packages", &self.packages);
        }
        w.field("settings", &self.settings);
        w.close('}');
    }
}

impl WriteJson for Event {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("event_id", &self.event_id);
        w.field("timestamp", &self.timestamp);
        w.field("platform", self.platform);
        w.field("level", &self.level);
        w.opt("release", &self.release);
        w.opt("environment", &self.environment);
        w.opt("dist", &self.dist);
        w.opt("transaction", &self.transaction);
        w.opt("message", &self.message);
        w.opt("exception", &self.exception);
        w.opt("breadcrumbs", &self.breadcrumbs);
        w.opt("user", &self.user);
        if !self.tags.is_empty() {
            w.field("tags", &self.tags);
        }
        if !self.contexts.is_empty() {
            w.field("contexts", &self.contexts);
        }
        if !self.extra.is_empty() {
            w.field("extra", &self.extra);
        }
        if !self.fingerprint.is_empty() {
            w.field("fingerprint", &self.fingerprint);
        }
        w.opt("request", &self.request);
        w.opt("sdk", &self.sdk);
        w.close('}');
    }
}
