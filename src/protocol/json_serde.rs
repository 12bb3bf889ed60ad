//! `serde` values as compact JSON, for the Rust API (feature `std`).
//!
//! The protocol types write themselves ([`WriteJson`](super::json::WriteJson)); this adapter
//! is for what apps hand the Rust API (`set_context`, `set_extra`, `set_user`), which may be
//! any `Serialize` value. It drives the same [`Writer`], so strings, numbers and commas come
//! out exactly as they do for events, and [`RawJson`] is spliced verbatim here too.
//! The npm build has no `std`, hence neither serde nor this module.

use super::json::{Error, RawJson, Writer};
use alloc::string::String;
use serde::ser::{self, Serialize};

/// The name that marks a [`RawJson`] newtype to this serializer.
const RAW_TOKEN: &str = "$faultline::RawJson";

impl Serialize for RawJson {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(RAW_TOKEN, &self.0)
    }
}

impl ser::Error for Error {
    fn custom<T: core::fmt::Display>(_msg: T) -> Self {
        Error
    }
}

/// Serializes `value` as compact single-line JSON.
///
/// Fails only for shapes JSON cannot express (a map key that is not a string, bytes, enum
/// variants with several fields).
pub fn serde_to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut w = Writer::new(String::with_capacity(256));
    value.serialize(&mut w)?;
    Ok(w.finish())
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.bool(v);
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
        self.i64(v);
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
        self.u64(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.f64(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        let mut b = [0u8; 4];
        self.serialize_str(v.encode_utf8(&mut b))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.str(v);
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
        self.raw("null");
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
            v.serialize(Text { w: self, raw: true })
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
        self.open('{');
        self.key(variant);
        v.serialize(&mut *self)?;
        self.close('}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.open('[');
        Ok(Compound {
            w: self,
            close: ']',
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.open('{');
        Ok(Compound {
            w: self,
            close: '}',
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error)
    }
}

/// A sequence, map or struct being written; the [`Writer`] places the commas.
#[doc(hidden)]
pub struct Compound<'a> {
    w: &'a mut Writer,
    close: char,
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.w.close(self.close);
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Error> {
        k.serialize(Text {
            w: &mut *self.w,
            raw: false,
        })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.w.key(key);
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

/// Accepts only text: a map key (`raw: false`, written as an object key) or the inside of a
/// [`RawJson`] (`raw: true`, spliced verbatim). Anything else is refused.
struct Text<'a> {
    w: &'a mut Writer,
    raw: bool,
}

impl ser::Serializer for Text<'_> {
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
        if self.raw {
            self.w.raw(v);
        } else {
            self.w.key(v);
        }
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
    use alloc::collections::BTreeMap;
    use alloc::vec;
    use alloc::vec::Vec;

    #[derive(serde::Serialize)]
    struct User<'a> {
        id: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        email: Option<&'a str>,
        tags: Vec<&'a str>,
        score: f64,
        nothing: Option<bool>,
        raw: RawJson,
    }

    #[test]
    fn structs_sequences_and_raw_json_come_out_as_the_writer_writes_them() {
        let u = User {
            id: 42,
            email: None,
            tags: vec!["a\"b", "c"],
            score: -0.5,
            nothing: None,
            raw: RawJson("{\"x\":[1]}".into()),
        };
        assert_eq!(
            serde_to_json(&u).unwrap(),
            "{\"id\":42,\"tags\":[\"a\\\"b\",\"c\"],\"score\":-0.5,\"nothing\":null,\"raw\":{\"x\":[1]}}"
        );
        assert_eq!(serde_to_json(&[RawJson::default()]).unwrap(), "[null]");
    }

    #[test]
    fn map_keys_must_be_text() {
        let mut ok = BTreeMap::new();
        ok.insert("k\n", (1u8, 'x'));
        assert_eq!(serde_to_json(&ok).unwrap(), "{\"k\\n\":[1,\"x\"]}");
        let mut bad = BTreeMap::new();
        bad.insert(1u8, 2u8);
        assert!(serde_to_json(&bad).is_err());
        assert_eq!(serde_to_json(&u64::MAX).unwrap(), "18446744073709551615");
        assert_eq!(serde_to_json(&i64::MIN).unwrap(), "-9223372036854775808");
    }
}
