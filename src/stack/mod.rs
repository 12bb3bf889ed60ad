//! JavaScript stack strings to Sentry frames, in Rust.
//!
//! [`parse`] reads any engine's `Error.stack`: V8 (Chrome, Edge, Node), SpiderMonkey (Firefox)
//! and JavaScriptCore (Safari), with Wasm frames in each engine's form. [`parse_component_stack`]
//! reads React's `componentStack`. Both return frames **oldest call first, crashing frame last**,
//! the order Sentry wants (the reverse of the string), and keep at most the [`MAX_FRAMES`]
//! newest.
//!
//! Page data is hostile, so this module never fails and never panics: a line it does not
//! understand is skipped, a number that does not fit a `u32` is no number, and every input is
//! read once, line by line. It formats nothing (no `core::fmt`), which keeps the Wasm small.
//!
//! ```
//! use faultline::stack::parse;
//!
//! let frames = parse("TypeError: x is undefined\n    at total (http://localhost:5173/src/cart.js:10:5)\n    at http://localhost:5173/src/main.js:3:1");
//! assert_eq!(frames.len(), 2);
//! assert_eq!(frames[1].function.as_deref(), Some("total"));
//! assert_eq!(frames[1].lineno, Some(10));
//! ```

mod component;
mod gecko;
mod in_app;
mod v8;
mod wasm;

pub use component::parse_component_stack;
pub use in_app::is_in_app;

use crate::protocol::event::Frame;
use crate::text;
use alloc::string::String;
use alloc::vec::Vec;

/// The most frames kept, the newest ones (sentry-javascript's `STACKTRACE_FRAME_LIMIT`);
/// Chromium keeps 10 unless the page raises `Error.stackTraceLimit`.
pub const MAX_FRAMES: usize = 50;

/// Lines longer than this many bytes are skipped, not parsed. sentry-javascript cuts them at the
/// same length; such a line is minified code or an inlined `data:` script, never a useful frame,
/// and the cap bounds the work per line.
pub const MAX_LINE_BYTES: usize = 1024;

/// What Sentry shows for a function the engine does not name.
const UNKNOWN_FUNCTION: &str = "?";

/// Parses an `Error.stack` string from any engine into frames, oldest call first.
///
/// The engine is told by the lines: if any line is a V8 frame (`at …`), the string is V8's and
/// its first line is the `Name: message` header unless it is itself an indented frame; otherwise
/// the lines are SpiderMonkey's or JavaScriptCore's `name@location`, which have no header.
/// Function names keep `Class.method`, `new Foo` (as sentry-javascript keeps them) and
/// `[as alias]`; an `async` marker is dropped; `<anonymous>` or no name becomes `?`.
pub fn parse(stack: &str) -> Vec<Frame> {
    let is_v8 = text::lines(stack).any(|line| v8::frame_text(line).is_some());
    if !is_v8 {
        return collect(stack, gecko::parse_line);
    }
    let indented = stack
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_whitespace());
    let body = match text::split_once(stack, "\n") {
        Some((_header, rest)) if !indented => rest,
        None if !indented => "",
        _ => stack,
    };
    collect(body, v8::parse_line)
}

/// Parses each line with `parse_line` until [`MAX_FRAMES`] frames are found, then puts the
/// frames oldest first. The string lists the newest call first, so the newest are kept.
fn collect(stack: &str, parse_line: fn(&str) -> Option<Frame>) -> Vec<Frame> {
    let mut frames = Vec::new();
    for line in text::lines(stack) {
        if frames.len() == MAX_FRAMES {
            break;
        }
        if line.len() <= MAX_LINE_BYTES {
            if let Some(frame) = parse_line(line) {
                frames.push(frame);
            }
        }
    }
    crate::sort::reverse(&mut frames);
    frames
}

/// A JavaScript frame. An empty `filename` means the engine printed no location: such a frame
/// has no filename and is not in-app.
fn js_frame(function: &str, filename: &str, lineno: Option<u32>, colno: Option<u32>) -> Frame {
    let filename = file_label(filename);
    let in_app = filename.as_deref().is_some_and(is_in_app);
    let mut frame = new_frame(function, filename, in_app, None);
    frame.lineno = lineno;
    frame.colno = colno;
    frame
}

