//! Privacy by default: one pass over every item's final JSON that filters secrets and bounds
//! string lengths.
//!
//! The pass runs on serialized payloads, so whatever any part of the SDK wrote (messages,
//! exception values, breadcrumbs, spans, transaction names, contexts) is covered without that
//! part knowing. It is string-aware: only JSON string *values* change; keys, numbers and the
//! escape sequences inside strings are left as they are, and a replacement never contains a
//! character that would need escaping, so the output is valid JSON when the input was.
//!
//! Filtered: bearer tokens, JWTs, card numbers that pass the Luhn check, email addresses,
//! secret-looking URL query parameters (`?token=…`), string values under keys such as `cookie`,
//! `authorization` or `password`, and literal patterns the app adds.

use crate::text::{trim_end, trim_start};
use alloc::string::String;

/// What replaces a secret.
pub const FILTERED: &str = "[Filtered]";

/// A query parameter name whose values are filtered.
const QUERY: u8 = 0x20;
/// A key whose string values are secrets whatever they look like.
const SECRET: u8 = 0x40;
/// A key whose values are ids the SDK generated: they are never filtered. Compared exactly; the
/// other names case-insensitively.
const ID: u8 = 0x80;

/// The names the filters know (lowercase), with the lists they are on.
const NAME_LIST: [(u8, &str); 24] = [
    (QUERY | SECRET, "token"),
    (QUERY | SECRET, "access_token"),
    (QUERY | SECRET, "password"),
    (QUERY | SECRET, "secret"),
    (QUERY | SECRET, "api_key"),
    (QUERY, "auth"),
    (QUERY, "apikey"),
    (QUERY, "key"),
    (QUERY, "session"),
    (QUERY, "code"),
    (QUERY, "email"),
    (SECRET, "cookie"),
    (SECRET, "cookies"),
    (SECRET, "set-cookie"),
    (SECRET, "authorization"),
    (SECRET, "proxy-authorization"),
    (SECRET, "x-api-key"),
    (SECRET, "passwd"),
    (SECRET, "private_key"),
    (ID, "event_id"),
    (ID, "trace_id"),
    (ID, "span_id"),
    (ID, "parent_span_id"),
    (ID, "sid"),
];

/// [`NAME_LIST`] as one byte table, built at compile time: per name a byte of its flags and
/// its length (under 32), then the name. One table and no pointer pairs per name keeps the
/// data small, and a lookup skips a name of another length in one step.
static NAMES: [u8; packed_len()] = pack();

const fn packed_len() -> usize {
    let (mut n, mut i) = (0, 0);
    while i < NAME_LIST.len() {
        n += 1 + NAME_LIST[i].1.len();
        i += 1;
    }
    n
}

// Indexing in a `const fn` evaluated at compile time: a bad index fails the build, not a run.
const fn pack() -> [u8; packed_len()] {
    let mut out = [0; packed_len()];
    let (mut at, mut i) = (0, 0);
    while i < NAME_LIST.len() {
        let (flags, name) = NAME_LIST[i];
        let name = name.as_bytes();
        out[at] = flags | name.len() as u8;
        let mut j = 0;
        while j < name.len() {
            out[at + 1 + j] = name[j];
            j += 1;
        }
        at += 1 + name.len();
        i += 1;
    }
    out
}

/// The lists `name` is on (`QUERY`, `SECRET`, `ID`), none when it is not a known name.
fn flags(name: &[u8]) -> u8 {
    let mut t: &[u8] = &NAMES;
    while let Some((&head, rest)) = t.split_first() {
        let len = usize::from(head & 31);
        if len == name.len() && same(rest, name, head & ID == 0) {
            return head;
        }
        t = rest.get(len..).unwrap_or_default();
    }
    0
}

/// Whether `text` starts `word` (lowercase), ignoring ASCII case when `fold`.
fn same(word: &[u8], text: &[u8], fold: bool) -> bool {
    let mut i = 0;
    while let Some(&t) = text.get(i) {
        if byte(word, i) != if fold { t.to_ascii_lowercase() } else { t } {
            return false;
        }
        i += 1;
    }
    true
}

