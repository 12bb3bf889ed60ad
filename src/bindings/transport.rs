//! The delivery ops: the shim's timer, page-hide, storage hand-back and request answers run
//! these (`js/outbox.js`). The timer, page-hide and `online` ops call the client's
//! `drain` and `on_hidden` directly.

use super::Fields;
use crate::client::Client;

/// An envelope an earlier page load persisted: `key, body`.
pub(crate) fn restore(c: &mut Client, f: &mut Fields) {
    if let (Some(key), Some(body)) = (f.string(), f.string()) {
        c.restore(key, body);
    }
}

/// The answer to a request, from the shim's `send` once its `fetch` (or the app's `transport`
/// hook) settled: `id, retryAfter, rateLimits` (the headers when they could be read) and the
/// `status`, 0 for a network failure or a throw.
pub(crate) fn on_response(c: &mut Client, f: &mut Fields, status: f64) {
    let Some(id) = f.str().and_then(whole) else {
        return;
    };
    let (retry_after, rate_limits) = (f.str(), f.str());
    c.on_response(id, status as u16, retry_after, rate_limits);
}

/// The request id the shim echoes back, as the decimal text it was written as.
fn whole(s: &str) -> Option<u32> {
    s.bytes().try_fold(0u32, |n, b| {
        let digit = b.checked_sub(b'0').filter(|d| *d < 10)?;
        n.checked_mul(10)?.checked_add(u32::from(digit))
    })
}
