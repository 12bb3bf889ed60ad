//! Storm control: at most N events per minute for one issue, so a render loop that throws on
//! every frame sends a handful of events, not thousands. Off unless the app sets a cap; with a
//! cap of N >= 1 the first occurrence of an issue is never dropped.
//!
//! An issue is recognised from the event's JSON: its `fingerprint` if set, else its exception
//! types and values (or its message). Pure: the caller passes the time.

use crate::text::split_once;
use alloc::vec::Vec;

/// Issues remembered at once; the least recently seen is forgotten first.
const MAX_ISSUES: usize = 64;

/// Per-issue counts in the current minute.
#[derive(Clone, Debug, Default)]
pub struct Storm {
    /// (issue hash, minute start in ms, events counted in it).
    seen: Vec<(u32, f64, u32)>,
}

impl Storm {
    /// Whether one more event of the issue described by `payload` may be sent at `now`.
    pub fn allow(&mut self, payload: &str, cap: u32, now: f64) -> bool {
        if cap == 0 {
            return true;
        }
        let key = issue_key(payload);
        let found = self.seen.iter().position(|s| s.0 == key);
        // The issue moves to the back (most recently seen); a new one may push out the front.
        // Written as "not a minute or more" so that a NaN time keeps the count, as it always has.
        #[allow(clippy::neg_cmp_op_on_partial_ord)]
        let mut s = match found.and_then(|i| crate::sort::remove_at(&mut self.seen, i)) {
            Some(s) if !(now - s.1 >= 60_000.0) => s,
            _ => (key, now, 0),
        };
        if found.is_none() && self.seen.len() >= MAX_ISSUES {
            crate::sort::remove_at(&mut self.seen, 0);
        }
        s.2 += 1;
        self.seen.push(s);
        s.2 <= cap
    }
}

/// The parts of an event's JSON that name its issue, each as the text that starts it and the
/// text that ends it; the first the event has counts.
static ISSUE_PARTS: [(&str, &str); 3] = [
    ("\"fingerprint\":[", "]"),
    ("\"exception\":", "\"stacktrace\""),
    ("\"message\":", "\","),
];

/// FNV-1a over the parts of an event that name its issue.
fn issue_key(payload: &str) -> u32 {
    // The whole payload if it has none of the parts.
    let mut text = payload;
    for (key, end) in ISSUE_PARTS {
        if let Some((_, rest)) = split_once(payload, key) {
            text = split_once(rest, end).map_or(rest, |(part, _)| part);
            break;
        }
    }
    text.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = r#"{"exception":{"values":[{"type":"TypeError","value":"x is undefined","stacktrace":{}}]}}"#;
    const B: &str = r#"{"exception":{"values":[{"type":"TypeError","value":"y is undefined","stacktrace":{}}]}}"#;

    #[test]
    fn caps_each_issue_per_minute_and_never_the_first() {
        let mut s = Storm::default();
        let sent = (0..100).filter(|_| s.allow(A, 5, 0.0)).count();
        assert_eq!(sent, 5);
        assert!(s.allow(B, 5, 1.0), "another issue is counted apart");
        assert!(!s.allow(A, 5, 59_999.0));
        assert!(s.allow(A, 5, 60_000.0), "a new minute");
        assert!(
            Storm::default().allow(A, 1, 0.0),
            "first occurrence with the smallest cap"
        );
        assert!((0..10).all(|_| s.allow(A, 0, 0.0)), "0 = off");
    }
}
