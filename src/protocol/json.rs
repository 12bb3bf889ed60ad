//! A compact JSON writer implementing `serde::Serializer`.
//!
//! It exists so that the Wasm build carries no `serde_json`, no `core::fmt` and no float
//! formatting library: integers are written digit by digit and floats with at most six
//! fractional digits, which is all the protocol needs (timestamps to the microsecond,
//! web-vital values). Output is always one line, as envelope framing requires.
//!
//! [`RawJson`] embeds text that is already JSON (user data normalized and stringified by the
//! JavaScript shim) without re-parsing it.

use alloc::string::String;
use serde::ser::{self, Serialize};

/// The name that marks a [`RawJson`] newtype to [`to_json`]'s serializer.
const RAW_TOKEN: &str = "$faultline::RawJson";

/// Text that is already valid JSON, written verbatim.
///
/// The shim produces it with `JSON.stringify` after bounding depth, breadth and string length,
/// so the core never parses user data. An empty string is written as `null`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawJson(pub String);

impl Serialize for RawJson {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(RAW_TOKEN, &self.0)
    }
}

/// Serializes `value` as compact single-line JSON.
///
/// Fails only for shapes JSON cannot express (a map key that is not a string); protocol types
/// never produce them.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut out = String::with_capacity(256);
    value.serialize(&mut Writer {
        out: &mut out,
        raw: false,
    })?;
    Ok(out)
}

/// Appends `value` as compact JSON to `out`.
pub fn write_json<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Result<(), Error> {
    value.serialize(&mut Writer { out, raw: false })
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

impl ser::Error for Error {
    fn custom<T: core::fmt::Display>(_msg: T) -> Self {
        Error
    }
}

/// Appends the decimal digits of `n`.
///
/// Written without indexing so no bounds-check panic (and the formatting it drags in) is
/// linked.
pub fn push_u64(out: &mut String, n: u64) {
    let mut div = 1u64;
    while n / div >= 10 {
        div *= 10;
    }
    loop {
        out.push((b'0' + (n / div % 10) as u8) as char);
        if div == 1 {
            break;
        }
        div /= 10;
    }
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
        let mut div = 100_000;
        while frac != 0 {
            out.push((b'0' + (frac / div) as u8) as char);
            frac %= div;
            div /= 10;
        }
    }
}

/// Appends `s` as a JSON string literal, escaping quotes, backslashes and control characters.
pub fn push_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        if esc.is_empty() {
            out.push_str("\\u00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

struct Writer<'a> {
    out: &'a mut String,
    /// Set while writing the inner string of a [`RawJson`].
    raw: bool,
}

/// State of a sequence, map or struct being written: whether a comma is due.
#[doc(hidden)]
pub struct Compound<'w, 'a> {
    w: &'w mut Writer<'a>,
    first: bool,
    close: char,
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.w.out.push(',');
        }
    }
    fn key(&mut self, key: &str) {
        self.comma();
        push_str(self.w.out, key);
        self.w.out.push(':');
    }
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        push_i64(self.out, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        push_u64(self.out, v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        push_f64(self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        let mut b = [0u8; 4];
        self.serialize_str(v.encode_utf8(&mut b))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        if self.raw {
            self.out.push_str(if v.is_empty() { "null" } else { v });
        } else {
            push_str(self.out, v);
        }
        Ok(())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        if name == RAW_TOKEN {
            self.raw = true;
            let r = v.serialize(&mut *self);
            self.raw = false;
            r
        } else {
            v.serialize(self)
        }
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.out.push('{');
        push_str(self.out, variant);
        self.out.push(':');
        v.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        self.out.push('[');
        Ok(Compound {
            w: self,
            first: true,
            close: ']',
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        Err(Error)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        self.out.push('{');
        Ok(Compound {
            w: self,
            first: true,
            close: '}',
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'w, 'a>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        Err(Error)
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.comma();
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.push(self.close);
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _v: &T) -> Result<(), Error> {
        Err(Error)
    }
    fn end(self) -> Result<(), Error> {
        Err(Error)
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Error> {
        self.comma();
        k.serialize(KeyWriter(self.w.out))?;
        self.w.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.push(self.close);
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.key(key);
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.push(self.close);
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        _key: &'static str,
        _v: &T,
    ) -> Result<(), Error> {
        Err(Error)
    }
    fn end(self) -> Result<(), Error> {
        Err(Error)
    }
}

/// Map keys must be strings; anything else is refused.
struct KeyWriter<'a>(&'a mut String);

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        push_str(self.0, v);
        Ok(())
    }
    fn serialize_bool(self, _: bool) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_i8(self, _: i8) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_i16(self, _: i16) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_i32(self, _: i32) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_i64(self, _: i64) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_u8(self, _: u8) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_u16(self, _: u16) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_u32(self, _: u32) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_u64(self, _: u64) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_char(self, _: char) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result<(), Error> {
        self.serialize_str(v)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(Error)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(Error)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error)
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
    fn integers_cover_the_full_range() {
        assert_eq!(to_json(&u64::MAX).unwrap(), "18446744073709551615");
        assert_eq!(to_json(&i64::MIN).unwrap(), "-9223372036854775808");
    }
}
