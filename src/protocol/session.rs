//! The `session` item: one update of a release-health session (PROTOCOL §7).
//!
//! Data only; when a session starts, errs or crashes is decided in `crate::sessions`.

use super::json::{WriteJson, Writer};
use super::time::Rfc3339;
use alloc::string::String;

/// Release and environment of a session. They never change within a session, and Relay drops
/// a session without a release.
#[derive(Clone, Debug)]
pub struct SessionAttrs {
    /// Required.
    pub release: String,
    /// `production` unless set.
    pub environment: Option<String>,
}

/// One session update.
#[derive(Clone, Debug)]
pub struct SessionUpdate {
    /// 32 hex digits, the same for every update of one session.
    pub sid: String,
    /// `true` on the first update of a session only.
    pub init: bool,
    /// When the session began.
    pub started: Rfc3339,
    /// When this update was made.
    pub timestamp: Rfc3339,
    /// `ok`, or the terminal `crashed`.
    pub status: &'static str,
    /// Error events seen in this session.
    pub errors: u32,
    /// Release and environment.
    pub attrs: SessionAttrs,
}

// The wire form: fields in declaration order, absent ones skipped.

impl WriteJson for SessionAttrs {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("release", &self.release);
        w.opt("environment", &self.environment);
        w.close('}');
    }
}

impl WriteJson for SessionUpdate {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("sid", &self.sid);
        w.field("init", &self.init);
        w.field("started", &self.started);
        w.field("timestamp", &self.timestamp);
        w.field("status", self.status);
        w.field("errors", &self.errors);
        w.field("attrs", &self.attrs);
        w.close('}');
    }
}