/// The frame of `function` (cleaned by [`function_name`]) in `filename`, at the Wasm
/// `instruction_addr` if given (relative to debug image 0), every other field empty. Every
/// parser builds its frames here, so the struct is filled in one place only.
#[inline(never)]
fn new_frame(
    function: &str,
    filename: Option<String>,
    in_app: bool,
    instruction_addr: Option<String>,
) -> Frame {
    Frame {
        function: Some(function_name(function)),
        filename,
        in_app: Some(in_app),
        addr_mode: instruction_addr.is_some().then(|| "rel:0".into()),
        instruction_addr,
        abs_path: None,
        lineno: None,
        colno: None,
        platform: None,
    }
}

/// The frame of `function` at `location`, `file:line:col`, `file:line` or a bare file: the
/// form both V8 and SpiderMonkey/JavaScriptCore print, and React 16's `at` detail.
fn located_frame(function: &str, location: &str) -> Frame {
    let (file, lineno, colno) = split_position(location);
    js_frame(function, file, lineno, colno)
}

/// A frame that names a function and nothing else: a host component, or a JavaScriptCore
/// frame of code without a source URL.
fn name_only_frame(function: &str) -> Frame {
    located_frame(function, "")
}

/// `?` for what engines print when a function has no name, the trimmed name otherwise.
fn function_name(name: &str) -> String {
    match crate::text::trim(name) {
        "" | "<anonymous>" => UNKNOWN_FUNCTION,
        name => name,
    }
    .into()
}

/// The filename to send for a location. A `data:` URL carries the script itself: only its
/// media type is kept (`<data:text/javascript>`, sentry-javascript's label), so events do not
/// carry inlined code.
fn file_label(location: &str) -> Option<String> {
    if location.is_empty() {
        return None;
    }
    let Some(rest) = location.strip_prefix("data:") else {
        return Some(location.into());
    };
    let media_type = text::split_once(rest, ",").map_or(rest, |(media_type, _data)| media_type);
    let mut label = String::with_capacity(media_type.len() + 7);
    label.push_str("<data:");
    label.push_str(media_type);
    label.push('>');
    Some(label)
}

/// Splits `file:line:col` or `file:line` into its parts. Text without a numeric suffix is all
/// file. A suffix of digits too large for a `u32` is still a position, just an unknown one.
fn split_position(location: &str) -> (&str, Option<u32>, Option<u32>) {
    let Some((rest, last)) = split_number(location) else {
        return (location, None, None);
    };
    match split_number(rest) {
        Some((file, line)) => (file, line, last),
        None => (rest, last, None),
    }
}

/// Whether `location` ends in a position (`:line` or `:line:col`).
fn has_position(location: &str) -> bool {
    split_number(location).is_some()
}

/// Splits a final `:digits` off `location`: the text before it and the number, if it fits.
fn split_number(location: &str) -> Option<(&str, Option<u32>)> {
    let (rest, digits) = text::rsplit_once(location, ":")?;
    Some((rest, number(digits)?))
}

/// Reads ASCII decimal digits; `None` when empty, not digits, or over `u32::MAX`.
fn parse_u32(digits: &str) -> Option<u32> {
    number(digits).flatten()
}

