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

use crate::text::{find_any, trim_end_byte};
use alloc::string::String;

/// What replaces a secret.
pub const FILTERED: &str = "[Filtered]";

/// Query parameter names whose values are filtered (compared case-insensitively).
const SECRET_PARAMS: [&str; 11] = [
    "token",
    "access_token",
    "auth",
    "password",
    "secret",
    "api_key",
    "apikey",
    "key",
    "session",
    "code",
    "email",
];

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
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    let mut secret_key = false;
    let mut id_key = false;
    // Bytes compared as bytes: a one-byte `starts_with` or `split_once` calls `memcmp`, for
    // each of an event's hundreds of strings.
    while let Some(open) = find_any(rest, b"\"") {
        out.push_str(rest.get(..open).unwrap_or(""));
        out.push('"');
        let after = rest.get(open + 1..).unwrap_or("");
        let (end, may_filter) = string_end(after);
        let content = after.get(..end).unwrap_or(after);
        // After the closing quote at `end`, if there is one.
        let tail = after.get(end + 1..).unwrap_or("");
        if crate::text::trim_start(tail).as_bytes().first() == Some(&b':') {
            out.push_str(content);
            secret_key = rules.secrets && is_secret_key(content);
            // Every id key ends in `d`.
            id_key = content.as_bytes().last() == Some(&b'd') && ID_KEYS.contains(&content);
        } else if secret_key && after_key(&out) {
            out.push_str(FILTERED);
        } else if id_key && after_key(&out) {
            // Hex ids the SDK generates: an all-digit span id can pass the Luhn check by chance.
            out.push_str(content);
        } else {
            scrub_str(
                content,
                rules,
                may_filter || !rules.patterns.is_empty(),
                &mut out,
            );
        }
        out.push('"');
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// Whether `out` ends with a key and its colon, then the opening quote of a value.
fn after_key(out: &str) -> bool {
    crate::text::trim_end(trim_end_byte(out, b'"')).ends_with(":")
}

/// Keys whose string values are secrets whatever they look like (compared case-insensitively).
const SECRET_KEYS: [&str; 13] = [
    "cookie",
    "cookies",
    "set-cookie",
    "authorization",
    "proxy-authorization",
    "x-api-key",
    "password",
    "passwd",
    "secret",
    "token",
    "access_token",
    "api_key",
    "private_key",
];

/// Keys whose values are ids the SDK generated; they are never filtered.
const ID_KEYS: [&str; 5] = ["event_id", "trace_id", "span_id", "parent_span_id", "sid"];

fn is_secret_key(key: &str) -> bool {
    SECRET_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
}

/// Byte index of the closing quote of a JSON string whose opening quote was just consumed, and
/// whether a filter could change the string: every filter needs one of these bytes (`?` or `&`
/// before a query parameter, `@` in an email, the space of `Bearer `, the `J` of a JWT's `eyJ`)
/// or 13 digits with only spaces or dashes between them (a card number). Most values of an
/// event (function names, file URLs, types) have none, and are then copied whole instead of
/// tried at every word.
fn string_end(s: &str) -> (usize, bool) {
    let (mut escaped, mut hit, mut digits) = (false, false, 0);
    for (i, b) in s.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'"' => return (i, hit),
            b'?' | b'&' | b'@' | b' ' | b'J' => hit = true,
            b'0'..=b'9' => {
                digits += 1;
                hit |= digits >= 13;
            }
            b'-' => {}
            _ => digits = 0,
        }
    }
    (s.len(), hit)
}

/// Byte length of the escape sequence starting at `s` (which begins with `\`).
fn escape_len(s: &[u8]) -> usize {
    if s.get(1) == Some(&b'u') {
        6
    } else {
        2
    }
}

