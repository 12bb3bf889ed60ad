//! Identifiers: event ids (32 hex), trace ids (32 hex) and span ids (16 hex).
//!
//! The bytes come from the caller (the browser's `crypto.getRandomValues`, or a fixed source in
//! tests), so this module is pure and the same ids can be reproduced in a test.

use alloc::string::String;
const HEX: &[u8; 16] = b"0123456789abcdef";

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// A UUID v4 as 32 lowercase hex digits, from 16 random bytes.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    // Constant indexes into a fixed-size array: checked at compile time, no panic path.
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    hex(&bytes)
}

/// Whether `s` is exactly `len` lowercase or uppercase hex digits.
pub fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_sets_version_and_variant() {
        let id = uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffffffff4fffbfffffffffffffff");
        assert!(is_hex(&id, 32));
        assert_eq!(uuid_v4([0; 16]), "00000000000040008000000000000000");
    }
}