/// `None` unless `digits` is one or more ASCII digits; then their value, or `Some(None)` when it
/// does not fit a `u32` (a position still, just an unknown one).
fn number(digits: &str) -> Option<Option<u32>> {
    if digits.is_empty() {
        return None;
    }
    // Held at most 2^32, one past `u32::MAX`, so it never overflows and a number too large
    // stays too large.
    let mut n = 0u64;
    for b in digits.bytes() {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        n = (n * 10 + u64::from(digit)).min(1 << 32);
    }
    Some(u32::try_from(n).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_u32("0"), Some(0));
        assert_eq!(parse_u32("4294967295"), Some(u32::MAX));
        assert_eq!(parse_u32("4294967296"), None);
        assert_eq!(parse_u32("99999999999999999999"), None);
        assert_eq!(parse_u32(""), None);
        assert_eq!(parse_u32("1a"), None);
        assert_eq!(parse_u32("-1"), None);
    }

    #[test]
    fn positions() {
        assert_eq!(
            split_position("http://h/a.js:12:5"),
            ("http://h/a.js", Some(12), Some(5))
        );
        assert_eq!(
            split_position("PriceTag.tsx:4"),
            ("PriceTag.tsx", Some(4), None)
        );
        assert_eq!(
            split_position("http://h/a.js"),
            ("http://h/a.js", None, None)
        );
        assert_eq!(split_position("native"), ("native", None, None));
        assert_eq!(
            split_position("a.js:99999999999:3"),
            ("a.js", None, Some(3))
        );
        assert_eq!(split_position(":1:2"), ("", Some(1), Some(2)));
        assert_eq!(split_position("a.js:1:"), ("a.js:1:", None, None));
        assert_eq!(
            split_position("C:\\app\\main.js:3:9"),
            ("C:\\app\\main.js", Some(3), Some(9))
        );
    }

    #[test]
    fn names() {
        assert_eq!(function_name(""), "?");
        assert_eq!(function_name(" <anonymous> "), "?");
        assert_eq!(function_name("new Cart"), "new Cart");
        assert_eq!(function_name("Object.<anonymous>"), "Object.<anonymous>");
    }

    #[test]
    fn data_urls_keep_only_the_media_type() {
        assert_eq!(
            file_label("data:text/javascript,throw new Error()").as_deref(),
            Some("<data:text/javascript>")
        );
        assert_eq!(file_label("data:").as_deref(), Some("<data:>"));
        assert_eq!(file_label(""), None);
    }

    #[test]
    fn v8_header_is_skipped_even_when_it_looks_like_a_frame() {
        let frames = parse("Error: at least one item\n    at add (http://h/a.js:1:2)");
        assert_eq!(frames.len(), 1);
        assert_eq!(frames[0].function.as_deref(), Some("add"));
        let headerless = parse("    at add (http://h/a.js:1:2)\n    at http://h/a.js:9:1");
        assert_eq!(headerless.len(), 2);
    }

    #[test]
    fn one_v8_line_makes_the_whole_string_v8() {
        // A message line that reads like a SpiderMonkey frame, then the V8 frames.
        let frames = parse("Error: bad\nmail@http://h/a.js:1:2\n    at f (http://h/b.js:3:4)");
        assert_eq!(frames.len(), 1);
        assert_eq!(frames[0].function.as_deref(), Some("f"));
        // More SpiderMonkey-looking lines than are kept, and a V8 frame after them.
        let mut stack = String::from("Error: bad");
        for _ in 0..60 {
            stack.push_str("\nmail@http://h/a.js:1:2");
        }
        stack.push_str("\n    at f (http://h/b.js:3:4)");
        let frames = parse(&stack);
        assert_eq!(frames.len(), 1);
        assert_eq!(frames[0].filename.as_deref(), Some("http://h/b.js"));
    }

    #[test]
    fn keeps_the_newest_fifty() {
        let mut stack = String::from("RangeError: deep");
        for _ in 0..70 {
            stack.push_str("\n    at old (http://h/a.js:2:1)");
        }
        stack.insert_str(16, "\n    at newest (http://h/a.js:1:1)");
        let frames = parse(&stack);
        assert_eq!(frames.len(), MAX_FRAMES);
        assert_eq!(
            frames.last().and_then(|f| f.function.as_deref()),
            Some("newest")
        );
    }

    #[test]
    fn skips_long_lines() {
        let mut stack = String::from("Error\n    at f (http://h/");
        stack.push_str(&"a".repeat(MAX_LINE_BYTES));
        stack.push_str(".js:1:1)\n    at g (http://h/b.js:2:2)");
        let frames = parse(&stack);
        assert_eq!(frames.len(), 1);
        assert_eq!(frames[0].function.as_deref(), Some("g"));
    }
}
