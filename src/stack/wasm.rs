//! WebAssembly frames, in each engine's form.
//!
//! V8 and SpiderMonkey print the location the WebAssembly Web API sets out ("Conventions":
//! `${url}:wasm-function[${funcIndex}]:${pcOffset}`), the offset in hex, counted in bytes from
//! the start of the module:
//! - V8 (Chromium 156): `at inner_crash (wasm://wasm/fe9b0076:wasm-function[1]:0x30)`. The URL is
//!   `wasm://wasm/<hash>` for a module compiled from bytes (and for a streamed one whose bytes V8
//!   compiled before), the module's own URL otherwise, `<anonymous>` when it has neither. The
//!   name is the function's from the name section, prefixed by the module's name if the section
//!   has one (`app.wasm.alloc::h12`); with no names the line is just the location
//!   (V8 `SerializeWasmStackFrame`).
//! - SpiderMonkey: `inner_crash@http://h/app.wasm:wasm-function[1]:0x30`.
//!
//! Such a frame gets `instruction_addr` (lowercase `0x…`), `addr_mode: rel:0` and
//! `platform: native`, the shape `@sentry/wasm` sends, with which a server holding the module's
//! DWARF (debug image 0 of the event) can symbolicate it; it has no line or column. It is in-app
//! unless its URL says otherwise (a module from `node_modules/`, a CDN or an extension).
//!
//! JavaScriptCore prints no URL and no offset: `<module>.wasm-function[<index or name>]@[wasm
//! code]` (`<?>` when the module has no name), or `wasm-stub` for its call stubs
//! (WebKit `IndexOrName` in `wasm/WasmIndexOrName.cpp`). Those frames keep the function and
//! `[wasm code]` as filename, with no address to symbolicate.

use super::{is_in_app, new_frame};
use crate::protocol::event::Frame;
use crate::text::split_once;
use alloc::string::String;

/// What separates the module URL from the function index in V8 and SpiderMonkey.
pub(super) const MARKER: &str = ":wasm-function[";

/// What V8 prints for a module compiled without a URL. For a Wasm frame it names the app's own
/// module, not a built-in: only a URL can say a module belongs to a library or an extension.
const NO_URL: &str = "<anonymous>";

/// What JavaScriptCore prints instead of a location for Wasm frames.
pub(super) const JSC_WASM_LOCATION: &str = "[wasm code]";

/// The frame of function `name` at a V8 or SpiderMonkey Wasm `location`, or `None` when
/// `location` is not one.
pub(super) fn frame(name: &str, location: &str) -> Option<Frame> {
    let (url, rest) = split_once(location, MARKER)?;
    let (_index, offset) = split_once(rest, "]:")?;
    let hex = offset.strip_prefix("0x")?;
    if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    // `offset` starts with a lowercase `0x` already.
    let mut addr = String::from(offset);
    addr.make_ascii_lowercase();
    let filename = (!url.is_empty()).then(|| url.into());
    let in_app = url == NO_URL || is_in_app(url);
    Some(native_frame(name, filename, in_app, Some(addr)))
}

/// A Wasm frame: `platform: native`, so servers look for no JavaScript source map.
fn native_frame(name: &str, filename: Option<String>, in_app: bool, addr: Option<String>) -> Frame {
    let mut frame = new_frame(name, filename, in_app, addr);
    frame.platform = Some("native");
    frame
}

/// The frame of a JavaScriptCore Wasm function printed as `name` (`<?>.wasm-function[12]`,
/// `<?>.wasm-function[inner_crash]`, `wasm-stub`): the function's own name when it has one,
/// `wasm-function[12]` when only its index is known.
pub(super) fn jsc_frame(name: &str) -> Frame {
    let function = match split_once(name, ".wasm-function[") {
        Some((module, rest)) => {
            let index_or_name = rest.strip_suffix("]").unwrap_or(rest);
            if index_or_name.bytes().all(|b| b.is_ascii_digit()) {
                name.get(module.len() + 1..).unwrap_or(name)
            } else {
                index_or_name
            }
        }
        None => name,
    };
    native_frame(function, Some(JSC_WASM_LOCATION.into()), true, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v8_and_spidermonkey_locations() {
        let f = frame("run", "http://h/app.wasm:wasm-function[12]:0x1A2b");
        let f = f.unwrap_or_default();
        assert_eq!(f.function.as_deref(), Some("run"));
        assert_eq!(f.filename.as_deref(), Some("http://h/app.wasm"));
        assert_eq!(f.instruction_addr.as_deref(), Some("0x1a2b"));
        assert_eq!(f.addr_mode.as_deref(), Some("rel:0"));
        assert_eq!(f.platform, Some("native"));
        assert_eq!((f.lineno, f.colno, f.in_app), (None, None, Some(true)));
        assert_eq!(
            frame("", "wasm://wasm/ab:wasm-function[1]:0x30")
                .and_then(|f| f.function)
                .as_deref(),
            Some("?")
        );
        let anonymous = frame("f", "<anonymous>:wasm-function[3]:0x9");
        assert_eq!(anonymous.and_then(|f| f.in_app), Some(true));
        assert!(frame("f", "http://h/a.js:1:2").is_none());
        assert!(frame("f", "x:wasm-function[1]:123").is_none());
        assert!(frame("f", "x:wasm-function[1]:0x").is_none());
        assert!(frame("f", "x:wasm-function[1]:0xzz").is_none());
        assert!(frame("f", "x:wasm-function[1").is_none());
    }

    #[test]
    fn javascriptcore_names() {
        let name = |printed: &str| jsc_frame(printed).function.unwrap_or_default();
        assert_eq!(name("<?>.wasm-function[12]"), "wasm-function[12]");
        assert_eq!(name("<?>.wasm-function[inner_crash]"), "inner_crash");
        assert_eq!(name("app.wasm-function[]"), "wasm-function[]");
        assert_eq!(name("wasm-stub"), "wasm-stub");
        assert_eq!(name("<?>.wasm-function["), "wasm-function[");
    }
}
