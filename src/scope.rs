//! The scope: what the app told us about the current user and situation, applied to events.
//!
//! Values set on the scope fill an event's fields only where the event does not set them
//! itself, so data passed to one capture call wins over the global scope.

use crate::breadcrumbs::Breadcrumbs;
use crate::protocol::event::{Event, Level, Values};
use crate::protocol::json::RawJson;
use crate::protocol::map::Map;
use alloc::string::String;
use alloc::vec::Vec;

/// User, tags, contexts, extras, fingerprint, level and breadcrumbs.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// `setUser`; `None` clears.
    pub user: Option<RawJson>,
    /// `setTag`.
    pub tags: Map<String>,
    /// `setContext`.
    pub contexts: Map<RawJson>,
    /// `setExtra`.
    pub extra: Map<RawJson>,
    /// `setFingerprint`.
    pub fingerprint: Vec<String>,
    /// `setLevel`: overrides every event's level.
    pub level: Option<Level>,
    /// `setTransactionName`.
    pub transaction: Option<String>,
    /// The trail.
    pub breadcrumbs: Breadcrumbs,
}

impl Scope {
    /// An empty scope keeping `max_breadcrumbs`.
    pub fn new(max_breadcrumbs: usize) -> Self {
        Scope {
            breadcrumbs: Breadcrumbs::new(max_breadcrumbs),
            ..Default::default()
        }
    }

    /// Fills `event` from this scope.
    pub fn apply(&self, event: &mut Event) {
        if event.user.is_none() {
            event.user.clone_from(&self.user);
        }
        event.tags.fill_from(&self.tags);
        event.contexts.fill_from(&self.contexts);
        event.extra.fill_from(&self.extra);
        if event.fingerprint.is_empty() {
            event.fingerprint.clone_from(&self.fingerprint);
        }
        if let Some(level) = self.level {
            event.level = level;
        }
        if event.transaction.is_none() {
            event.transaction.clone_from(&self.transaction);
        }
        if event.breadcrumbs.is_none() && !self.breadcrumbs.is_empty() {
            event.breadcrumbs = Some(Values {
                values: self.breadcrumbs.snapshot(),
            });
        }
    }
}
