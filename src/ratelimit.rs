//! Rate limits the server asked for: `X-Sentry-Rate-Limits`, `Retry-After` and bare 429s.
//!
//! Pure policy: the caller passes the current time in milliseconds, so the same code decides in
//! the browser and in native tests, and tests can assert exact deadlines (PROTOCOL §10).
//! GlitchTip exposes no headers cross-origin (§2.3): a 429 whose headers cannot be read means
//! sixty seconds of silence for every category.

use crate::text::{split, trim, until_any};
use alloc::vec::Vec;

/// Seconds to wait when the server gives no usable number.
const DEFAULT_SECS: u64 = 60;

/// The categories a limit can name that this SDK ever sends; others are ignored.
const KNOWN: [&str; 10] = [
    "default",
    "error",
    "transaction",
    "session",
    "attachment",
    "span",
    "internal",
    "security",
    "replay",
    "log_item",
];

/// Deadlines per category; `""` stands for every category.
#[derive(Clone, Debug, Default)]
pub struct RateLimits {
    until: Vec<(&'static str, f64)>,
}

impl RateLimits {
    /// Whether items of `category` must not be sent at `now`.
    pub fn is_limited(&self, category: &str, now: f64) -> bool {
        self.until
            .iter()
            .any(|(c, t)| (c.is_empty() || *c == category) && *t > now)
    }

    /// When `category` may be sent again (`now` or earlier if it may already).
    pub fn until(&self, category: &str) -> f64 {
        self.until
            .iter()
            .filter(|(c, _)| c.is_empty() || *c == category)
            .fold(0.0, |a, (_, t)| if *t > a { *t } else { a })
    }

    /// Learns from one response. `rate_limits` and `retry_after` are the header values, `None`
    /// when absent or unreadable. The rate-limit header wins; else a 429 limits everything for
    /// `Retry-After` seconds (60 when missing or not a number).
    pub fn update(
        &mut self,
        status: u16,
        retry_after: Option<&str>,
        rate_limits: Option<&str>,
        now: f64,
    ) {
        if let Some(header) = rate_limits.filter(|h| !trim(h).is_empty()) {
            for limit in split(header, ",") {
                let mut parts = split(limit, ":");
                let secs = parts.next().map_or(DEFAULT_SECS, secs);
                let until = now + (secs as f64) * 1000.0;
                let cats = trim(parts.next().unwrap_or(""));
                if cats.is_empty() {
                    self.set("", until);
                    continue;
                }
                for cat in split(cats, ";") {
                    let cat = trim(cat);
                    if let Some(known) = KNOWN.iter().find(|k| **k == cat) {
                        self.set(known, until);
                    }
                }
            }
        } else if status == 429 {
            let secs = retry_after.map_or(DEFAULT_SECS, secs);
            self.set("", now + (secs as f64) * 1000.0);
        }
    }

    /// Keeps the later of the old and new deadline for `category`.
    fn set(&mut self, category: &'static str, until: f64) {
        match self.until.iter_mut().find(|(c, _)| *c == category) {
            Some(slot) => {
                if until > slot.1 {
                    slot.1 = until;
                }
            }
            None => self.until.push((category, until)),
        }
    }
}

/// Whole seconds from `"60"` or `"2.5"`; anything else (an HTTP date, garbage) is 60, the
/// server's own default, which errs on the side of waiting. Capped at one day.
fn secs(s: &str) -> u64 {
    let s = trim(s);
    let whole = until_any(s, b".");
    let digits = whole.strip_prefix("+").unwrap_or(whole);
    if digits.is_empty() {
        return DEFAULT_SECS;
    }
    // By hand rather than `str::parse`, whose code is larger than this whole module.
    let mut n: u64 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return DEFAULT_SECS;
        }
        match n
            .checked_mul(10)
            .and_then(|m| m.checked_add(u64::from(b - b'0')))
        {
            Some(v) => n = v,
            None => return DEFAULT_SECS,
        }
    }
    match n {
        0 if s.len() > 1 => 1,
        n => n.min(86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_000_000.0;

    fn after(status: u16, retry: Option<&str>, header: Option<&str>) -> RateLimits {
        let mut r = RateLimits::default();
        r.update(status, retry, header, NOW);
        r
    }

    #[test]
    fn header_forms() {
        // (reason, header, category, limited until)
        let cases: &[(&str, &str, &str, f64)] = &[
            ("one category", "60:error:key", "error", NOW + 60_000.0),
            ("other category free", "60:error:key", "transaction", 0.0),
            (
                "empty list = all",
                "30::organization",
                "session",
                NOW + 30_000.0,
            ),
            (
                "several",
                "10:error;transaction:key",
                "transaction",
                NOW + 10_000.0,
            ),
            (
                "reason code",
                "45:error:project:quota_exceeded",
                "error",
                NOW + 45_000.0,
            ),
            (
                "namespaces",
                "45:error:org:reason:custom",
                "error",
                NOW + 45_000.0,
            ),
            (
                "two limits, longer kept",
                "5:error:key, 20:error:org",
                "error",
                NOW + 20_000.0,
            ),
            ("unknown only", "60:metric_bucket:key", "error", 0.0),
            ("garbage seconds", "soon:error:key", "error", NOW + 60_000.0),
        ];
        for (why, header, cat, until) in cases {
            assert_eq!(after(200, None, Some(header)).until(cat), *until, "{why}");
        }
    }

    #[test]
    fn bare_429s() {
        assert_eq!(after(429, Some("7"), None).until("error"), NOW + 7_000.0);
        assert_eq!(after(429, None, None).until("internal"), NOW + 60_000.0);
        let date = Some("Wed, 21 Oct 2026 07:28:00 GMT");
        assert_eq!(after(429, date, None).until("error"), NOW + 60_000.0);
        assert_eq!(after(503, Some("7"), None).until("error"), 0.0);
        // The rate-limit header wins over Retry-After.
        let r = after(429, Some("100"), Some("3:transaction:key"));
        assert!(!r.is_limited("error", NOW + 1.0));
        assert!(r.is_limited("transaction", NOW + 2_999.0));
        assert!(!r.is_limited("transaction", NOW + 3_000.0));
    }
}
