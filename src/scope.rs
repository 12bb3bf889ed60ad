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

/// What `withScope` saves and restores: everything but the trail.
#[derive(Clone, Debug, Default)]
pub struct ScopeValues {
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
}

/// The values (reached through `Deref`: `scope.tags`), the trail, and the `withScope` stack.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    values: ScopeValues,
    /// The trail.
    pub breadcrumbs: Breadcrumbs,
    /// Values saved by `push`, innermost last.
    saved: Vec<ScopeValues>,
    /// `push`es past [`MAX_DEPTH`] not saved, whose `pop`s restore nothing.
    unsaved: u32,
}

impl core::ops::Deref for Scope {
    type Target = ScopeValues;
    fn deref(&self) -> &ScopeValues {
        &self.values
    }
}

impl core::ops::DerefMut for Scope {
    fn deref_mut(&mut self) -> &mut ScopeValues {
        &mut self.values
    }
}

/// Saved scopes kept at most, so a push without a pop cannot grow memory without bound; callbacks
/// nested deeper share the scope of the deepest one saved, which its own `pop` restores.
const MAX_DEPTH: usize = 64;

impl Scope {
    /// An empty scope keeping `max_breadcrumbs`.
    pub fn new(max_breadcrumbs: usize) -> Self {
        Scope {
            values: ScopeValues::default(),
            breadcrumbs: Breadcrumbs::new(max_breadcrumbs),
            saved: Vec::new(),
            unsaved: 0,
        }
    }

    /// Enters a `withScope` callback: later changes are undone by the matching [`Scope::pop`].
    pub fn push(&mut self) {
        if self.saved.len() >= MAX_DEPTH {
            self.unsaved = self.unsaved.saturating_add(1);
        } else {
            self.saved.push(self.values.clone());
        }
    }

    /// Leaves a `withScope` callback, restoring the values saved by the matching `push`; the trail
    /// is kept. Without a matching push, nothing changes.
    pub fn pop(&mut self) {
        if self.unsaved > 0 {
            self.unsaved -= 1;
        } else if let Some(outer) = self.saved.pop() {
            self.values = outer;
        }
    }

    /// Fills `event` from this scope. The trail is lent, not copied: the event carries it until
    /// [`Scope::take_back`] (a copy of every breadcrumb per event cost more Wasm than this).
    pub fn apply(&mut self, event: &mut Event) {
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
        if event.breadcrumbs.is_none() && !self.breadcrumbs.is_empty() {
            event.breadcrumbs = Some(Values {
                values: self.breadcrumbs.lend(),
            });
        }
    }

    /// Takes back the trail [`Scope::apply`] lent to `event`, which is done with it.
    pub fn take_back(&mut self, event: Event) {
        if let Some(b) = event.breadcrumbs {
            self.breadcrumbs.take_back(b.values);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_past_the_bound_restores_every_saved_level() {
        let mut s = Scope::new(0);
        for depth in 0..MAX_DEPTH + 6 {
            s.tags
                .insert("depth", String::from(if depth == 0 { "0" } else { "n" }));
            s.push();
        }
        assert_eq!(s.saved.len(), MAX_DEPTH);
        for _ in 0..MAX_DEPTH + 6 {
            s.pop();
        }
        assert_eq!(s.tags.get("depth").map(String::as_str), Some("0"));
        s.pop();
        assert_eq!(s.tags.get("depth").map(String::as_str), Some("0"));
    }
}
