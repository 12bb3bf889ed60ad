//! SpiderMonkey (Firefox) and JavaScriptCore (Safari) stack lines: `name@location`.
//!
//! Both engines print one frame per line with no header and no indentation:
//! - `priceOf@http://h/cart.js:21:21`, and `@http://h/main.js:12:34` for anonymous functions.
//! - Firefox names anonymous functions after their parent (`applyDiscount/<@…`). Safari prints
//!   `global code@…` and `module code@…` for top levels, `eval code@` with nothing after the
//!   `@` for eval'd code, and `map@[native code]` for built-ins.
//! - Firefox marks the first frame after an async boundary with its cause: `async*loadPage@…`,
//!   or `promise callback*`, `setTimeout handler*`, `EventListener.handleEvent*`. The cause is
//!   dropped.
//! - Firefox locates eval'd code at the call that created it, one ` line N > eval` per level:
//!   `evil@http://h/main.js line 24 > eval:2:9`, `… line 27 > Function:4:13` for
//!   `new Function`. As sentry-javascript does, the frame takes that outermost URL and line and
//!   no column (the column printed belongs to the eval'd text); an unnamed one is `eval`.
//! - Wasm: `name@http://h/app.wasm:wasm-function[1]:0x30` in Firefox,
//!   `<?>.wasm-function[1]@[wasm code]` in Safari; see [`super::wasm`].
//!
//! Free text can hold an `@` too, so a line is a frame only when what follows its first `@` is a
//! position (`…:line[:col]`), an eval site, a Wasm location, one of the bracketed engine
//! markers, or nothing at all after a name. URLs may hold `@` (`/@vite/client`,
//! `/node_modules/@scope/pkg`); names do not, hence the first one.

use super::{has_position, js_frame, located_frame, parse_u32, wasm};
use crate::protocol::event::Frame;
use crate::text::split_once;

/// What JavaScriptCore prints instead of a location for built-in functions.
const NATIVE_CODE: &str = "[native code]";

/// Parses one `name@location` line; `None` when it is not a frame.
pub(super) fn parse_line(line: &str) -> Option<Frame> {
    let (name, location) = split_once(crate::text::trim(line), "@")?;
    let name = without_async_cause(name);
    call_frame(name, location)
}

/// The frame for a function `name` (possibly empty) printed with `location`.
pub(super) fn call_frame(name: &str, location: &str) -> Option<Frame> {
    match location {
        "" if name.is_empty() => return None,
        // No location, or a built-in's: a frame with that as its filename (none for `""`).
        "" | NATIVE_CODE => {}
        wasm::JSC_WASM_LOCATION => return Some(wasm::jsc_frame(name)),
        _ => {
            if let Some(frame) = wasm::frame(name, location) {
                return Some(frame);
            }
            if let Some((file, lineno)) = eval_site(location) {
                let name = if name.is_empty() { "eval" } else { name };
                return Some(js_frame(name, file, lineno, None));
            }
            if !has_position(location) {
                return None;
            }
        }
    }
    Some(located_frame(name, location))
}

/// The URL and line of the call that created eval'd code, from
/// `url line 24 > eval:2:9` or `url line 24 > eval line 1 > Function:1:5`.
fn eval_site(location: &str) -> Option<(&str, Option<u32>)> {
    let (file, rest) = split_once(location, " line ")?;
    let (line, _eval_part) = split_once(rest, " > ")?;
    Some((file, parse_u32(line)))
}

/// `loadPage` from `async*loadPage` or `promise callback*loadPage`. Causes are words, spaces and
/// dots; a `*` after anything else belongs to the name (Wasm names such as `f(char*)`).
fn without_async_cause(name: &str) -> &str {
    match split_once(name, "*") {
        Some((cause, rest))
            if cause
                .bytes()
                .all(|b| b.is_ascii_alphabetic() || b == b' ' || b == b'.') =>
        {
            rest
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    /// Function, filename, line and column of a parsed line.
    type Fields = (String, Option<String>, Option<u32>, Option<u32>);

    fn fields(line: &str) -> Option<Fields> {
        parse_line(line).map(|f| {
            (
                f.function.unwrap_or_default(),
                f.filename,
                f.lineno,
                f.colno,
            )
        })
    }

    #[test]
    fn async_causes() {
        assert_eq!(without_async_cause("async*loadPage"), "loadPage");
        assert_eq!(without_async_cause("promise callback*onLoad"), "onLoad");
        assert_eq!(
            without_async_cause("EventListener.handleEvent*handleClick"),
            "handleClick"
        );
        assert_eq!(without_async_cause("read(char*, int)"), "read(char*, int)");
        assert_eq!(without_async_cause("applyDiscount/<"), "applyDiscount/<");
    }

    #[test]
    fn eval_sites() {
        assert_eq!(
            eval_site("http://h/m.js line 24 > eval:2:9"),
            Some(("http://h/m.js", Some(24)))
        );
        assert_eq!(
            eval_site("http://h/m.js line 9 > eval line 1 > Function:1:5"),
            Some(("http://h/m.js", Some(9)))
        );
        assert_eq!(
            eval_site("http://h/m.js line x > eval:1:1"),
            Some(("http://h/m.js", None))
        );
        assert_eq!(eval_site("http://h/m.js:1:1"), None);
    }

    #[test]
    fn lines() {
        let url = || Some(String::from("http://h/a.js"));
        assert_eq!(
            fields("f@http://h/a.js:1:2"),
            Some(("f".into(), url(), Some(1), Some(2)))
        );
        assert_eq!(
            fields("@http://h/a.js:1:2"),
            Some(("?".into(), url(), Some(1), Some(2)))
        );
        assert_eq!(
            fields("@http://h/a.js line 3 > eval:1:2"),
            Some(("eval".into(), url(), Some(3), None))
        );
        assert_eq!(
            fields("eval code@"),
            Some(("eval code".into(), None, None, None))
        );
        assert_eq!(
            fields("f@http://h/a.js:99999999999:1"),
            Some(("f".into(), url(), None, Some(1)))
        );
        assert_eq!(fields("@"), None);
        assert_eq!(fields("Error: mail a@b failed"), None);
        assert_eq!(fields("no at sign"), None);
    }
}
