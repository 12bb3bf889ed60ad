//! The outbox: envelopes waiting to be sent, and the decisions about them.
//!
//! Decisions only, time passed in: which entry goes next, whether it may ride a `keepalive`
//! request, when a failed one is retried. The client performs the I/O (`crate::transport`).
//! Bounds: [`MAX_ENTRIES`] envelopes and [`MAX_BYTES`] bytes; the caller counts what does not
//! fit as `queue_overflow`. Requests in flight are capped at [`MAX_IN_FLIGHT`], so a burst of a
//! thousand errors is paced, not dropped. The decisions read an entry's metadata only: its body
//! is usually held by the runtime (`crate::runtime::Runtime::hold`), outside Wasm memory.

use alloc::string::String;
use alloc::vec::Vec;

/// Most envelopes kept, queued and in flight together. Twice a burst of a thousand errors: the
/// burst is captured in one task, before anything is sent, and must fit beside what is already
/// waiting or in flight (a transaction whose answer has not come back, a session update). The
/// bodies are held outside Wasm memory and [`MAX_BYTES`] bounds them, so an entry costs the
/// core only its metadata.
pub const MAX_ENTRIES: usize = 2000;
/// Most envelope bytes kept.
pub const MAX_BYTES: usize = 8 << 20;
/// Requests in flight at once in normal operation.
pub const MAX_IN_FLIGHT: usize = 8;
/// Keepalive bodies in flight may not exceed this (the fetch spec allows 64 KiB in total).
pub const KEEPALIVE_BYTES: usize = 60_000;
/// Keepalive requests in flight at once (Chromium refuses more than a few dozen).
pub const KEEPALIVE_REQUESTS: usize = 15;
/// Failed attempts after which an envelope is given up (and counted).
pub const MAX_ATTEMPTS: u32 = 10;

/// One framed envelope and what is known about its delivery.
#[derive(Clone, Debug)]
pub struct Entry {
    /// A random key, unique across page loads: its name in persistent storage.
    pub key: String,
    /// The envelope as written (its `sent_at` is restamped at each attempt), unless the runtime
    /// holds it.
    pub body: Option<String>,
    /// The envelope's length in bytes.
    pub len: usize,
    /// Rate-limit category of the first item.
    pub category: &'static str,
    /// Failed attempts so far.
    pub attempts: u32,
    /// Not to be sent before this time (ms since the epoch).
    pub not_before: f64,
    /// Request id while in flight, 0 otherwise.
    pub request: u32,
    /// Whether the request in flight was sent with `keepalive` (it outlives the page).
    pub keepalive: bool,
    /// Whether a copy is in persistent storage.
    pub persisted: bool,
}

impl Entry {
    /// A fresh entry, due now.
    pub fn new(key: String, body: String, category: &'static str) -> Entry {
        Entry {
            key,
            len: body.len(),
            body: Some(body),
            category,
            attempts: 0,
            not_before: 0.0,
            request: 0,
            keepalive: false,
            persisted: false,
        }
    }
}

/// The bounded queue.
#[derive(Debug, Default)]
pub struct Outbox {
    /// Oldest first.
    pub entries: Vec<Entry>,
    /// When the last page-hide flush started (ms); `visibilitychange` and `pagehide` both
    /// fire on unload, and the second must not send again what the first could not.
    pub last_flush: f64,
    /// Per-issue counts for the optional storm cap (`crate::storm`), applied when queueing.
    pub storm: crate::storm::Storm,
}

impl Outbox {
    /// Envelopes kept, queued or in flight.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Bytes kept.
    pub fn bytes(&self) -> usize {
        let mut n = 0;
        for e in &self.entries {
            n += e.len;
        }
        n
    }

    /// Whether an entry with `key` is kept.
    pub fn contains(&self, key: &str) -> bool {
        self.entries.iter().any(|e| e.key == key)
    }

    /// Adds `entry` (last) unless a bound would be crossed; gives it back then, so the caller
    /// can count it.
    pub fn push(&mut self, entry: Entry) -> Result<(), Entry> {
        if !self.fits(entry.len) {
            return Err(entry);
        }
        self.entries.push(entry);
        Ok(())
    }

    /// Whether one more envelope of `len` bytes stays within the bounds.
    pub fn fits(&self, len: usize) -> bool {
        self.entries.len() < MAX_ENTRIES && self.bytes() + len <= MAX_BYTES
    }

    /// Requests in flight.
    pub fn in_flight(&self) -> usize {
        let mut n = 0;
        for e in &self.entries {
            n += usize::from(e.request != 0);
        }
        n
    }

    /// The oldest entry that may be sent at `now` while at most `limit` requests are in flight.
    pub fn next_due(&mut self, now: f64, limit: usize) -> Option<&mut Entry> {
        if self.in_flight() >= limit {
            return None;
        }
        self.entries
            .iter_mut()
            .find(|e| e.request == 0 && e.not_before <= now)
    }

    /// Whether a body of `len` bytes may go out with `keepalive` beside those in flight.
    pub fn keepalive_fits(&self, len: usize) -> bool {
        let (mut n, mut bytes) = (0, 0);
        for e in &self.entries {
            if e.request != 0 && e.keepalive {
                n += 1;
                bytes += e.len;
            }
        }
        n < KEEPALIVE_REQUESTS && bytes + len <= KEEPALIVE_BYTES
    }

