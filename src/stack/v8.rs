//! V8 stack lines (Chrome, Edge, Node): `    at name (location)` or `    at location`.
//!
//! What V8 prints (`SerializeJSStackFrame` in V8's `src/objects/call-site-info.cc`), as captured
//! from Chromium 156 (`tests/fixtures/stacks/chromium.txt`):
//! - `at priceOf (http://h/cart.js:21:21)`, `at Cart.load (…)`, `at new Cart (…)`,
//!   `at get total (…)`, `at Object.loadUser [as fetchUser] (…)`: a name, then the location in
//!   parentheses. Names may hold spaces and parentheses of their own (Wasm names such as
//!   `MyClass::getAt(int) const`), and URLs may hold parentheses (`/(group)/page.js`), so the
//!   location is the text inside the parenthesis that matches the final `)`.
//! - `at http://h/main.js:12:1`: no name (top level, anonymous functions).
//! - `at async loadPage (…)`: an awaiting caller. `at async Promise.all (index 0)`: a
//!   combinator, whose "location" is the index of the promise.
//! - `at Array.map (<anonymous>)`, `at <anonymous>:1:7`: built-ins and code without a script
//!   URL (a string passed to `setTimeout`); older V8 printed `(native)`.
//! - `at evil (eval at runEval (http://h/main.js:24:3), <anonymous>:2:9)`: code from `eval` or
//!   `new Function`, located at the call that created it, nested once per level of eval.
//!   Like sentry-javascript, the frame takes that outermost call site as its file and position:
//!   the eval'd text itself has no URL a server could fetch.
//! - Wasm: `at name (wasm://wasm/fe9b0076:wasm-function[1]:0x30)`, see [`super::wasm`].

use super::{has_position, located_frame, number, wasm};
use crate::protocol::event::Frame;
use crate::text::{contains, rfind, rsplit_once, trim, trim_end, trim_start};

/// The text after `at ` when `line` is a V8 frame line.
pub(super) fn frame_text(line: &str) -> Option<&str> {
    trim(line).strip_prefix("at ")
}

/// Parses one V8 frame line; `None` when it is not one.
pub(super) fn parse_line(line: &str) -> Option<Frame> {
    let text = trim_start(frame_text(line)?);
    let text = text.strip_prefix("async ").unwrap_or(text);
    if !text.ends_with(")") && !is_bare_location(text) {
        return None;
    }
    let (name, location) = split_call(text);
    call_frame(name, location)
}

/// Whether `text`, printed without a name, is a location: V8 prints those with a position, as a
/// Wasm location, or as `native` or `<anonymous>`. Anything else after `at ` is a line of a
/// multi-line message ("at least one item is required").
fn is_bare_location(text: &str) -> bool {
    has_position(text) || contains(text, wasm::MARKER) || matches!(text, "native" | "<anonymous>")
}

/// The frame for a function `name` (possibly empty) called at `location`.
pub(super) fn call_frame(name: &str, location: &str) -> Option<Frame> {
    // Chromium 109 printed the async marker inside the parentheses: `fn (async http://…)`.
    let location = location.strip_prefix("async ").unwrap_or(location);
    if location.is_empty() {
        return None;
    }
    if let Some(frame) = wasm::frame(name, location) {
        return Some(frame);
    }
    // A promise's index is no location at all.
    let location = if is_promise_index(location) {
        ""
    } else {
        eval_origin(location)
    };
    Some(located_frame(name, location))
}

/// Splits `name (location)` at the parenthesis matching the final `)`. Text that does not end
/// in `)` is all location. When the parentheses do not balance, the last ` (` splits.
pub(super) fn split_call(text: &str) -> (&str, &str) {
    let Some(inner) = text.strip_suffix(")") else {
        return ("", text);
    };
    let mut depth = 0u32;
    for (i, byte) in inner.bytes().enumerate().rev() {
        match byte {
            b')' => depth = depth.saturating_add(1),
            b'(' if depth == 0 => return split_around(inner, i, 1),
            b'(' => depth -= 1,
            _ => {}
        }
    }
    match rfind(inner, " (") {
        Some(i) => split_around(inner, i, 2),
        None => ("", text),
    }
}

