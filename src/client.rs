//! The capture pipeline, as one sequence: facts in, envelope out, every drop counted.
//!
//! `capture` → sample → build the event (ids, time, exceptions, request, SDK) → apply the
//! scope → serialize → frame → hand to the runtime to send. Each step is a few lines; a step
//! that drops the event records why in the client report.

use crate::filters::Filters;
use crate::ids::uuid_v4;
use crate::options::Options;
use crate::protocol::client_report::ClientReport;
use crate::protocol::dsn::{Dsn, ParseDsnError};
use crate::protocol::event::{
    ClientSdk, Event, Exception, Frame, Level, Mechanism, Package, Request, SdkSettings,
    Stacktrace, Values,
};
use crate::protocol::json::{to_json, RawJson};
use crate::protocol::map::Map;
use crate::protocol::time::seconds;
use crate::runtime::Runtime;
use crate::scope::Scope;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// What is known about one error in a chain, before any parsing.
#[derive(Clone, Debug, Default)]
pub struct ErrorFacts {
    /// Class name (`TypeError`), if the thrown value had one.
    pub ty: Option<String>,
    /// Message.
    pub value: Option<String>,
    /// The raw `Error.stack` string, parsed in the core.
    pub stack: Option<String>,
    /// Frames already known (a React component stack, a Rust panic location); used instead of
    /// `stack` when set.
    pub frames: Option<Vec<Frame>>,
    /// The thrown value was not an `Error` (a string, a plain object).
    pub synthetic: bool,
}

/// One capture request: the thrown error first, then its causes.
#[derive(Clone, Debug, Default)]
pub struct Capture {
    /// An id minted by the caller (the shim returns it synchronously); a fresh one if absent
    /// or not 32 hex digits.
    pub event_id: Option<String>,
    /// Thrown error first, then `cause`, `cause.cause`, …; empty for a message.
    pub errors: Vec<ErrorFacts>,
    /// How the thrown error was caught.
    pub mechanism: Option<Mechanism>,
    /// For `captureMessage`.
    pub message: Option<String>,
    /// Severity; `error` for exceptions, `info` for messages when unset.
    pub level: Option<Level>,
    /// Per-capture tags, winning over the scope's.
    pub tags: Map<String>,
    /// Per-capture extras.
    pub extra: Map<RawJson>,
    /// Per-capture contexts.
    pub contexts: Map<RawJson>,
    /// Per-capture fingerprint.
    pub fingerprint: Vec<String>,
}

/// The client: options, scope, destination and the runtime it sends through.
///
/// Each capability adds its own `impl Client` block in its own module (tracing, transport…),
/// so the fields are crate-visible.
pub struct Client {
    pub(crate) options: Options,
    pub(crate) url: Option<String>,
    pub(crate) runtime: Box<dyn Runtime>,
    /// The scope applied to every event.
    pub scope: Scope,
    /// `ignoreErrors`, `denyUrls`, `allowUrls`, dedupe (`crate::filters`).
    pub filters: Filters,
    /// Drops counted since the last client report.
    pub discarded: ClientReport,
    pub(crate) last_event_id: Option<String>,
    pub(crate) trace_id: String,
    pub(crate) next_request: u32,
    /// Envelopes waiting or in flight (`crate::transport`).
    pub(crate) outbox: crate::outbox::Outbox,
    /// Deadlines the server set (`crate::ratelimit`).
    pub(crate) limits: crate::ratelimit::RateLimits,
    /// The current trace's sampling decision, name and active span (`crate::tracing`).
    pub(crate) tracing: crate::tracing::Tracing,
    /// The release-health session of this page view (`crate::sessions`).
    pub(crate) session: Option<crate::sessions::Session>,
}