    /// Removes and returns the entry whose request is `request`.
    pub fn take(&mut self, request: u32) -> Option<Entry> {
        let i = self.entries.iter().position(|e| e.request == request)?;
        self.remove(i)
    }

    /// Removes and returns the entry at `index`, if there is one.
    pub fn remove(&mut self, index: usize) -> Option<Entry> {
        crate::sort::remove_at(&mut self.entries, index)
    }

    /// The earliest time a waiting entry becomes due, if any waits.
    pub fn next_wake(&self) -> Option<f64> {
        let mut wake: Option<f64> = None;
        for e in &self.entries {
            if e.request == 0 {
                wake = Some(wake.map_or(e.not_before, |w| w.min(e.not_before)));
            }
        }
        wake
    }
}

/// Delay before attempt `attempts + 1`: 1 s doubling to a 60 s cap, times a jitter factor in
/// [0.5, 1) from `random` (a uniform number in [0, 1)) so that many pages recovering from the
/// same outage do not retry in lockstep.
pub fn backoff_ms(attempts: u32, random: f64) -> f64 {
    let base = 1000.0 * f64::from(1u32 << attempts.saturating_sub(1).min(6));
    base.min(60_000.0) * (0.5 + random.clamp(0.0, 1.0) / 2.0)
}

/// Replaces the `sent_at` value of a framed envelope with `stamp` (same length, 24 bytes), so
/// a retried envelope tells the server when it really left. Returns whether it was found.
pub fn restamp(body: &mut String, stamp: &str) -> bool {
    let head = crate::text::until_any(body, b"\n");
    let Some(start) = end_of(head, "\"sent_at\":\"") else {
        return false;
    };
    let end = start.saturating_add(stamp.len());
    let (Some(before), Some(after)) = (body.get(..start), body.get(end..)) else {
        return false;
    };
    if !after.starts_with("\"") {
        return false;
    }
    let mut out = String::with_capacity(body.len());
    out.push_str(before);
    out.push_str(stamp);
    out.push_str(after);
    *body = out;
    true
}

/// The rate-limit category of a framed envelope's first item, read from its header line.
pub fn category_of_body(body: &str) -> &'static str {
    // The first item's header starts the second line, `{"type":"…"` (`Envelope::to_bytes`);
    // the header line before it holds no raw line break.
    let ty = body
        .get(end_of(body, "\n{\"type\":\"").unwrap_or(body.len())..)
        .map_or("", |r| crate::text::until_any(r, b"\""));
    crate::protocol::envelope::category_of(ty)
}

/// Where the first `key` in `text` ends.
fn end_of(text: &str, key: &str) -> Option<usize> {
    crate::text::find(text, key)?.checked_add(key.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn entry(key: &str, len: usize) -> Entry {
        Entry::new(key.into(), "x".repeat(len), "error")
    }

    #[test]
    fn bounds_count_bytes_and_keys() {
        let mut o = Outbox::default();
        for i in 0..MAX_ENTRIES {
            assert!(o.push(entry(&i.to_string(), 10)).is_ok());
        }
        assert!(o.push(entry("one more", 10)).is_err());
        let mut o = Outbox::default();
        assert!(o.push(entry("a", MAX_BYTES - 5)).is_ok());
        assert!(o.push(entry("b", 6)).is_err());
        assert!(o.contains("a") && !o.contains("b"));
    }

    #[test]
    fn paces_and_budgets_keepalive() {
        let mut o = Outbox::default();
        for i in 0..20 {
            o.push(entry(&i.to_string(), 5_000)).unwrap();
        }
        let mut sent = 0;
        while let Some(e) = o.next_due(0.0, 4) {
            sent += 1;
            e.request = sent;
            e.keepalive = true;
        }
        assert_eq!(sent, 4);
        assert!(o.keepalive_fits(40_000));
        assert!(!o.keepalive_fits(40_001));
        assert_eq!(o.take(2).map(|e| e.key), Some("1".into()));
        assert!(o.take(2).is_none());
    }

    #[test]
    fn backoff_doubles_to_a_cap_with_jitter() {
        assert_eq!(backoff_ms(1, 0.0), 500.0);
        assert_eq!(backoff_ms(1, 0.5), 750.0);
        assert_eq!(backoff_ms(3, 0.0), 2_000.0);
        assert_eq!(backoff_ms(50, 0.0), 30_000.0);
        assert!(backoff_ms(50, 1.0) <= 60_000.0);
    }

    #[test]
    fn restamps_and_reads_category() {
        let mut b = String::from(
            "{\"sent_at\":\"2026-11-24T08:55:30.131Z\",\"sdk\":{}}\n{\"type\":\"transaction\",\"length\":2}\n{}\n",
        );
        assert!(restamp(&mut b, "2026-11-24T09:00:00.000Z"));
        assert!(b.starts_with("{\"sent_at\":\"2026-11-24T09:00:00.000Z\",\"sdk\""));
        assert_eq!(category_of_body(&b), "transaction");
        assert_eq!(
            category_of_body("{}\n{\"type\":\"event\",\"length\":2}\n{}\n"),
            "error"
        );
        assert_eq!(category_of_body("{}"), "default");
        assert_eq!(category_of_body("{}\n{\"length\":2}\n{}\n"), "default");
        assert!(!restamp(
            &mut String::from("{}"),
            "2026-11-24T09:00:00.000Z"
        ));
    }
}