/// The trimmed text before byte `at` and the text after the `len` bytes there. `at` is always
/// the index of an ASCII byte found in `text`, so both slices exist.
fn split_around(text: &str, at: usize, len: usize) -> (&str, &str) {
    let before = trim_end(text.get(..at).unwrap_or_default());
    let after = text.get(at + len..).unwrap_or_default();
    (before, after)
}

/// The location of the call that created eval'd code: `eval at fn (url:1:2), <anonymous>:3:4`
/// gives `url:1:2`, however deeply evals nest. Other locations are returned as they are.
fn eval_origin(mut location: &str) -> &str {
    while let Some(rest) = location.strip_prefix("eval at ") {
        let origin = rsplit_once(rest, ", ").map_or(rest, |(origin, _own)| origin);
        location = split_call(origin).1;
    }
    location
}

/// `index 0`: V8's "location" for a promise inside `Promise.all` and its siblings.
fn is_promise_index(location: &str) -> bool {
    location.strip_prefix("index ").and_then(number).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> Frame {
        match parse_line(line) {
            Some(frame) => frame,
            None => panic!("no frame"),
        }
    }

    #[test]
    fn split_call_matches_the_last_parenthesis() {
        assert_eq!(
            split_call("f (http://h/a.js:1:2)"),
            ("f", "http://h/a.js:1:2")
        );
        assert_eq!(split_call("http://h/a.js:1:2"), ("", "http://h/a.js:1:2"));
        assert_eq!(
            split_call("f (http://h/(g)/a.js:1:2)"),
            ("f", "http://h/(g)/a.js:1:2")
        );
        assert_eq!(
            split_call("A::b(int) const (x.wasm:wasm-function[1]:0x2)"),
            ("A::b(int) const", "x.wasm:wasm-function[1]:0x2")
        );
        assert_eq!(
            split_call("key(chunk loading:27:18)"),
            ("key", "chunk loading:27:18")
        );
        assert_eq!(split_call("f (a(b.js:1:2)"), ("f (a", "b.js:1:2"));
        assert_eq!(split_call("f x))"), ("", "f x))"));
        assert_eq!(split_call(")"), ("", ")"));
    }

    #[test]
    fn eval_origins_nest() {
        assert_eq!(
            eval_origin("eval at f (http://h/a.js:3:4), <anonymous>:1:2"),
            "http://h/a.js:3:4"
        );
        assert_eq!(
            eval_origin("eval at <anonymous> (eval at g (http://h/a.js:9:1)), <anonymous>:1:2"),
            "http://h/a.js:9:1"
        );
        assert_eq!(eval_origin("eval at "), "");
        assert_eq!(eval_origin("eval at eval at eval at "), "");
    }

    #[test]
    fn lines() {
        let f = one("    at async Object.callback (async http://h/:25:7)");
        assert_eq!(f.function.as_deref(), Some("Object.callback"));
        assert_eq!(f.filename.as_deref(), Some("http://h/"));
        let f = one("    at fn (native)");
        assert_eq!(
            (f.filename.as_deref(), f.in_app),
            (Some("native"), Some(false))
        );
        let f = one("    at native");
        assert_eq!(
            (f.function.as_deref(), f.filename.as_deref()),
            (Some("?"), Some("native"))
        );
        let f = one("    at <anonymous>");
        assert_eq!((f.function.as_deref(), f.in_app), (Some("?"), Some(false)));
        let f = one("    at async Promise.all (index 12)");
        assert_eq!(
            (f.function.as_deref(), f.filename.as_deref()),
            (Some("Promise.all"), None)
        );
        assert_eq!(parse_line("    at "), None);
        assert_eq!(parse_line("at"), None);
        assert_eq!(parse_line("    at ()"), None);
        assert_eq!(parse_line("Error: boom"), None);
        assert_eq!(parse_line("at least one item is required"), None);
        assert!(parse_line("    at wasm://wasm/ab:wasm-function[1]:0x30").is_some());
    }
}