impl Client {
    /// Builds a client. A bad DSN or option is reported once through the runtime's console,
    /// and the client then runs without sending: the app never sees an exception.
    pub fn new(mut options: Options, runtime: Box<dyn Runtime>) -> Client {
        options.sanitize(|w| log(&*runtime, w));
        // `parse` trims, and names an empty DSN as such: that is the one without a message.
        let url = match options.dsn.as_deref().map(Dsn::parse) {
            None | Some(Err(ParseDsnError::Empty)) => {
                if options.debug {
                    log(&*runtime, "no DSN given; events are not sent");
                }
                None
            }
            Some(Ok(d)) => Some(match &options.tunnel {
                Some(t) => t.clone(),
                None => {
                    let mut client = options.sdk_name.clone();
                    client.push('/');
                    client.push_str(&options.sdk_version);
                    d.envelope_url(&client)
                }
            }),
            Some(Err(e)) => {
                let mut msg = String::from("invalid DSN, events will not be sent: ");
                msg.push_str(e.describe());
                log(&*runtime, &msg);
                None
            }
        };
        let mut trace = [0u8; 16];
        runtime.fill_random(&mut trace);
        Client {
            scope: Scope::new(options.max_breadcrumbs),
            filters: Filters::default(),
            options,
            url,
            runtime,
            discarded: ClientReport::default(),
            last_event_id: None,
            trace_id: crate::ids::hex(&trace),
            next_request: 0,
            outbox: Default::default(),
            limits: Default::default(),
            tracing: Default::default(),
            session: None,
        }
    }

    /// Envelopes queued or in flight; `flush` waits for zero.
    pub fn pending(&self) -> u32 {
        self.outbox.len() as u32
    }

    /// The options in force.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Whether events leave the page (enabled and a valid DSN).
    pub fn is_sending(&self) -> bool {
        self.options.enabled && self.url.is_some()
    }

    /// The id of the last event sent, for user feedback or support tickets. Not kept in the npm
    /// build: the shim answers `lastEventId()` itself, and nothing there asks the core.
    pub fn last_event_id(&self) -> Option<&str> {
        self.last_event_id.as_deref()
    }

    /// Runs the pipeline for one capture. Returns the event id, also when the event was
    /// dropped by sampling (as `@sentry/browser` does, so UI showing it still works).
    pub fn capture(&mut self, mut capture: Capture) -> String {
        let event_id = match capture.event_id.take() {
            Some(id) if crate::ids::is_hex(&id, 32) => id,
            _ => self.new_id(),
        };
        if let Some(event) = self.process(capture, event_id.clone()) {
            self.send_event(&event);
            self.scope.take_back(event);
        }
        event_id
    }

    /// Every step before sending: sampling, building, the scope, filters. `None` when the event
    /// was dropped (and counted). `beforeSend` runs between this and sending (`prepare`). The
    /// event borrows the scope's breadcrumb trail: hand it to [`Scope::take_back`] when done.
    pub fn process(&mut self, capture: Capture, event_id: String) -> Option<Event> {
        if !self.options.enabled {
            return None;
        }
        if self.options.sample_rate < 1.0 && self.random_unit() >= self.options.sample_rate {
            self.discarded.add("sample_rate", "error", 1);
            return None;
        }
        let mut event = self.build_event(capture, event_id);
        self.scope.apply(&mut event);
        crate::acceptable::make_acceptable(&mut event);
        if self.filtered_out(&event) {
            self.scope.take_back(event);
            return None;
        }
        self.update_session(&event);
        Some(event)
    }

    /// Turns capture facts into an event, without the scope.
    pub fn build_event(&self, c: Capture, event_id: String) -> Event {
        let is_message = c.errors.is_empty();
        let exception = if is_message {
            None
        } else {
            Some(Values {
                values: exceptions(c.errors, c.mechanism),
            })
        };
        let mut event = Event {
            event_id,
            timestamp: seconds(self.runtime.now_ms()),
            platform: "javascript",
            level: c.level.unwrap_or(if is_message {
                Level::Info
            } else {
                Level::Error
            }),
            release: self.options.release.clone(),
            environment: Some(self.environment().into()),
            dist: self.options.dist.clone(),
            transaction: None,
            message: c.message,
            exception,
            breadcrumbs: None,
            user: None,
            tags: c.tags,
            contexts: c.contexts,
            extra: c.extra,
            fingerprint: c.fingerprint,
            request: Some(self.request()),
            sdk: Some(self.sdk()),
        };
        if !event.contexts.contains("trace") {
            event.contexts.insert("trace", self.trace_context());
        }
        event
    }

