//! The Sentry wire format: DSN, event types, envelopes, and the JSON writer behind them.
//!
//! Data and serialization only: no I/O, no policy, no `web_sys` and no `JsValue` in here, so
//! every type can be built and checked in native tests.

pub mod client_report;
pub mod dsn;
pub mod envelope;
pub mod event;
pub mod json;
#[cfg(feature = "std")]
pub mod json_serde;
pub mod map;
pub mod session;
pub mod time;
pub mod transaction;
