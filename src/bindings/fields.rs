//! Readers of what the shim hands the core on each call: one string of fields and, for the
//! tracing ops, an array of numbers (the format is described in `src/bindings/mod.rs`; `text`
//! in `js/core.js` writes it). Byte loops only: no `Reflect`, no pattern search, no panics.

use crate::protocol::map::Map;
use alloc::string::String;
use alloc::vec::Vec;

/// The shim's field text, read front to back.
pub(crate) struct Fields<'a>(pub(crate) &'a str);

impl<'a> Fields<'a> {
    /// The decimal number at the front and the byte after it (0 at the end), both consumed.
    fn head(&mut self) -> (usize, u8) {
        let bytes = self.0.as_bytes();
        let mut n = 0usize;
        let mut i = 0;
        let end = loop {
            match bytes.get(i) {
                Some(d @ b'0'..=b'9') => {
                    n = n.saturating_mul(10).saturating_add(usize::from(d - b'0'));
                }
                Some(b) => break *b,
                None => break 0,
            }
            i += 1;
        };
        self.0 = self.0.get(i + 1..).unwrap_or("");
        (n, end)
    }

    /// The next string; `None` when absent, malformed or past the end.
    pub(crate) fn str(&mut self) -> Option<&'a str> {
        let (units, kind) = self.head();
        if kind != b':' {
            return None;
        }
        // Walks UTF-8 lead bytes, not `chars()`: it is on every capture's path (the stacks), and
        // needs only each character's length in both encodings.
        let bytes = self.0.as_bytes();
        let (mut seen, mut end) = (0, 0);
        while seen < units {
            let (len, u16s) = match bytes.get(end) {
                None => break,
                Some(0..=0x7f) => (1, 1),
                Some(0xe0..=0xef) => (3, 1),
                Some(0xf0..) => (4, 2),
                Some(_) => (2, 1),
            };
            seen += u16s;
            end += len;
        }
        let (s, rest) = self.0.split_at_checked(end)?;
        self.0 = rest;
        Some(s)
    }

    /// The next string, owned.
    pub(crate) fn string(&mut self) -> Option<String> {
        self.str().map(String::from)
    }

    /// The next flag: the shim writes `1` for true, `0` for false.
    pub(crate) fn flag(&mut self) -> Option<bool> {
        self.str().map(|s| s == "1")
    }

    /// How many items the list that starts here has (0 if none starts here).
    pub(crate) fn count(&mut self) -> usize {
        match self.head() {
            // Each item takes a byte at least: a malformed count cannot run on.
            (n, b'*') => n.min(self.0.len()),
            _ => 0,
        }
    }

    /// A list of strings. A loop, not `filter_map(..).collect()`, whose size-hinted collect
    /// is larger.
    pub(crate) fn strings(&mut self) -> Vec<String> {
        let mut v = Vec::new();
        for _ in 0..self.count() {
            if let Some(s) = self.string() {
                v.push(s);
            }
        }
        v
    }

    /// A list of `key, value` pairs (an object the shim flattened).
    pub(crate) fn pairs<V>(&mut self, f: impl Fn(String) -> V) -> Map<V> {
        let mut m = Map::new();
        for _ in 0..self.count() / 2 {
            if let (Some(k), Some(v)) = (self.str(), self.string()) {
                m.insert(k, f(v));
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strings_absent_values_flags_and_lists() {
        let mut f = Fields("3:abc-0:1:12*2:k12:v11:01:1");
        assert_eq!(f.str(), Some("abc"));
        assert_eq!(f.str(), None);
        assert_eq!(f.str(), Some(""));
        assert_eq!(f.flag(), Some(true));
        let m = f.pairs(|v| v);
        assert_eq!(m.get("k1"), Some(&String::from("v1")));
        assert_eq!(f.flag(), Some(false));
        assert_eq!(f.count(), 0, "a string is not a list");
        assert_eq!(f.str(), None, "past the end");
    }

    #[test]
    fn lengths_count_utf16_units_so_separators_and_any_character_pass() {
        // "é" is one unit, "😀" two (a surrogate pair), as JavaScript's `length` counts them.
        let mut f = Fields("6:a:1*-é😀2*2:-*0:");
        assert_eq!(f.str(), Some("a:1*-é"));
        assert_eq!(f.str(), None, "the emoji is not a field head");
        let mut f = Fields("7:a:1*-é😀2*2:-*0:");
        assert_eq!(f.str(), Some("a:1*-é😀"));
        assert_eq!(f.strings(), vec![String::from("-*"), String::new()]);
    }

    #[test]
    fn malformed_text_reads_as_absent_and_never_runs_on() {
        for text in [
            "",
            "9",
            "9:ab",
            ":",
            "*",
            "99999999999999999999999:x",
            "é",
            "1:é",
            "2:é",
        ] {
            let mut f = Fields(text);
            let _ = (f.str(), f.count(), f.strings(), f.pairs(|v| v), f.flag());
        }
        let mut f = Fields("18446744073709551615*1:a");
        assert_eq!(f.strings(), vec![String::from("a")]);
        let mut f = Fields("4:ab");
        assert_eq!(f.str(), Some("ab"), "a short last field ends at the end");
    }
}
