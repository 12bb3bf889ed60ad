//! Release health: one session per page view, updated when the first error or a crash
//! happens (PROTOCOL §7).
//!
//! A session starts at `init` (and again on each client-side navigation when the shim says
//! so); its first update carries `init: true`. An error event with `handled: false` crashes
//! it, which is terminal. Sessions need a release: without one, none is sent.

use crate::client::Client;
use crate::protocol::event::{Event, Level};
use crate::protocol::json::to_json;
use crate::protocol::session::{SessionAttrs, SessionUpdate};
use crate::protocol::time::Rfc3339;
use alloc::string::String;

/// The page's current session.
#[derive(Clone, Debug)]
pub struct Session {
    sid: String,
    started: f64,
    errors: u32,
    status: &'static str,
}

impl Client {
    /// Starts a new session and sends its first update. Does nothing without a release or
    /// when nothing is sent.
    pub fn start_session(&mut self) {
        if self.options.release.is_none() || !self.is_sending() {
            return;
        }
        let mut b = [0u8; 16];
        self.runtime.fill_random(&mut b);
        self.session = Some(Session {
            sid: crate::ids::uuid_v4(b),
            started: self.runtime.now_ms(),
            errors: 0,
            status: "ok",
        });
        self.send_session(true);
    }

    /// Counts an event against the session: the first error and a crash are sent at once,
    /// later errors only change the count. Messages and warnings do not count.
    pub(crate) fn update_session(&mut self, event: &Event) {
        let Some(s) = &mut self.session else {
            return;
        };
        let Some(ex) = &event.exception else {
            return;
        };
        if s.status != "ok" || !matches!(event.level, Level::Error | Level::Fatal) {
            return;
        }
        let crashed = ex.values.iter().any(|e| {
            e.mechanism
                .as_ref()
                .is_some_and(|m| m.handled == Some(false))
        });
        s.errors = s.errors.saturating_add(1);
        if crashed {
            s.status = "crashed";
        }
        if crashed || s.errors == 1 {
            self.send_session(false);
        }
    }

    fn send_session(&mut self, init: bool) {
        let (Some(s), Some(release), true) =
            (&self.session, &self.options.release, self.url.is_some())
        else {
            return;
        };
        let update = SessionUpdate {
            sid: s.sid.clone(),
            init,
            started: Rfc3339(s.started),
            timestamp: Rfc3339(self.runtime.now_ms()),
            status: s.status,
            errors: s.errors,
            attrs: SessionAttrs {
                release: release.clone(),
                environment: self.options.environment.clone(),
            },
        };
        let Ok(payload) = to_json(&update) else {
            self.discarded.add("internal_sdk_error", "session", 1);
            return;
        };
        self.send_item("session", payload, None);
    }
}