/// Cuts raw string content after `max` characters, never inside an escape sequence.
fn clip(s: &str, max: usize) -> Option<&str> {
    let b = s.as_bytes();
    let (mut i, mut chars) = (0, 0);
    while i < b.len() {
        if chars == max {
            return s.get(..i);
        }
        i += match b.get(i) {
            Some(b'\\') => escape_len(b.get(i..).unwrap_or(&[])),
            Some(c) if *c >= 0xF0 => 4,
            Some(c) if *c >= 0xE0 => 3,
            Some(c) if *c >= 0xC0 => 2,
            _ => 1,
        };
        chars += 1;
    }
    None
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_token(b: u8) -> bool {
    is_word(b) || matches!(b, b'-' | b'.' | b'~' | b'+' | b'/' | b'=')
}

/// Filters one raw (still escaped) string value into `out`.
/// `may_filter` false: no filter can change it (see [`string_end`]).
fn scrub_str(raw: &str, r: &Rules, may_filter: bool, out: &mut String) {
    // Fewer bytes than `max_len` are fewer characters: nothing to cut.
    let clipped = if raw.len() > r.max_len {
        clip(raw, r.max_len)
    } else {
        None
    };
    let s = clipped.unwrap_or(raw);
    let b = s.as_bytes();
    // A value no filter can change is copied whole, not tried at every word.
    let mut i = if may_filter { 0 } else { b.len() };
    let (mut copied, mut boundary) = (0, true);
    while let Some(&c) = b.get(i) {
        let at = b.get(i..).unwrap_or(&[]);
        let hit = if c == b'?' || c == b'&' {
            if r.query {
                query_param(at)
            } else {
                None
            }
        } else if boundary {
            secret_at(at, r)
        } else {
            None
        }
        .or_else(|| pattern_at(at, r.patterns));
        if let Some((keep, end)) = hit {
            out.push_str(s.get(copied..i + keep).unwrap_or(""));
            out.push_str(FILTERED);
            i += end;
            copied = i;
            boundary = false;
        } else if c == b'\\' {
            i += escape_len(at);
            boundary = true;
        } else {
            i += 1;
            boundary = !is_word(c);
        }
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    if clipped.is_some() {
        out.push('…');
    }
}

/// A secret starting at the front of `s`: `(bytes to keep, bytes consumed)`.
fn secret_at(s: &[u8], r: &Rules) -> Option<(usize, usize)> {
    if r.secrets {
        if let Some(m) = bearer(s).or_else(|| jwt(s)).or_else(|| card(s)) {
            return Some(m);
        }
    }
    if r.emails {
        return email(s);
    }
    None
}

fn run(s: &[u8], f: fn(u8) -> bool) -> usize {
    let mut n = 0;
    while s.get(n).is_some_and(|b| f(*b)) {
        n += 1;
    }
    n
}

/// `Bearer <token>`: keeps the word, filters the token.
fn bearer(s: &[u8]) -> Option<(usize, usize)> {
    let head = s.get(..7)?;
    if !head.eq_ignore_ascii_case(b"bearer ") {
        return None;
    }
    let spaces = run(s.get(7..)?, |b| b == b' ');
    let n = run(s.get(7 + spaces..)?, is_token);
    (n >= 8).then_some((7 + spaces, 7 + spaces + n))
}

/// A JWT: three base64url segments, the first starting `eyJ` (`{"` encoded).
fn jwt(s: &[u8]) -> Option<(usize, usize)> {
    if !s.starts_with(b"eyJ") {
        return None;
    }
    let b64 = |b: u8| is_word(b) || b == b'-';
    let mut i = 0;
    for part in 0..3 {
        let n = run(s.get(i..)?, b64);
        if n < 2 && part < 2 {
            return None;
        }
        i += n;
        if part < 2 {
            if s.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
    }
    Some((0, i))
}

/// 13 to 19 digits, single spaces or dashes between them, first digit 2-6, Luhn-valid. The
/// longest such run wins, so two card numbers in a row are both found.
fn card(s: &[u8]) -> Option<(usize, usize)> {
    if !matches!(s.first(), Some(b'2'..=b'6')) {
        return None;
    }
    let (mut digits, mut n) = ([0u8; 19], 0);
    let (mut i, mut best) = (0, None);
    while let Some(&c) = s.get(i) {
        let Some(slot) = digits.get_mut(n).filter(|_| c.is_ascii_digit()) else {
            break;
        };
        *slot = c - b'0';
        n += 1;
        i += 1;
        let next = s.get(i).copied();
        let at_end = !next.is_some_and(|b| b.is_ascii_digit());
        if at_end && n >= 13 && luhn(digits.get(..n).unwrap_or_default()) {
            best = Some(i);
        }
        if matches!(next, Some(b' ' | b'-')) && s.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let end = best?;
    (!s.get(end).is_some_and(|b| is_word(*b))).then_some((0, end))
}

fn luhn(digits: &[u8]) -> bool {
    let (mut sum, mut double) = (0u32, false);
    for d in digits.iter().rev() {
        let mut d = u32::from(*d);
        if double {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
        double = !double;
    }
    sum % 10 == 0
}

/// `local@domain.tld`. The local part starts with a letter, digit or `_` (never a dot), so the
/// `.` left after an earlier `[Filtered]` is not mistaken for one: filtering twice changes nothing.
fn email(s: &[u8]) -> Option<(usize, usize)> {
    if !is_word(*s.first()?) {
        return None;
    }
    let local = run(s, |b| is_word(b) || matches!(b, b'.' | b'%' | b'+' | b'-'));
    if s.get(local) != Some(&b'@') {
        return None;
    }
    let domain = s.get(local + 1..)?;
    let n = run(domain, |b| {
        b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
    });
    let host = domain.get(..n)?;
    let host = host.strip_suffix(b".").unwrap_or(host);
    let dot = host.iter().rposition(|b| *b == b'.')?;
    let tld = host.get(dot + 1..)?;
    let ok = tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic);
    ok.then_some((0, local + 1 + host.len()))
}

/// `?name=value` or `&name=value` with a secret-looking name: keeps `?name=`.
fn query_param(s: &[u8]) -> Option<(usize, usize)> {
    let rest = s.get(1..)?;
    let name = rest.get(..run(rest, |b| is_word(b) || b == b'-' || b == b'.'))?;
    if rest.get(name.len()) != Some(&b'=')
        || !SECRET_PARAMS
            .iter()
            .any(|p| p.as_bytes().eq_ignore_ascii_case(name))
    {
        return None;
    }
    let keep = name.len() + 2;
    let value = run(s.get(keep..)?, |b| {
        !matches!(b, b'&' | b'#' | b'"' | b'\\' | b' ')
    });
    (value > 0).then_some((keep, keep + value))
}

/// A literal pattern at the front of `s`.
fn pattern_at(s: &[u8], patterns: &[String]) -> Option<(usize, usize)> {
    patterns
        .iter()
        .find(|p| !p.is_empty() && s.starts_with(p.as_bytes()))
        .map(|p| (0, p.len()))
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
                        let (mut full, mut quick) = (String::new(), String::new());
                        scrub_str(&s, r, true, &mut full);
                        let may = string_end(&s).1 || !r.patterns.is_empty();
                        scrub_str(&s, r, may, &mut quick);
                        assert_eq!(quick, full, "{s:?}");
                    }
                }
            }
        }
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
