//! Client reports: how many items the SDK discarded, by reason and category.
//!
//! Nothing is dropped silently: every drop in the pipeline or the transport is counted here
//! and reported to the server in a `client_report` item when the page is hidden.

use super::json::{WriteJson, Writer};
use alloc::vec::Vec;

/// One counter: `quantity` items of `category` discarded for `reason`.
#[derive(Clone, Debug, PartialEq)]
pub struct DiscardedEvent {
    /// `sample_rate`, `before_send`, `ratelimit_backoff`, `network_error`, `queue_overflow`…
    pub reason: &'static str,
    /// `error`, `transaction`, `session`…
    pub category: &'static str,
    /// How many.
    pub quantity: u32,
}

/// The `client_report` payload.
#[derive(Clone, Debug, Default)]
pub struct ClientReport {
    /// Seconds since the epoch.
    pub timestamp: f64,
    /// The counters; empty reports are not sent.
    pub discarded_events: Vec<DiscardedEvent>,
}

impl ClientReport {
    /// Adds `n` to the counter for `(reason, category)`.
    pub fn add(&mut self, reason: &'static str, category: &'static str, n: u32) {
        match self
            .discarded_events
            .iter_mut()
            .find(|d| d.reason == reason && d.category == category)
        {
            Some(d) => d.quantity = d.quantity.saturating_add(n),
            None => self.discarded_events.push(DiscardedEvent {
                reason,
                category,
                quantity: n,
            }),
        }
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.discarded_events.is_empty()
    }

    /// The total for `reason` across categories (handy for tests and `debug` logs).
    pub fn count(&self, reason: &str) -> u32 {
        self.discarded_events
            .iter()
            .filter(|d| d.reason == reason)
            .map(|d| d.quantity)
            .sum()
    }
}

// The wire form: fields in declaration order.

impl WriteJson for DiscardedEvent {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("reason", self.reason);
        w.field("category", self.category);
        w.field("quantity", &self.quantity);
        w.close('}');
    }
}

impl WriteJson for ClientReport {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("timestamp", &self.timestamp);
        w.field("discarded_events", &self.discarded_events);
        w.close('}');
    }
}
