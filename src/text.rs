//! Searching and splitting text without `core`'s string searchers.
//!
//! `str::find`, `split_once`, `lines` and their kin link the two-way searcher, and every one of
//! them, char patterns included, carries panic paths that format their message (byte indexes,
//! the char at a bad boundary, the range). In the npm Wasm that formatting machinery costs
//! kilobytes though it never runs. These helpers do the same jobs with byte loops and `get`, so
//! nothing here can panic: a match of a whole UTF-8 needle in UTF-8 text always starts and ends
//! on char boundaries, so the `get` that cuts there always succeeds.
//!
//! The scan is naive (each position compared in turn): the needles are separators or the app's
//! filter strings, and the texts are stack lines, headers, URLs and messages, all short.

/// Byte index of the first occurrence of `needle` in `s` (`Some(0)` for an empty needle).
pub fn find(s: &str, needle: &str) -> Option<usize> {
    let (h, n) = (s.as_bytes(), needle.as_bytes());
    let mut i = 0;
    while i + n.len() <= h.len() {
        // The first byte alone rules out almost every position, without a `memcmp` call.
        if n.first().is_none_or(|b| h.get(i) == Some(b)) && h.get(i..i + n.len()) == Some(n) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Byte index of the last occurrence of `needle` in `s` (`Some(s.len())` for an empty needle).
pub fn rfind(s: &str, needle: &str) -> Option<usize> {
    let (h, n) = (s.as_bytes(), needle.as_bytes());
    let mut i = h.len().checked_sub(n.len())?;
    loop {
        if h.get(i..i + n.len()) == Some(n) {
            return Some(i);
        }
        i = i.checked_sub(1)?;
    }
}

/// Whether `needle` occurs in `s`.
pub fn contains(s: &str, needle: &str) -> bool {
    find(s, needle).is_some()
}

/// Byte index of the first byte of `s` that is in `set` (ASCII bytes).
// `<[u8]>::contains` links `memchr`, 400 bytes of Wasm for sets of two to four bytes.
#[allow(clippy::manual_contains)]
pub fn find_any(s: &str, set: &[u8]) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(c) = b.get(i) {
        if set.iter().any(|x| x == c) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// `s` up to its first byte in `set` (ASCII bytes), all of `s` when there is none.
pub fn until_any<'a>(s: &'a str, set: &[u8]) -> &'a str {
    find_any(s, set).and_then(|i| s.get(..i)).unwrap_or(s)
}

/// The text before and after the `len` bytes at byte `at`, when both are whole text.
fn cut(s: &str, at: usize, len: usize) -> Option<(&str, &str)> {
    Some((s.get(..at)?, s.get(at.checked_add(len)?..)?))
}

/// `s` split around the first `needle`, as `str::split_once`.
pub fn split_once<'a>(s: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    cut(s, find(s, needle)?, needle.len())
}

/// `s` split around the last `needle`, as `str::rsplit_once`.
pub fn rsplit_once<'a>(s: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    cut(s, rfind(s, needle)?, needle.len())
}

