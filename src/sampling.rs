//! Trace sampling: one decision per trace, derived from the trace id.
//!
//! `sample_rand` is a number in [0, 1) read from the trace id's random digits, so every
//! transaction of a trace (and a backend that receives the trace's `baggage`) reaches the same
//! decision for the same rate: sampled when `sample_rand < rate`. It is cut to six decimals
//! before comparing, so the value written into the DSC gives the same answer when read back.

/// A trace's sampling decision and the numbers behind it, which travel in the DSC.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decision {
    /// Whether the trace's transactions are sent.
    pub sampled: bool,
    /// The rate that decided it; `None` when the decision came from an upstream service.
    pub rate: Option<f64>,
    /// The trace's random number, in millionths.
    pub rand: f64,
}

/// The trace's random number in [0, 1), six decimals, from the last five hex digits of
/// `trace_id` (UUID-style ids fix earlier digits, never those). Ids too short or not hex give
/// 0, which samples: a malformed id is better sent than silently lost.
pub fn sample_rand(trace_id: &str) -> f64 {
    let tail = trace_id
        .len()
        .checked_sub(5)
        .and_then(|i| trace_id.get(i..))
        .and_then(hex_value)
        .unwrap_or(0);
    // 20 random bits scaled to millionths: exact in f64 and exactly six decimals on the wire.
    let millionths = (u64::from(tail) * 1_000_000) >> 20;
    millionths as f64 / 1e6
}

/// The value of hex digits (a leading `+` allowed), as `u32::from_str_radix(t, 16)` reads the
/// five it is given, whose generic parser is larger than this module.
fn hex_value(t: &str) -> Option<u32> {
    let digits = t.strip_prefix("+").unwrap_or(t);
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0u32, |n, b| {
        let d = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ => return None,
        };
        Some(n << 4 | u32::from(d))
    })
}

/// Decides a new trace at `rate` (clamped to [0, 1]; not finite means 0).
pub fn decide(trace_id: &str, rate: f64) -> Decision {
    let rate = if rate.is_finite() {
        rate.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let rand = sample_rand(trace_id);
    Decision {
        sampled: rand < rate,
        rate: Some(rate),
        rand,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_trace_always_gets_the_same_answer() {
        let id = "4e9d2c1b0a8f47d6b5c4a3928170f6e5";
        assert_eq!(decide(id, 0.2), decide(id, 0.2));
        // 0x0f6e5 = 63205; 63205 * 1e6 >> 20 = 60276 millionths.
        assert_eq!(sample_rand(id), 0.060276);
        assert!(decide(id, 0.2).sampled);
        assert!(!decide(id, 0.06).sampled);
    }

    #[test]
    fn rates_at_the_edges() {
        assert!(decide("ffffffffffffffffffffffffffffffff", 1.0).sampled);
        assert!(!decide("00000000000000000000000000000000", 0.0).sampled);
        assert!(!decide("00000000000000000000000000000000", f64::NAN).sampled);
        assert_eq!(sample_rand("ffffffffffffffffffffffffffffffff"), 0.999999);
        assert_eq!(sample_rand("xyz"), 0.0);
    }

    #[test]
    fn reads_hex_as_from_str_radix_does() {
        for t in [
            "0f6e5", "FFFFF", "+abcd", "+", "", "-abcd", "0x1f", "12g45", "aé",
        ] {
            assert_eq!(hex_value(t), u32::from_str_radix(t, 16).ok(), "{t:?}");
        }
    }
}
