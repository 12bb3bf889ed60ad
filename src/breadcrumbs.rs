//! The breadcrumb trail: a bounded ring of what happened before an event.
//!
//! Oldest entries fall off first, so the buffer's memory is bounded however long the page
//! lives (10 000 `console.log`s keep only the newest `max`).

use crate::client::Client;
use crate::protocol::event::Breadcrumb;
use crate::protocol::time::seconds;
use alloc::collections::VecDeque;
use alloc::vec::Vec;

/// The newest `max` breadcrumbs, oldest first.
#[derive(Clone, Debug, Default)]
pub struct Breadcrumbs {
    ring: VecDeque<Breadcrumb>,
    max: usize,
}

impl Breadcrumbs {
    /// An empty trail that keeps at most `max` entries.
    pub fn new(max: usize) -> Self {
        Breadcrumbs {
            ring: VecDeque::new(),
            max,
        }
    }

    /// Appends one, dropping the oldest when full.
    pub fn push(&mut self, crumb: Breadcrumb) {
        if self.max == 0 {
            return;
        }
        while self.ring.len() >= self.max {
            self.ring.pop_front();
        }
        self.ring.push_back(crumb);
    }

    /// The current trail, oldest first.
    pub fn snapshot(&self) -> Vec<Breadcrumb> {
        self.ring.iter().cloned().collect()
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.ring.clear();
    }

    /// Number kept.
    pub fn len(&self) -> usize {
        self.ring.len()
    }

    /// Whether none are kept.
    pub fn is_empty(&self) -> bool {
        self.ring.is_empty()
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