/// The parts of `s` between occurrences of `sep`, as `str::split` (so `""` gives one empty
/// part). An empty `sep` gives `s` whole.
pub fn split<'a>(s: &'a str, sep: &'a str) -> impl Iterator<Item = &'a str> {
    let mut rest = Some(s);
    core::iter::from_fn(move || {
        let r = rest?;
        match split_once(r, sep).filter(|_| !sep.is_empty()) {
            Some((part, after)) => {
                rest = Some(after);
                Some(part)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// The lines of `s`, as `str::lines`: split at `\n`, a `\r` before it dropped, and no empty
/// line after a final `\n`.
pub fn lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    core::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        Some(match split_once(rest, "\n") {
            Some((line, after)) => {
                rest = after;
                line.strip_suffix("\r").unwrap_or(line)
            }
            None => core::mem::take(&mut rest),
        })
    })
}

/// `s` without the ASCII byte `b` repeated at its start.
pub fn trim_start_byte(s: &str, b: u8) -> &str {
    let mut start = 0;
    while s.as_bytes().get(start) == Some(&b) {
        start += 1;
    }
    s.get(start..).unwrap_or(s)
}

/// `s` without the ASCII byte `b` repeated at its end.
pub fn trim_end_byte(s: &str, b: u8) -> &str {
    let mut end = s.len();
    while end > 0 && s.as_bytes().get(end - 1) == Some(&b) {
        end -= 1;
    }
    s.get(..end).unwrap_or(s)
}

/// Whether `b` is exactly the UTF-8 encoding of one Unicode white space character (the set
/// `char::is_whitespace` and `str::trim` use). Matching encodings, not decoded chars, keeps
/// the trims free of the char decoder and of the Unicode property table.
fn is_space(b: &[u8]) -> bool {
    matches!(
        b,
        [b'\t'..=b'\r' | b' ']
            | [0xc2, 0x85 | 0xa0]
            | [0xe1, 0x9a, 0x80]
            | [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf]
            | [0xe2, 0x81, 0x9f]
            | [0xe3, 0x80, 0x80]
    )
}

/// Where the text of `s` starts without white space: a walk from the front that stops at the
/// first other character. `core`'s `trim` and its kin link the char-predicate searchers.
fn unspaced_start(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    // UTF-8 is prefix-free: the one length whose bytes encode a space is the character's.
    while let Some(n) = (1..4).find(|n| b.get(i..i + n).is_some_and(is_space)) {
        i += n;
    }
    i
}

/// Where the text of `s` ends without white space: a walk from the back, so a long text costs
/// only its trailing white space (trims run once per string of a payload).
fn unspaced_end(s: &str) -> usize {
    let b = s.as_bytes();
    let mut end = b.len();
    // A character's last bytes never start another one: the lengths tried cannot misread.
    while let Some(n) = (1..4).find(|n| {
        end.checked_sub(*n)
            .and_then(|start| b.get(start..end))
            .is_some_and(is_space)
    }) {
        end -= n;
    }
    end
}

/// `s` without white space at either end, as `str::trim`.
pub fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

/// `s` without white space at its start, as `str::trim_start`.
pub fn trim_start(s: &str) -> &str {
    s.get(unspaced_start(s)..).unwrap_or(s)
}

/// `s` without white space at its end, as `str::trim_end`.
pub fn trim_end(s: &str) -> &str {
    s.get(..unspaced_end(s)).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    /// Every helper against the `core` method it stands for, on awkward inputs.
    #[test]
    fn agrees_with_core() {
        let texts = [
            "",
            "a",
            "ab",
            "aaa",
            "a:b:c",
            ":",
            "::",
            "a::",
            "é:ü",
            "日本:語",
            "x (y (z))",
            "\n",
            "a\n",
            "a\r\nb",
            "a\n\nb\r",
            "\r\n\r\n",
            "a\rb\n",
            "ééé",
            "a:ébc:",
            " \t a b \u{a0}\u{3000}",
            "\u{2028}x\u{85} ",
            "\u{1680}\u{2000}\u{200a}\u{2029}\u{202f}\u{205f}x\u{200b}\u{feff}\u{180e}\u{2007}\u{0b}\u{1c}",
            "\u{c2}\u{a0}\u{80}\u{e280}\u{20ac}\u{e2}",
        ];
        let needles = ["", ":", "::", " (", "é", "語", "a", "aa", "\n", "ab:c"];
        for s in texts {
            for n in needles {
                assert_eq!(find(s, n), s.find(n), "find {s:?} {n:?}");
                assert_eq!(rfind(s, n), s.rfind(n), "rfind {s:?} {n:?}");
                assert_eq!(contains(s, n), s.contains(n), "contains {s:?} {n:?}");
                assert_eq!(split_once(s, n), s.split_once(n), "split_once {s:?} {n:?}");
                assert_eq!(
                    rsplit_once(s, n),
                    s.rsplit_once(n),
                    "rsplit_once {s:?} {n:?}"
                );
                if !n.is_empty() {
                    let ours: Vec<_> = split(s, n).collect();
                    let core: Vec<_> = s.split(n).collect();
                    assert_eq!(ours, core, "split {s:?} {n:?}");
                }
            }
            assert_eq!(
                lines(s).collect::<Vec<_>>(),
                s.lines().collect::<Vec<_>>(),
                "lines {s:?}"
            );
            assert_eq!(trim_start_byte(s, b'a'), s.trim_start_matches('a'));
            assert_eq!(trim(s), s.trim(), "trim {s:?}");
            assert_eq!(trim_start(s), s.trim_start());
            assert_eq!(trim_end(s), s.trim_end());
            assert_eq!(trim_end_byte(s, b':'), s.trim_end_matches(':'));
            assert_eq!(
                until_any(s, b":\n"),
                s.split([':', '\n']).next().unwrap_or(s)
            );
            assert_eq!(find_any(s, b"b:"), s.find(['b', ':']));
        }
        assert_eq!(split("a,b", "").collect::<Vec<_>>(), ["a,b"]);
    }

    proptest::proptest! {
        /// The same agreement on random text made of the separators the parsers use.
        #[test]
        fn agrees_with_core_on_random_text(
            s in "([:@/ (),\\r\\n\"é語\\t\u{a0}\u{3000}\u{85}\u{2029}\u{1680}\u{200a}]|at |line |\\PC){0,16}",
            n in "([:@/ (\\n]|é|\\PC){1,3}",
        ) {
            proptest::prop_assert_eq!(find(&s, &n), s.find(n.as_str()));
            proptest::prop_assert_eq!(rfind(&s, &n), s.rfind(n.as_str()));
            proptest::prop_assert_eq!(split_once(&s, &n), s.split_once(n.as_str()));
            proptest::prop_assert_eq!(rsplit_once(&s, &n), s.rsplit_once(n.as_str()));
            proptest::prop_assert_eq!(
                split(&s, &n).collect::<Vec<_>>(),
                s.split(n.as_str()).collect::<Vec<_>>()
            );
            proptest::prop_assert_eq!(lines(&s).collect::<Vec<_>>(), s.lines().collect::<Vec<_>>());
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }
    }
}
