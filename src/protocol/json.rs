//! A compact JSON writer and the [`WriteJson`] trait the protocol types implement by hand.
//!
//! It exists so that the Wasm build carries no `serde_json`, no `core::fmt`, no float
//! formatting library and no serde plumbing: each protocol type writes its own fields, in wire
//! order, skipping absent ones, through one non-generic [`Writer`]. Integers are written digit
//! by digit and floats with at most six fractional digits, which is all the protocol needs
//! (timestamps to the microsecond, web-vital values). Output is always one line, as envelope
//! framing requires. The Rust API's `serde` values go through the same writer
//! (`crate::protocol::json_serde`, feature `std`).
//!
//! [`RawJson`] embeds text that is already JSON (user data normalized and stringified by the
//! JavaScript shim) without re-parsing it.

use alloc::string::String;
use alloc::vec::Vec;

/// Text that is already valid JSON, written verbatim.
///
/// The shim produces it with `JSON.stringify` after bounding depth, breadth and string length,
/// so the core never parses user data. An empty string is written as `null`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawJson(pub String);

/// A value that writes itself as JSON.
///
/// Implemented by hand for each protocol type rather than derived: one direct call per field
/// is smaller in Wasm than serde's generic machinery, and skipping absent fields stays explicit.
pub trait WriteJson {
    /// Writes `self` as one JSON value.
    fn write(&self, w: &mut Writer);
}

/// Serializes `value` as compact single-line JSON.
///
/// Every protocol type can be written, so this never fails today; the `Result` keeps callers
/// ready for a value that cannot be.
pub fn to_json<T: WriteJson + ?Sized>(value: &T) -> Result<String, Error> {
    // An event with a stack is a few KB: start there rather than growing from a few bytes.
    let mut w = Writer::new(String::with_capacity(4096));
    value.write(&mut w);
    Ok(w.finish())
}

/// Appends `value` as compact JSON to `out`.
pub fn write_json<T: WriteJson + ?Sized>(out: &mut String, value: &T) -> Result<(), Error> {
    let mut w = Writer::new(core::mem::take(out));
    value.write(&mut w);
    *out = w.finish();
    Ok(())
}

/// The only failure: a value JSON cannot represent.
#[derive(Debug)]
pub struct Error;

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("value cannot be written as JSON")
    }
}

impl core::error::Error for Error {}

/// Appends the decimal digits of `n`.
pub fn push_u64(out: &mut String, n: u64) {
    push_digits(out, n, 1);
}

/// Appends the decimal digits of `n`, zero-padded to at least `width` digits.
///
/// Recursion on `n / 10`: no buffer to index (no bounds-check panic) and no division by a
/// variable (no division-by-zero panic), whose messages would stay in the Wasm.
pub fn push_digits(out: &mut String, n: u64, width: u32) {
    if n >= 10 || width > 1 {
        push_digits(out, n / 10, width.saturating_sub(1));
    }
    out.push((b'0' + (n % 10) as u8) as char);
}

/// Appends `n` with a leading `-` when negative.
pub fn push_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_u64(out, n.unsigned_abs());
}

/// Appends `v` with at most six fractional digits, trailing zeros trimmed.
///
/// Non-finite values become `null` (JSON has no NaN). Magnitudes of 10^12 and above are
/// written as integers: no protocol field needs sub-unit precision there.
pub fn push_f64(out: &mut String, v: f64) {
    if !v.is_finite() {
        out.push_str("null");
        return;
    }
    let neg = v < 0.0;
    let a = if neg { -v } else { v };
    if a >= 1e12 {
        push_i64(out, v as i64);
        return;
    }
    let scaled = (a * 1e6 + 0.5) as u64;
    let (int, mut frac) = (scaled / 1_000_000, scaled % 1_000_000);
    if neg && scaled != 0 {
        out.push('-');
    }
    push_u64(out, int);
    if frac != 0 {
        out.push('.');
        let mut width = 6;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        push_digits(out, frac, width);
    }
}

