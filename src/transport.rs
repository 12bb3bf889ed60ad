//! Delivery: envelopes into the outbox, out to the network, and what the answers mean.
//!
//! Every envelope the client sends passes `Client::send_item`: an item in a rate-limited
//! category is dropped and counted, its payload goes through the scrubber once, the envelope
//! is framed and queued. [`Client::drain`] sends what is due (at most
//! [`MAX_IN_FLIGHT`] requests at a time, `keepalive` while the budget allows), and
//! [`Client::on_response`] retries network failures and 5xx with backoff, keeps the server's rate
//! limits, and counts every loss. Envelopes that wait are persisted so the next page load sends
//! them; [`Client::on_hidden`] is the last chance before the page goes away. The runtime holds
//! the queued bodies where it can (`Runtime::hold`); the outbox keeps their metadata and makes
//! every decision, and tells the runtime when it is done with one (`Runtime::forget`).

use crate::client::{log, Client};
use crate::outbox::{backoff_ms, category_of_body, Entry, MAX_ATTEMPTS, MAX_IN_FLIGHT};
use crate::protocol::envelope::{category_of, Envelope, Item, SdkInfo};
use crate::protocol::json::to_json;
use crate::protocol::time::seconds;
use crate::scrub::{scrub_json, Rules};
use alloc::string::String;
use alloc::vec;

/// The largest event or transaction item Relay accepts is 1 MiB; stay clear of it.
const MAX_ITEM: usize = 1_000_000;

impl Client {
    /// The payload after scrubbing and length limits, shortened further if it would still be
    /// over the server's item limit; `None` if it cannot be made to fit.
    fn scrubbed(&self, payload: &str) -> Option<String> {
        let o = &self.options;
        let mut rules = Rules {
            secrets: o.scrub,
            emails: o.scrub && o.scrub_emails,
            query: !o.send_default_pii,
            patterns: &o.scrub_patterns,
            max_len: o.max_value_length,
        };
        let mut out = scrub_json(payload, &rules);
        while out.len() > MAX_ITEM && rules.max_len > 16 {
            rules.max_len /= 8;
            out = scrub_json(&out, &rules);
        }
        (out.len() <= MAX_ITEM).then_some(out)
    }

    /// Counts one lost item, unless it is a client report (their loss is never reported).
    fn count(&mut self, reason: &'static str, category: &'static str) {
        if category != "internal" {
            self.discarded.add(reason, category, 1);
        }
    }

    /// Sends every envelope that is due, within the in-flight limit; drops those whose
    /// category became rate limited. Called after each change and by the runtime's timer.
    pub fn drain(&mut self) {
        self.send_due(MAX_IN_FLIGHT, false);
        if let Some(at) = self.outbox.next_wake() {
            let now = self.runtime.now_ms();
            if at > now {
                self.runtime.schedule(at - now);
            }
        }
    }

    /// The sending loop. `last_chance`: the page is going away, so only `keepalive` requests
    /// are worth starting, backoff no longer matters, and persisted envelopes wait for the next
    /// page load.
    fn send_due(&mut self, limit: usize, last_chance: bool) {
        if self.url.is_none() {
            return;
        }
        if !self.runtime.online() {
            self.persist_waiting(false);
            return;
        }
        let now = self.runtime.now_ms();
        let due = if last_chance { f64::INFINITY } else { now };
        let mut in_flight = self.outbox.in_flight();
        let mut i = 0;
        while let Some(e) = self.outbox.entries.get(i) {
            // At page hide, what is already persisted stays for the next load: sending it now
            // too could deliver it twice, since no answer will come back to this page.
            if e.request != 0 || e.not_before > due || (last_chance && e.persisted) {
                i += 1;
                continue;
            }
            if self.limits.is_limited(e.category, now) {
                if let Some(e) = self.outbox.remove(i) {
                    self.lost(e, "ratelimit_backoff");
                }
                continue;
            }
            if in_flight >= limit {
                break;
            }
            let keepalive = self.outbox.keepalive_fits(e.len);
            i += 1;
            if last_chance && !keepalive {
                continue;
            }
            self.next_request = self.next_request.wrapping_add(1).max(1);
            let id = self.next_request;
            let Some(e) = self.outbox.entries.get_mut(i - 1) else {
                break;
            };
            // The npm build's runtime holds every body and restamps it as it sends
            // (`js/outbox.js`), so that core carries no restamping.
            #[cfg(not(all(target_arch = "wasm32", not(feature = "std"))))]
            if let Some(body) = &mut e.body {
                crate::outbox::restamp(body, &crate::protocol::time::rfc3339(now));
            }
            e.request = id;
            e.keepalive = keepalive;
            in_flight += 1;
            // A stored envelope is taken out of storage as it leaves (see `Runtime::send`), so a
            // page loading meanwhile (or another tab) that took it first sends it alone. A
            // failure persists it anew, and a request that would die with the page is persisted
            // again at page hide.
            let stored = e.persisted;
            e.persisted = false;
            let body = e.body.as_deref().unwrap_or("");
            let url = self.url.as_deref().unwrap_or("");
            self.runtime.send(url, &e.key, body, stored, keepalive, id);
        }
    }

    /// Persists entries not yet stored; with `in_flight`, also those whose request would die
    /// with the page (sent without `keepalive`).
    fn persist_waiting(&mut self, in_flight: bool) {
        for e in self.outbox.entries.iter_mut() {
            let waiting = e.request == 0 || (in_flight && !e.keepalive);
            if waiting && !e.persisted {
                self.runtime
                    .persist(&e.key, e.body.as_deref().unwrap_or(""));
                e.persisted = true;
            }
        }
    }

