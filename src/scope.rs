//! The scope: what the app told us about the current user and situation, applied to events.
//!
//! Values set on the scope fill an event's fields only where the event does not set them
//! itself, so data passed to one capture call wins over the global scope.
//!
//! `withScope` is a stack: [`Scope::push`] saves a copy of the current values and
//! [`Scope::pop`] restores it, so what a callback sets applies only to events captured inside
//! it. The breadcrumb trail is not part of the copy: like `@sentry/browser`'s isolation scope it
//! is one per page, and a click recorded inside a callback stays on the trail.

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
    /// Values saved by `push`, innermost last.
    saved: Vec<Scope>,
}

/// Deeper `withScope` nesting than this is a bug in the app (a push without a pop); the outermost
/// saved scope is then forgotten rather than growing without bound.
const MAX_DEPTH: usize = 64;

impl Scope {
    /// An empty scope keeping `max_breadcrumbs`.
    pub fn new(max_breadcrumbs: usize) -> Self {
        Scope {
            user: None,
            tags: Map::new(),
            contexts: Map::new(),
            extra: Map::new(),
            fingerprint: Vec::new(),
            level: None,
            transaction: None,
            breadcrumbs: Breadcrumbs::new(max_breadcrumbs),
            saved: Vec::new(),
        }
    }

    /// A copy of the values, without the trail and the saved stack.
    fn values(&self) -> Scope {
        Scope {
            user: self.user.clone(),
            tags: self.tags.clone(),
            contexts: self.contexts.clone(),
            extra: self.extra.clone(),
            fingerprint: self.fingerprint.clone(),
            level: self.level,
            transaction: self.transaction.clone(),
            breadcrumbs: Breadcrumbs::new(0),
            saved: Vec::new(),
        }
    }

    /// Enters a `withScope` callback: later changes are undone by the matching [`Scope::pop`].
    pub fn push(&mut self) {
        if self.saved.len() >= MAX_DEPTH {
            self.saved.remove(0);
        }
        let copy = self.values();
        self.saved.push(copy);
    }

    /// Leaves a `withScope` callback, restoring the values saved by the matching `push`; the trail
    /// is kept. Without a matching push, nothing changes.
    pub fn pop(&mut self) {
        if let Some(outer) = self.saved.pop() {
            let trail = core::mem::take(&mut self.breadcrumbs);
            let saved = core::mem::take(&mut self.saved);
            *self = outer;
            self.breadcrumbs = trail;
            self.saved = saved;
        }
    }

    /// Fills `event` from this scope.
    pub fn apply(&self, event: &mut Event) {
        // Assignments, not `clone_from`: its length checks link a formatting panic.
        if event.user.is_none() {
            event.user = self.user.clone();
        }
        event.tags.fill_from(&self.tags);
        event.contexts.fill_from(&self.contexts);
        event.extra.fill_from(&self.extra);
        if event.fingerprint.is_empty() {
            event.fingerprint = self.fingerprint.clone();
        }
        if let Some(level) = self.level {
            event.level = level;
        }
        if event.transaction.is_none() {
            event.transaction = self.transaction.clone();
        }
        if event.breadcrumbs.is_none() && !self.breadcrumbs.is_empty() {
            event.breadcrumbs = Some(Values {
                values: self.breadcrumbs.snapshot(),
            });
        }
    }
}