/// Which filters run, and the longest string value kept (in characters).
#[derive(Clone, Debug)]
pub struct Rules<'a> {
    /// Tokens, JWTs and card numbers.
    pub secrets: bool,
    /// Email addresses.
    pub emails: bool,
    /// Secret-looking query parameters.
    pub query: bool,
    /// Literal strings to filter wherever they appear.
    pub patterns: &'a [String],
    /// Longer string values are cut and end with `…`.
    pub max_len: usize,
}

/// Returns `json` with every string value filtered by `rules`.
pub fn scrub_json(json: &str, rules: &Rules) -> String {
    let b = json.as_bytes();
    let mut out = Out {
        text: String::with_capacity(json.len()),
        json,
        copied: 0,
    };
    // What the last key's string value is (`SECRET`, `ID` or neither).
    let (mut i, mut key) = (0, 0);
    // Bytes compared as bytes: a one-byte `starts_with` or `split_once` calls `memcmp`, for
    // each of an event's hundreds of strings.
    while let Some(open) = (i..b.len()).find(|j| byte(b, *j) == b'"') {
        let before = json.get(i..open).unwrap_or("");
        let start = open + 1;
        let (end, may_filter) = string_end(b, start);
        // After the closing quote at `end`, if there is one.
        i = end + 1;
        if byte(trim_start(json.get(i..).unwrap_or("")).as_bytes(), 0) == b':' {
            let name = b.get(start..end).unwrap_or_default();
            key = flags(name) & if rules.secrets { SECRET | ID } else { ID };
        } else if key != 0 && matches!(trim_end(before).as_bytes().last(), Some(b':')) {
            // Hex ids the SDK generates are kept: an all-digit span id can pass the Luhn
            // check by chance.
            if key == SECRET {
                out.put(start, end, FILTERED);
            }
        } else {
            let may_filter = may_filter || !rules.patterns.is_empty();
            scrub_str(&mut out, start, end, rules, may_filter);
        }
    }
    out.put(b.len(), b.len(), "");
    out.text
}

/// The scrubbed copy being written: the JSON is copied in stretches, up to each change.
struct Out<'a> {
    text: String,
    json: &'a str,
    /// Where the JSON not copied yet starts.
    copied: usize,
}

impl Out<'_> {
    /// Copies the JSON up to byte `from`, then writes `with` in place of the bytes up to `to`.
    fn put(&mut self, from: usize, to: usize, with: &str) {
        self.text
            .push_str(self.json.get(self.copied..from).unwrap_or(""));
        self.text.push_str(with);
        self.copied = to;
    }
}

/// Byte index in `b` of the closing quote of the JSON string starting at `i` (after its
/// opening quote), and whether a filter could change the string: every filter needs one of
/// these bytes (`?` or `&` before a query parameter, `@` in an email, the space of `Bearer `,
/// the `J` of a JWT's `eyJ`) or 13 digits with only spaces or dashes between them (a card
/// number). Most values of an event (function names, file URLs, types) have none, and are then
/// copied whole instead of tried at every word.
fn string_end(b: &[u8], mut i: usize) -> (usize, bool) {
    let (mut hit, mut digits) = (false, 0);
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => return (i, hit),
            // The escaped byte is skipped too.
            b'\\' => i += 1,
            b'?' | b'&' | b'@' | b' ' | b'J' => hit = true,
            b'0'..=b'9' => {
                digits += 1;
                hit |= digits >= 13;
            }
            b'-' => {}
            _ => digits = 0,
        }
        i += 1;
    }
    (b.len(), hit)
}

/// Byte length of the escape sequence at `b[i]` (a `\`).
fn escape_len(b: &[u8], i: usize) -> usize {
    if byte(b, i + 1) == b'u' {
        6
    } else {
        2
    }
}