    /// Forgets `e` for good and counts it under `reason`.
    fn lost(&mut self, e: Entry, reason: &'static str) {
        self.runtime.forget(&e.key, e.persisted);
        self.count(reason, e.category);
        if self.options.debug {
            log(
                &*self.runtime,
                "an envelope was dropped (see the client report)",
            );
        }
    }

    /// Told by the runtime when request `request_id` finished: `status` 0 is a network
    /// failure; `retry_after` and `rate_limits` are the headers, when readable.
    pub fn on_response(
        &mut self,
        request_id: u32,
        status: u16,
        retry_after: Option<&str>,
        rate_limits: Option<&str>,
    ) {
        let now = self.runtime.now_ms();
        self.limits.update(status, retry_after, rate_limits, now);
        let entries = &self.outbox.entries;
        if let Some((i, e)) = entries
            .iter()
            .enumerate()
            .find(|(_, e)| e.request == request_id)
        {
            let attempts = e.attempts + 1;
            let failed = matches!(status, 0 | 500..=599);
            if failed && attempts < MAX_ATTEMPTS {
                // Retried later from where it is: ahead of what was queued after it.
                let wait = backoff_ms(attempts, self.random_unit());
                if let Some(e) = self.outbox.entries.get_mut(i) {
                    e.attempts = attempts;
                    e.not_before = now + wait;
                    e.request = 0;
                    e.keepalive = false;
                    if !e.persisted {
                        self.runtime
                            .persist(&e.key, e.body.as_deref().unwrap_or(""));
                        e.persisted = true;
                    }
                }
            } else if let Some(e) = self.outbox.remove(i) {
                match status {
                    200..=299 => self.runtime.forget(&e.key, e.persisted),
                    0 => self.lost(e, "network_error"),
                    429 => self.lost(e, "ratelimit_backoff"),
                    _ => {
                        if !failed && self.options.debug {
                            log(&*self.runtime, "the server refused an envelope");
                        }
                        self.lost(e, "send_error");
                    }
                }
            }
        }
        self.drain();
    }

    /// An envelope persisted by an earlier page load, handed back by the runtime: it is queued
    /// again (once per key) and sent when due. Handing it back took it out of storage (so no
    /// other tab sends it too), so it counts as not persisted: if this page cannot deliver it
    /// either, it is persisted anew like any other waiting envelope, never lost.
    pub fn restore(&mut self, key: String, body: String) {
        if self.outbox.contains(&key) {
            return;
        }
        let category = category_of_body(&body);
        if let Err(e) = self.queue(Entry::new(key, body, category)) {
            self.lost(e, "queue_overflow");
        }
        self.drain();
    }

    /// Adds `e` to the outbox and hands its body to the runtime to hold; gives it back if it
    /// does not fit.
    fn queue(&mut self, mut e: Entry) -> Result<(), Entry> {
        if !self.outbox.fits(e.len) {
            return Err(e);
        }
        if let Some(body) = e.body.take() {
            e.body = self.runtime.hold(&e.key, body);
        }
        self.outbox.entries.push(e);
        Ok(())
    }

    /// The page is being hidden (maybe for good): send the client report, start `keepalive`
    /// requests for what fits the budget, and persist everything else.
    pub fn on_hidden(&mut self) {
        let now = self.runtime.now_ms();
        if now - self.outbox.last_flush > 1000.0 {
            self.outbox.last_flush = now;
            self.send_client_report();
            self.send_due(usize::MAX, true);
        }
        self.persist_waiting(true);
    }

    /// Sends the counts of lost items in their own envelope, then starts counting afresh.
    pub fn send_client_report(&mut self) {
        if self.discarded.is_empty() {
            return;
        }
        if self.url.is_none() {
            return;
        }
        let mut report = core::mem::take(&mut self.discarded);
        report.timestamp = seconds(self.runtime.now_ms());
        if let Ok(payload) = to_json(&report) {
            self.send_item("client_report", payload, None);
        }
    }

    /// Sends one item in an envelope of its own, as the servers expect for events,
    /// transactions, sessions and client reports: dropped and counted if its category is rate
    /// limited (or an event over the storm cap), scrubbed once, framed and queued, then what is
    /// due is sent. `event_id` (events and transactions) also puts the trace's sampling context
    /// in the envelope header. Everything goes to the client's one destination (the DSN's or
    /// the tunnel).
    pub(crate) fn send_item(
        &mut self,
        ty: &'static str,
        payload: String,
        event_id: Option<String>,
    ) {
        if self.url.is_none() {
            return;
        }
        let now = self.runtime.now_ms();
        let category = category_of(ty);
        if self.limits.is_limited(category, now) {
            self.count("ratelimit_backoff", category);
            return;
        }
        if ty == "event"
            && !self
                .outbox
                .storm
                .allow(&payload, self.options.storm_cap, now)
        {
            self.count("event_processor", category);
            return;
        }
        let Some(payload) = self.scrubbed(&payload) else {
            self.count("send_error", category);
            return;
        };
        let trace = if event_id.is_some() { self.dsc() } else { None };
        let envelope = Envelope {
            event_id,
            trace,
            dsn: self
                .options
                .tunnel
                .as_ref()
                .and(self.options.dsn.as_deref()),
            items: vec![Item { ty, payload }],
        };
        let sdk = SdkInfo {
            name: &self.options.sdk_name,
            version: &self.options.sdk_version,
        };
        let Ok(body) = envelope.to_bytes(&sdk, now) else {
            self.count("internal_sdk_error", category);
            return;
        };
        let mut key = [0u8; 8];
        self.runtime.fill_random(&mut key);
        let entry = Entry::new(crate::ids::hex(&key), body, category);
        if self.queue(entry).is_err() {
            self.count("queue_overflow", category);
        }
        self.drain();
    }
}