    /// Serializes, frames and sends a finished event.
    pub fn send_event(&mut self, event: &Event) {
        let Ok(payload) = to_json(event) else {
            self.discarded.add("internal_sdk_error", "error", 1);
            return;
        };
        self.send_payload(&event.event_id, payload);
    }

    /// Frames and sends an event already serialized (by `send_event`, or by the shim after
    /// `beforeSend`); `event_id` must be the payload's.
    pub fn send_payload(&mut self, event_id: &str, payload: String) {
        if self.url.is_none() {
            return;
        }
        #[cfg(not(all(target_arch = "wasm32", not(feature = "std"))))]
        {
            self.last_event_id = Some(event_id.into());
        }
        self.send_item("event", payload, Some(event_id.into()));
    }

    pub(crate) fn request(&self) -> Request {
        let (url, ua) = self.runtime.page();
        let mut headers = Map::new();
        if let Some(ua) = ua {
            headers.insert("User-Agent", ua);
        }
        Request { url, headers }
    }

    pub(crate) fn sdk(&self) -> ClientSdk {
        ClientSdk {
            name: self.options.sdk_name.clone(),
            version: self.options.sdk_version.clone(),
            integrations: self.options.integrations.clone(),
            packages: vec![Package {
                name: self.options.sdk_package.into(),
                version: self.options.sdk_version.clone(),
            }],
            settings: SdkSettings {
                infer_ip: if self.options.send_default_pii {
                    "auto"
                } else {
                    "never"
                },
            },
        }
    }

    fn new_id(&self) -> String {
        let mut b = [0u8; 16];
        self.runtime.fill_random(&mut b);
        uuid_v4(b)
    }

    /// A uniform number in [0, 1) from the secure source.
    pub(crate) fn random_unit(&self) -> f64 {
        let mut b = [0u8; 4];
        self.runtime.fill_random(&mut b);
        f64::from(u32::from_le_bytes(b)) / 4_294_967_296.0
    }
}

/// Logs one line with the SDK's prefix.
pub(crate) fn log(runtime: &dyn Runtime, msg: &str) {
    let mut s = String::from("[faultline] ");
    s.push_str(msg);
    runtime.log(&s);
}

/// Orders a chain (thrown first) as Sentry wants it: causes first, thrown error last, with
/// linked-error ids when there is more than one.
fn exceptions(errors: Vec<ErrorFacts>, mut mechanism: Option<Mechanism>) -> Vec<Exception> {
    let linked = errors.len() > 1;
    let mut out: Vec<Exception> = Vec::new();
    for (id, e) in (0u32..6).zip(errors) {
        let frames = match e.frames {
            Some(f) => f,
            None => e
                .stack
                .as_deref()
                .map(crate::stack::parse)
                .unwrap_or_default(),
        };
        let mut m = match id.checked_sub(1) {
            None => mechanism.take().unwrap_or_else(|| Mechanism {
                ty: "generic".into(),
                handled: Some(true),
                synthetic: None,
                source: None,
                exception_id: None,
                parent_id: None,
                is_exception_group: None,
            }),
            Some(parent) => Mechanism {
                ty: "chained".into(),
                handled: None,
                synthetic: None,
                source: Some("cause".into()),
                exception_id: None,
                parent_id: Some(parent),
                is_exception_group: None,
            },
        };
        if e.synthetic {
            m.synthetic = Some(true);
        }
        if linked {
            m.exception_id = Some(id);
        }
        out.push(Exception {
            ty: e.ty,
            value: e.value,
            mechanism: Some(m),
            stacktrace: if frames.is_empty() {
                None
            } else {
                Some(Stacktrace { frames })
            },
        });
    }
    crate::sort::reverse(&mut out);
    out
}
