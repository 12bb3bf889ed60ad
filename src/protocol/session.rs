//! The `session` item: one update of a release-health session (PROTOCOL §7).
//!
//! Data only; when a session starts, errs or crashes is decided in `crate::sessions`.

use super::time::Rfc3339;
use alloc::string::String;
use serde::Serialize;

/// Release and environment of a session. They never change within a session, and Relay drops
/// a session without a release.
#[derive(Clone, Debug, Serialize)]
pub struct SessionAttrs {
    /// Required.
    pub release: String,
    /// `production` unless set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
}

/// One session update.
#[derive(Clone, Debug, Serialize)]
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
