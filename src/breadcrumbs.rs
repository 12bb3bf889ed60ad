//! The breadcrumb trail: a bounded list of what happened before an event.
//!
//! Oldest entries fall off first, so the buffer's memory is bounded however long the page
//! lives (10 000 `console.log`s keep only the newest `max`).

use crate::client::Client;
use crate::protocol::event::Breadcrumb;
use crate::protocol::time::seconds;
use alloc::vec::Vec;

/// The newest `max` breadcrumbs, oldest first. A `Vec` rather than a `VecDeque`: shifting a
/// hundred entries on push costs nothing noticeable, and the deque's code was 1 KB of Wasm.
#[derive(Clone, Debug, Default)]
pub struct Breadcrumbs {
    trail: Vec<Breadcrumb>,
    max: usize,
}

impl Breadcrumbs {
    /// An empty trail that keeps at most `max` entries.
    pub fn new(max: usize) -> Self {
        Breadcrumbs {
            trail: Vec::new(),
            max,
        }
    }

    /// Appends one, dropping the oldest when full.
    pub fn push(&mut self, crumb: Breadcrumb) {
        if self.max == 0 {
            return;
        }
        while self.trail.len() >= self.max {
            crate::sort::remove_at(&mut self.trail, 0);
        }
        self.trail.push(crumb);
    }

    /// The current trail, oldest first.
    pub fn snapshot(&self) -> Vec<Breadcrumb> {
        self.trail.clone()
    }

    /// The trail itself, leaving this one empty until [`Breadcrumbs::take_back`].
    pub fn lend(&mut self) -> Vec<Breadcrumb> {
        core::mem::take(&mut self.trail)
    }

    /// Takes back the trail [`Breadcrumbs::lend`] gave out (nothing is added meanwhile: lending
    /// and taking back happen within one call of the core).
    pub fn take_back(&mut self, trail: Vec<Breadcrumb>) {
        if self.trail.is_empty() {
            self.trail = trail;
        }
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.trail.clear();
    }

    /// Number kept.
    pub fn len(&self) -> usize {
        self.trail.len()
    }

    /// Whether none are kept.
    pub fn is_empty(&self) -> bool {
        self.trail.is_empty()
    }
}

impl Client {
    /// Adds `crumb` to the page's trail, stamped with the current time when it has none.
    /// A disabled client keeps nothing.
    pub fn add_breadcrumb(&mut self, mut crumb: Breadcrumb) {
        if !self.options.enabled {
            return;
        }
        if crumb.timestamp <= 0.0 {
            crumb.timestamp = seconds(self.runtime.now_ms());
        }
        self.scope.breadcrumbs.push(crumb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest() {
        let mut b = Breadcrumbs::new(3);
        for i in 0..10 {
            b.push(Breadcrumb {
                timestamp: f64::from(i),
                ..Default::default()
            });
        }
        let ts: Vec<f64> = b.snapshot().iter().map(|c| c.timestamp).collect();
        assert_eq!(ts, vec![7.0, 8.0, 9.0]);
    }
}
