//! The Rust API, for apps compiled with wasm-bindgen (Leptos, Yew, Dioxus, plain `web-sys`) that
//! link this crate themselves instead of going through the npm package.
//!
//! ```no_run
//! # #[cfg(target_arch = "wasm32")] {
//! faultline::init(faultline::Options {
//!     dsn: Some("https://0a1b2c3d4e5f40718293a4b5c6d7e8f9@errors.example.com/7".into()),
//!     release: Some("shop-web@1.4.2".into()),
//!     ..Default::default()
//! });
//! faultline::set_tag("area", "checkout");
//! if let Err(e) = "x".parse::<u32>() {
//!     faultline::capture_error(&e);
//! }
//! # }
//! ```
//!
//! **One client per page.** A Rust app's copy of the crate lives in the app's own Wasm instance,
//! apart from the npm shim's. When the shim has been initialised on the page, it publishes a hub
//! on `globalThis` (`Symbol.for("faultline.hub")`, `js/hub.js`) and every call here forwards to
//! it: one stream of events, one scope, the shim's options. Without the shim, `init` starts a
//! client inside the app's instance. If the shim starts later, the next call hands that
//! client's user, tags, contexts and extras to the shim and forwards from then on.
//!
//! Everything here formats (`Display` of errors), so it exists only with the `std` feature,
//! which Rust apps have and the npm package's Wasm does not. The public functions are for
//! wasm32; the helpers below them are plain Rust and tested natively.

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use alloc::string::String;
use alloc::vec::Vec;

/// Function-name fragments of the frames a panic runs through after the app's code: the
/// crash is in the first frame older than the last of these. Names carry the crate's
/// disambiguator when std is built with v0 symbols (`core[c5930c85a12de822]::panicking::…`, as
/// Chromium shows the name section of a release build), so only the module path is matched.
const PANIC_FRAMES: [&str; 4] = [
    "::panicking::",
    "::sys::backtrace::",
    "rust_begin_unwind",
    "console_error_panic_hook::",
];

/// Frames of this crate; the app's code is older than the last of them.
const OWN_FRAMES: &str = "faultline::";

/// The linked-error depth kept for `source()` chains, as for JavaScript causes.
const MAX_CAUSES: usize = 5;