/// Where raw string content from `i` to `end` is cut to keep `max` characters, never inside
/// an escape sequence or a character; `None` when it is not longer.
fn clip(b: &[u8], mut i: usize, end: usize, max: usize) -> Option<usize> {
    let mut chars = 0;
    while i < end {
        let c = byte(b, i);
        // Not a UTF-8 continuation byte: a character starts.
        if c as i8 >= -0x40 {
            if chars == max {
                return Some(i);
            }
            chars += 1;
        }
        i += if c == b'\\' { escape_len(b, i) } else { 1 };
    }
    None
}

/// The byte at `s[i]`, 0 past the end (no filter looks for a 0 byte).
fn byte(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Index of the first byte of `s` from `i` on that is neither an ASCII letter or digit nor
/// one of `more`: every filter's runs (tokens, base64, email parts, parameter names) are
/// letters and digits plus a few others.
// `<[u8]>::contains` links `memchr` (see `text::find_any`).
#[allow(clippy::manual_contains)]
fn skip(s: &[u8], mut i: usize, more: &[u8]) -> usize {
    loop {
        let c = byte(s, i);
        if !c.is_ascii_alphanumeric() && !more.iter().any(|m| *m == c) {
            return i;
        }
        i += 1;
    }
}

/// Filters the raw (still escaped) string value from `start` to `end` in the JSON.
/// `may_filter` false: no filter can change it (see [`string_end`]).
fn scrub_str(out: &mut Out, start: usize, end: usize, r: &Rules, may_filter: bool) {
    let json = out.json.as_bytes();
    // Fewer bytes than `max_len` are fewer characters: nothing to cut.
    let cut = if end - start > r.max_len {
        clip(json, start, end, r.max_len)
    } else {
        None
    };
    // Filters see the value up to the cut, no further.
    let s = json.get(..cut.unwrap_or(end)).unwrap_or_default();
    // A value no filter can change is copied whole, not tried at every word.
    let mut i = if may_filter { start } else { s.len() };
    let mut boundary = true;
    while let Some(&c) = s.get(i) {
        let mut keep = 0;
        let len = secret_at(s.get(i..).unwrap_or_default(), r, boundary, &mut keep);
        if len > 0 {
            out.put(i + keep, i + len, FILTERED);
            i += len;
            boundary = false;
        } else if c == b'\\' {
            i += escape_len(s, i);
            boundary = true;
        } else {
            i += 1;
            boundary = !is_word(c);
        }
    }
    if let Some(cut) = cut {
        out.put(cut, end, "…");
    }
}

/// The end of a secret starting at the front of `s`, 0 when there is none; `keep` is set to
/// the bytes before the secret itself that stay (`Bearer `, `?token=`). Only a literal pattern
/// or a query parameter may start inside a word.
fn secret_at(s: &[u8], r: &Rules, boundary: bool, keep: &mut usize) -> usize {
    let mut end = 0;
    if r.query {
        end = query_param(s, keep);
    }
    if boundary && r.secrets {
        if end == 0 {
            end = bearer(s, keep);
        }
        if end == 0 {
            end = jwt(s);
        }
        if end == 0 {
            end = card(s);
        }
    }
    if end == 0 && boundary && r.emails {
        end = email(s);
    }
    if end == 0 {
        if let Some(p) = r
            .patterns
            .iter()
            .find(|p| !p.is_empty() && s.starts_with(p.as_bytes()))
        {
            end = p.len();
        }
    }
    end
}

/// `Bearer <token>`: keeps the word, filters the token.
fn bearer(s: &[u8], keep: &mut usize) -> usize {
    if !s.get(..7).is_some_and(|head| same(b"bearer ", head, true)) {
        return 0;
    }
    let mut spaces = 7;
    while byte(s, spaces) == b' ' {
        spaces += 1;
    }
    let end = skip(s, spaces, b"_-.~+/=");
    if end - spaces < 8 {
        return 0;
    }
    *keep = spaces;
    end
}

/// A JWT: three base64url segments, the first starting `eyJ` (`{"` encoded).
fn jwt(s: &[u8]) -> usize {
    if !s.starts_with(b"eyJ") {
        return 0;
    }
    let mut i = 0;
    for _ in 0..2 {
        let dot = skip(s, i, b"_-");
        if dot < i + 2 || byte(s, dot) != b'.' {
            return 0;
        }
        i = dot + 1;
    }
    skip(s, i, b"_-")
}

/// 13 to 19 digits, single spaces or dashes between them, first digit 2-6, Luhn-valid. The
/// longest such run wins, so two card numbers in a row are both found.
fn card(s: &[u8]) -> usize {
    if !matches!(byte(s, 0), b'2'..=b'6') {
        return 0;
    }
    // The Luhn sums of the digits so far, with the last digit kept and with it doubled: a
    // digit added keeps itself and turns each sum into the other.
    let (mut kept, mut doubled) = (0u32, 0u32);
    // A match ends after 13 digits or more: 0 is none.
    let (mut n, mut i, mut best) = (0, 0, 0);
    while n < 19 && byte(s, i).is_ascii_digit() {
        let d = u32::from(byte(s, i) - b'0');
        (kept, doubled) = (doubled + d, kept + if d > 4 { 2 * d - 9 } else { 2 * d });
        n += 1;
        i += 1;
        let next = byte(s, i);
        if n >= 13 && kept % 10 == 0 && !next.is_ascii_digit() {
            best = i;
        }
        if matches!(next, b' ' | b'-') && byte(s, i + 1).is_ascii_digit() {
            i += 1;
        }
    }
    if best == 0 || is_word(byte(s, best)) {
        return 0;
    }
    best
}

/// `local@domain.tld`. The local part starts with a letter, digit or `_` (never a dot), so the
/// `.` left after an earlier `[Filtered]` is not mistaken for one: filtering twice changes nothing.
fn email(s: &[u8]) -> usize {
    if !is_word(byte(s, 0)) {
        return 0;
    }
    let at = skip(s, 0, b"_.%+-");
    if byte(s, at) != b'@' {
        return 0;
    }
    let mut end = skip(s, at + 1, b"-.");
    if byte(s, end - 1) == b'.' {
        end -= 1;
    }
    // The top-level domain: two or more letters after the host's last dot.
    let mut tld = end;
    while tld > at && byte(s, tld - 1).is_ascii_alphabetic() {
        tld -= 1;
    }
    if end - tld < 2 || byte(s, tld - 1) != b'.' {
        return 0;
    }
    end
}

/// `?name=value` or `&name=value` with a secret-looking name: keeps `?name=`.
fn query_param(s: &[u8], keep: &mut usize) -> usize {
    if !matches!(byte(s, 0), b'?' | b'&') {
        return 0;
    }
    let eq = skip(s, 1, b"_-.");
    if byte(s, eq) != b'=' || flags(s.get(1..eq).unwrap_or_default()) & QUERY == 0 {
        return 0;
    }
    let mut end = eq + 1;
    while !matches!(byte(s, end), 0 | b'&' | b'#' | b'"' | b'\\' | b' ') {
        end += 1;
    }
    if end == eq + 1 {
        return 0;
    }
    *keep = eq + 1;
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules<'static> {
        Rules {
            secrets: true,
            emails: true,
            query: true,
            patterns: &[],
            max_len: 8192,
        }
    }

    #[test]
    fn filters_values_not_keys() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "bearer",
                r#"{"message":"auth Bearer abcdefgh12345678 failed"}"#,
                r#"{"message":"auth Bearer [Filtered] failed"}"#,
            ),
            (
                "jwt after an escape",
                r#"{"m":"x\neyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-_x"}"#,
                r#"{"m":"x\n[Filtered]"}"#,
            ),
            (
                "card with spaces",
                r#"{"m":"card 4111 1111 1111 1111."}"#,
                r#"{"m":"card [Filtered]."}"#,
            ),
            (
                "two in a row",
                r#"{"m":"4111 1111 1111 1111 4242-4242-4242-4242"}"#,
                r#"{"m":"[Filtered] [Filtered]"}"#,
            ),
            (
                "not luhn",
                r#"{"m":"4111 1111 1111 1112"}"#,
                r#"{"m":"4111 1111 1111 1112"}"#,
            ),
            (
                "email",
                r#"{"m":"mail jane.doe+x@example.co.uk now"}"#,
                r#"{"m":"mail [Filtered] now"}"#,
            ),
            (
                "query",
                r#"{"url":"https://a.b/c?x=1&token=s3cr3t&y=2#f"}"#,
                r#"{"url":"https://a.b/c?x=1&token=[Filtered]&y=2#f"}"#,
            ),
            (
                "values under secret keys",
                r#"{"Cookie":"sid=abc","n":{"password":"pw","x":"ok"},"token":1}"#,
                r#"{"Cookie":"[Filtered]","n":{"password":"[Filtered]","x":"ok"},"token":1}"#,
            ),
            (
                "generated ids are never mistaken for card numbers",
                r#"{"span_id":"4111111111111111","trace":{"parent_span_id":"4111111111111111"},"x":"4111111111111111"}"#,
                r#"{"span_id":"4111111111111111","trace":{"parent_span_id":"4111111111111111"},"x":"[Filtered]"}"#,
            ),
            (
                "keys, ids and numbers untouched",
                r#"{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig":4111111111111111,"event_id":"4111111111111111a"}"#,
                r#"{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig":4111111111111111,"event_id":"4111111111111111a"}"#,
            ),
        ];
        for (why, input, want) in cases {
            assert_eq!(scrub_json(input, &rules()), *want, "{why}");
        }
    }

    #[test]
    fn clips_long_values_outside_escapes() {
        let r = Rules {
            max_len: 3,
            ..rules()
        };
        assert_eq!(
            scrub_json(r#"["ab\"cd","é\u00e9xy"]"#, &r),
            r#"["ab\"…","é\u00e9x…"]"#
        );
    }

    /// The quick look of `string_end` never lets through a value the full scan would change.
    #[test]
    fn values_copied_whole_are_the_ones_no_filter_changes() {
        let parts = [
            "a",
            "4",
            " ",
            "?",
            "&",
            "@",
            "J",
            "eyJ",
            "Bearer ",
            ".",
            "-",
            "token=",
            "\\n",
            "\\u0040",
            "é",
            "4111 1111 1111 1111",
            "4111111111111111",
            "4111-1111-1111-1111",
            "4111-11111",
            "127.0.0.1:5173",
            "x@ex.io",
            "ab.cd",
        ];
        let p = [String::from("ab")];
        let all = rules();
        let rule_sets = [
            Rules {
                patterns: &p,
                ..all.clone()
            },
            Rules {
                emails: false,
                ..all.clone()
            },
            Rules {
                secrets: false,
                query: false,
                ..all.clone()
            },
            all,
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    let mut s = String::from(a);
                    s.push_str(b);
                    s.push_str(c);
                    for r in &rule_sets {
                        let may = string_end(s.as_bytes(), 0).1 || !r.patterns.is_empty();
                        assert_eq!(scrub_value(&s, r, may), scrub_value(&s, r, true), "{s:?}");
                    }
                }
            }
        }
    }

    /// One raw string value scrubbed on its own.
    fn scrub_value(s: &str, r: &Rules, may_filter: bool) -> String {
        let mut out = Out {
            text: String::new(),
            json: s,
            copied: 0,
        };
        scrub_str(&mut out, 0, s.len(), r, may_filter);
        out.put(s.len(), s.len(), "");
        out.text
    }

    #[test]
    fn options_turn_filters_off() {
        let p = [String::from("hunter2")];
        let r = Rules {
            emails: false,
            patterns: &p,
            ..rules()
        };
        assert_eq!(
            scrub_json(r#"["a@b.io pw=hunter2!"]"#, &r),
            r#"["a@b.io pw=[Filtered]!"]"#
        );
    }
}
