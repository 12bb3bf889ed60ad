//! Timestamps in the two wire forms: float seconds and RFC 3339 UTC.
//!
//! Time enters the core as milliseconds since the Unix epoch (`Date.now()`), never from
//! `SystemTime`, which panics on wasm32. Formatting is done by hand to keep `core::fmt` out.

use super::json::{push_digits, push_u64, WriteJson, Writer};
use alloc::string::String;

/// Milliseconds since the epoch to float seconds, as events' `timestamp` wants them.
pub fn seconds(ms: f64) -> f64 {
    ms / 1000.0
}

fn push_2(out: &mut String, n: u64) {
    push_digits(out, n, 2);
}

/// Appends `ms` (since the epoch, UTC) as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
///
/// Negative or non-finite input is written as the epoch: a broken clock must not produce
/// text the server rejects.
pub fn push_rfc3339(out: &mut String, ms: f64) {
    let ms = if ms.is_finite() && ms > 0.0 {
        ms as u64
    } else {
        0
    };
    let secs = ms / 1000;
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    push_u64(out, y);
    out.push('-');
    push_2(out, m);
    out.push('-');
    push_2(out, d);
    out.push('T');
    push_2(out, rem / 3600);
    out.push(':');
    push_2(out, rem / 60 % 60);
    out.push(':');
    push_2(out, rem % 60);
    out.push('.');
    push_digits(out, ms % 1000, 3);
    out.push('Z');
}

/// `ms` as an RFC 3339 string.
pub fn rfc3339(ms: f64) -> String {
    let mut s = String::with_capacity(24);
    push_rfc3339(&mut s, ms);
    s
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day), using the era-based
/// method: 400-year eras of 146 097 days, years starting in March so leap days come last.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

/// Milliseconds since the epoch, written as an RFC 3339 string.
///
/// Transactions, spans and sessions use it for `timestamp`: `sentry-types` accepts only the
/// string form there, while Relay and GlitchTip take either (PROTOCOL §6).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rfc3339(pub f64);

impl WriteJson for Rfc3339 {
    fn write(&self, w: &mut Writer) {
        let out = w.value();
        out.push('"');
        push_rfc3339(out, self.0);
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0.0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(1795510530131.0), "2026-11-24T08:55:30.131Z");
        assert_eq!(rfc3339(951782400000.0), "2000-02-29T00:00:00.000Z");
        assert_eq!(rfc3339(4107542399999.0), "2100-02-28T23:59:59.999Z");
        assert_eq!(rfc3339(-5.0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(f64::NAN), "1970-01-01T00:00:00.000Z");
    }
}