/// `js_stack` (a `new Error().stack` taken inside this crate) starting at the app's code, with
/// the panic `location` (`file`, line, column) added as the crash frame, written in the same
/// engine's format so `stack::parse` reads it like any other stack.
///
/// The lines newer than the app's code (the JS glue, this crate, the panic machinery) are cut
/// at the last one whose function names them. Without a name section no line names anything,
/// and the stack is kept whole.
pub(crate) fn app_stack(js_stack: &str, location: Option<(&str, u32, u32)>) -> String {
    let v8 = js_stack.lines().any(|l| l.trim_start().starts_with("at "));
    let mut lines: Vec<&str> = js_stack.lines().collect();
    if v8 && !js_stack.starts_with(char::is_whitespace) && !lines.is_empty() {
        lines.remove(0); // the `Error` header
    }
    let cut = lines
        .iter()
        .rposition(|l| l.contains(OWN_FRAMES) || PANIC_FRAMES.iter().any(|p| l.contains(p)))
        .map_or(0, |i| i + 1);
    let mut out = String::with_capacity(js_stack.len() + 64);
    if v8 {
        out.push_str("panic\n");
    }
    if let Some((file, line, column)) = location {
        out.push_str(if v8 { "    at " } else { "@" });
        out.push_str(file);
        out.push(':');
        crate::protocol::json::push_u64(&mut out, u64::from(line));
        out.push(':');
        crate::protocol::json::push_u64(&mut out, u64::from(column));
        out.push('\n');
    }
    for line in lines.iter().skip(cut) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The name Sentry shows as an error's type: the leading identifier of its `Debug` output
/// (`ParseIntError { kind: InvalidDigit }` → `ParseIntError`), the same reading sentry-rust
/// makes; `Error` when `Debug` starts with anything else.
pub(crate) fn type_name(debug: &str) -> &str {
    let end = debug
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(debug.len());
    match debug.get(..end) {
        Some(name) if !name.is_empty() => name.rsplit("::").next().unwrap_or(name),
        _ => "Error",
    }
}

/// An error and its `source()` chain, outermost first, at most [`MAX_CAUSES`] causes deep:
/// `(type, message)` pairs.
pub(crate) fn chain(error: &dyn core::error::Error) -> Vec<(String, String)> {
    use alloc::string::ToString;
    let mut out = Vec::new();
    let mut next = Some(error);
    while let Some(e) = next {
        if out.len() > MAX_CAUSES {
            break;
        }
        let debug = alloc::format!("{e:?}");
        out.push((type_name(&debug).into(), e.to_string()));
        next = e.source();
    }
    out
}

#[cfg(target_arch = "wasm32")]
pub(crate) mod js;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
pub use web::*;

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape Chromium 156 printed inside the panic hook of `examples/rust-app` (paths and
    /// the list of panic frames shortened).
    const CHROMIUM_PANIC: &str = "Error
    at stack_here (http://h/snippets/faultline-1/inline0.js:50:9)
    at __wbg_stackhere_5a (http://h/rust_app.js:290:22)
    at rust_app.wasm.faultline::panic::on_panic::h1 (http://h/rust_app_bg.wasm:wasm-function[57]:0x9a1b)
    at rust_app.wasm.std[1f2e3d4c5b6a7988]::panicking::panic_with_hook (http://h/rust_app_bg.wasm:wasm-function[300]:0x1f00a)
    at rust_app.wasm.core[c5930c85a12de822]::panicking::panic_fmt (http://h/rust_app_bg.wasm:wasm-function[400]:0x2100)
    at rust_app.wasm.rust_app::checkout::h4 (http://h/rust_app_bg.wasm:wasm-function[12]:0x1a2b)
    at HTMLButtonElement.<anonymous> (http://h/rust_app.js:120:14)";

    #[test]
    fn panic_stack_starts_at_the_app_with_the_location_on_top() {
        let s = app_stack(CHROMIUM_PANIC, Some(("src/lib.rs", 42, 9)));
        let frames = crate::stack::parse(&s);
        let names: Vec<&str> = frames
            .iter()
            .map(|f| f.function.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(
            names,
            [
                "HTMLButtonElement.<anonymous>",
                "rust_app.wasm.rust_app::checkout::h4",
                "?"
            ]
        );
        let top = &frames[2];
        assert_eq!(top.filename.as_deref(), Some("src/lib.rs"));
        assert_eq!(
            (top.lineno, top.colno, top.in_app),
            (Some(42), Some(9), Some(true))
        );
        assert_eq!(frames[1].instruction_addr.as_deref(), Some("0x1a2b"));
        assert_eq!(frames[1].platform, Some("native"));
    }

    #[test]
    fn firefox_and_nameless_stacks() {
        let firefox = "stack_here@http://h/inline0.js:50:9\nfaultline::panic::on_panic::h1@http://h/a.wasm:wasm-function[57]:0x9a1b\nrust_app::checkout::h4@http://h/a.wasm:wasm-function[12]:0x1a2b\n";
        let frames = crate::stack::parse(&app_stack(firefox, Some(("src/lib.rs", 3, 1))));
        assert_eq!(frames.len(), 2);
        assert_eq!(frames[0].instruction_addr.as_deref(), Some("0x1a2b"));
        assert_eq!(frames[1].lineno, Some(3));

        // No name section: nothing to cut by, everything kept.
        let nameless = "Error\n    at http://h/a.wasm:wasm-function[57]:0x9a1b\n    at http://h/a.wasm:wasm-function[12]:0x1a2b";
        assert_eq!(crate::stack::parse(&app_stack(nameless, None)).len(), 2);
    }

    #[derive(Debug)]
    struct Outer(std::num::ParseIntError);

    impl core::fmt::Display for Outer {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("could not read the quantity")
        }
    }

    impl core::error::Error for Outer {
        fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn a_source_chain_outermost_first() {
        let Err(inner) = "x".parse::<u32>() else {
            panic!("parses");
        };
        let c = chain(&Outer(inner));
        assert_eq!(
            c,
            [
                ("Outer".into(), "could not read the quantity".into()),
                (
                    "ParseIntError".into(),
                    "invalid digit found in string".into()
                )
            ]
        );
        assert_eq!(type_name("std::io::Error"), "Error");
        assert_eq!(type_name("\"text\""), "Error");
    }
}
