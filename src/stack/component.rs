//! React component stacks (`errorInfo.componentStack`) to frames, one per component.
//!
//! What React prints, one `\n`-led line per component, innermost first (React's
//! `describeBuiltInComponentFrame` and `describeNativeComponentFrame` in
//! `packages/shared/ReactComponentStackFrame.js`; the V8 forms captured from Chromium 156 in
//! `tests/fixtures/stacks/react-component.txt`):
//!
//! | React | function and class components | host and built-in components (`div`, `Suspense`) |
//! |---|---|---|
//! | 16 | `in PriceTag (at PriceTag.tsx:4)` (dev with JSX source), `in PriceTag (created by App)`, `in PriceTag` | the same forms |
//! | 17, 18 | the engine's own frame for the component: `at PriceTag (http://h/src/PriceTag.tsx:4:3)` in V8, `PriceTag@http://h/src/PriceTag.tsx:4:3` in SpiderMonkey and JavaScriptCore | `at div` in V8, `div` elsewhere |
//! | 19 | as 18 | `at div (<anonymous>)` in V8, `div@unknown:0:0` elsewhere |
//!
//! React finds a component's location by calling it until it throws, so a component that
//! never reaches a throw (one that reads no props) falls back to the built-in form: its name
//! with no location (`at Shop`, `at Shop (<anonymous>)`). React drops V8's `new ` from class
//! components. Production builds print the same forms with minified names
//! (`at fp (http://h/assets/index-B7kQ2x9c.js:8:58107)`).
//!
//! A component with a location becomes a frame as its engine's stack line would. One without
//! becomes a frame with only the function name: no filename, so not in-app.

use super::{collect, gecko, has_position, located_frame, name_only_frame, v8};
use crate::protocol::event::Frame;
use crate::text::{split_once, trim, trim_start};
use alloc::vec::Vec;

/// Parses React's `componentStack` into frames, the root component (e.g. `App`) first and the
/// innermost component last, at most [`super::MAX_FRAMES`] (the innermost ones).
///
/// ```
/// use faultline::stack::parse_component_stack;
///
/// let frames = parse_component_stack("\n    at PriceTag (http://localhost:5173/src/PriceTag.tsx:4:3)\n    at div\n    at App");
/// let names: Vec<_> = frames.iter().filter_map(|f| f.function.as_deref()).collect();
/// assert_eq!(names, ["App", "div", "PriceTag"]);
/// assert_eq!(frames[1].filename, None);
/// ```
pub fn parse_component_stack(stack: &str) -> Vec<Frame> {
    collect(stack, parse_line)
}

/// One component line in any of the forms above; `None` for blank lines. Every form without a
/// location ends in one name-only frame.
fn parse_line(line: &str) -> Option<Frame> {
    let text = trim(line);
    let legacy = text.strip_prefix("in ");
    let name = if let Some(rest) = legacy.or_else(|| v8::frame_text(text)) {
        match (legacy.is_some(), v8::split_call(trim_start(rest))) {
            // React 16: `PriceTag (at PriceTag.tsx:4)`, `div (created by App)` or `App`.
            (true, ("", name)) => name,
            (true, (name, detail)) => match detail.strip_prefix("at ") {
                Some(location) => return Some(located_frame(name, location)),
                None => name,
            },
            (false, (name, "<anonymous>")) => name,
            (false, ("", name)) if !has_position(name) => name,
            (false, (name, location)) => return v8::call_frame(name, location),
        }
    } else {
        match split_once(text, "@") {
            Some((name, "unknown:0:0")) => name,
            Some((name, location)) => return gecko::call_frame(name, location),
            None if text.is_empty() => return None,
            None => text,
        }
    };
    Some(name_only_frame(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn fields(line: &str) -> Option<(String, Option<String>, Option<u32>)> {
        parse_line(line).map(|f| (f.function.unwrap_or_default(), f.filename, f.lineno))
    }

    #[test]
    fn forms() {
        let host = |name: &str| Some((String::from(name), None, None));
        assert_eq!(fields("    at div"), host("div"));
        assert_eq!(fields("    at div (<anonymous>)"), host("div"));
        assert_eq!(fields("div@unknown:0:0"), host("div"));
        assert_eq!(fields("div"), host("div"));
        assert_eq!(fields("    in div (created by App)"), host("div"));
        assert_eq!(fields("    in App"), host("App"));
        assert_eq!(
            fields("    in PriceTag (at PriceTag.tsx:4)"),
            Some(("PriceTag".into(), Some("PriceTag.tsx".into()), Some(4)))
        );
        assert_eq!(
            fields("PriceTag@http://h/p.tsx:4:3"),
            Some(("PriceTag".into(), Some("http://h/p.tsx".into()), Some(4)))
        );
        assert_eq!(
            fields("    at http://h/anon.js:3:5"),
            Some(("?".into(), Some("http://h/anon.js".into()), Some(3)))
        );
        assert_eq!(fields("   "), None);
    }
}