/// Appends `s` as a JSON string literal, escaping quotes, backslashes and control characters.
pub fn push_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let bytes = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        i += 1;
        // Most bytes need no escape: one test for them, on every string of every event.
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            _ => "",
        };
        out.push_str(s.get(start..i - 1).unwrap_or_default());
        if esc.is_empty() {
            out.push_str("\\u00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        } else {
            out.push_str(esc);
        }
        start = i;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// Appends JSON values to a string, putting commas where they belong.
///
/// Objects are written as [`open`](Writer::open) `{`, then [`key`](Writer::key) and a value
/// for each member, then [`close`](Writer::close) `}`; arrays the same with `[`/`]` and no
/// keys. The writer tracks whether a comma is due, so callers never write one.
pub struct Writer {
    out: String,
    /// No comma is due before the next value: the output so far ends in `{`, `[` or a key.
    fresh: bool,
}

impl Writer {
    /// A writer appending to `out`.
    pub fn new(out: String) -> Self {
        Writer { out, fresh: true }
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    /// Starts a value: writes the comma due, if any, and returns the output to append the
    /// value's text to.
    pub fn value(&mut self) -> &mut String {
        if !self.fresh {
            self.out.push(',');
        }
        self.fresh = false;
        &mut self.out
    }

    /// Writes an object key (escaped) and its colon; the member's value comes next.
    pub fn key(&mut self, key: &str) {
        push_str(self.value(), key);
        self.out.push(':');
        self.fresh = true;
    }

    /// Opens an object (`{`) or an array (`[`).
    pub fn open(&mut self, bracket: char) {
        self.value().push(bracket);
        self.fresh = true;
    }

    /// Closes what [`open`](Writer::open) opened, with `}` or `]`.
    pub fn close(&mut self, bracket: char) {
        self.out.push(bracket);
        self.fresh = false;
    }

    /// Writes a string literal.
    pub fn str(&mut self, s: &str) {
        push_str(self.value(), s);
    }

    /// Writes a non-negative integer.
    pub fn u64(&mut self, n: u64) {
        push_u64(self.value(), n);
    }

    /// Writes an integer.
    pub fn i64(&mut self, n: i64) {
        push_i64(self.value(), n);
    }

    /// Writes a number as [`push_f64`] does (`null` when not finite).
    pub fn f64(&mut self, v: f64) {
        push_f64(self.value(), v);
    }

    /// Writes `true` or `false`.
    pub fn bool(&mut self, v: bool) {
        self.raw(if v { "true" } else { "false" });
    }

    /// Writes text that is already JSON, verbatim; `""` is written as `null`.
    pub fn raw(&mut self, json: &str) {
        self.value()
            .push_str(if json.is_empty() { "null" } else { json });
    }

    /// Writes the member `key: value`.
    pub fn field<T: WriteJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.key(key);
        value.write(self);
    }

    /// Writes the member `key: value` when `value` is present; skips it otherwise.
    pub fn opt<T: WriteJson>(&mut self, key: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.field(key, v);
        }
    }
}

impl WriteJson for str {
    fn write(&self, w: &mut Writer) {
        w.str(self);
    }
}

impl WriteJson for String {
    fn write(&self, w: &mut Writer) {
        w.str(self);
    }
}

impl<T: WriteJson + ?Sized> WriteJson for &T {
    fn write(&self, w: &mut Writer) {
        (**self).write(w);
    }
}

impl WriteJson for u32 {
    fn write(&self, w: &mut Writer) {
        w.u64(u64::from(*self));
    }
}

impl WriteJson for u64 {
    fn write(&self, w: &mut Writer) {
        w.u64(*self);
    }
}

impl WriteJson for i64 {
    fn write(&self, w: &mut Writer) {
        w.i64(*self);
    }
}

impl WriteJson for f64 {
    fn write(&self, w: &mut Writer) {
        w.f64(*self);
    }
}

impl WriteJson for bool {
    fn write(&self, w: &mut Writer) {
        w.bool(*self);
    }
}

impl<T: WriteJson> WriteJson for [T] {
    fn write(&self, w: &mut Writer) {
        w.open('[');
        for v in self {
            v.write(w);
        }
        w.close(']');
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write(&self, w: &mut Writer) {
        self.as_slice().write(w);
    }
}

impl WriteJson for RawJson {
    fn write(&self, w: &mut Writer) {
        w.raw(&self.0);
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    fn f(v: f64) -> String {
        let mut s = String::new();
        push_f64(&mut s, v);
        s
    }

    #[test]
    fn floats_keep_millisecond_timestamps_exact() {
        assert_eq!(f(1795510530.118), "1795510530.118");
        assert_eq!(f(0.02), "0.02");
        assert_eq!(f(31.2), "31.2");
        assert_eq!(f(-2.5), "-2.5");
        assert_eq!(f(0.0), "0");
        assert_eq!(f(f64::NAN), "null");
        assert_eq!(f(1e15), "1000000000000000");
        assert_eq!(f(0.000001), "0.000001");
        assert_eq!(f(1.05), "1.05");
        assert_eq!(f(10.000107), "10.000107");
    }

    #[test]
    fn strings_escape_controls_and_quotes() {
        let mut s = String::new();
        push_str(&mut s, "a\"b\\c\nd\u{1}é");
        assert_eq!(s, "\"a\\\"b\\\\c\\nd\\u0001é\"");
        let parsed: String = serde_json::from_str(&s).unwrap();
        assert_eq!(parsed, "a\"b\\c\nd\u{1}é");
    }

    #[test]
    fn raw_json_is_spliced_verbatim_and_empty_is_null() {
        let v = vec![RawJson("{\"a\":[1,2]}".into()), RawJson(String::new())];
        assert_eq!(to_json(&v).unwrap(), "[{\"a\":[1,2]},null]");
    }

    #[test]
    fn the_writer_places_commas_in_nested_objects_and_arrays() {
        let mut w = Writer::new(String::from("x:"));
        w.open('[');
        w.open('{');
        w.field("a", &[1u32, 2][..]);
        w.key("b\"");
        w.open('{');
        w.close('}');
        w.opt("none", &None::<bool>);
        w.opt("some", &Some(-1i64));
        w.close('}');
        w.open('[');
        w.close(']');
        w.bool(true);
        w.raw("");
        w.close(']');
        assert_eq!(
            w.finish(),
            "x:[{\"a\":[1,2],\"b\\\"\":{},\"some\":-1},[],true,null]"
        );
    }

    #[test]
    fn integers_cover_the_full_range() {
        assert_eq!(to_json(&u64::MAX).unwrap(), "18446744073709551615");
        assert_eq!(to_json(&i64::MIN).unwrap(), "-9223372036854775808");
    }
}
