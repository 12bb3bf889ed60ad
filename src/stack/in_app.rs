//! Whether a frame's file belongs to the app, or to a library, the browser or an extension.
//!
//! sentry-javascript marks every browser frame in-app and lets the server decide. We decide on
//! the client what the URL alone tells, so Sentry's and GlitchTip's views fold away frames the
//! developer cannot change. Only the filename counts: the function name says nothing reliable.

/// URL schemes of browser extensions' scripts. Safari 17 hides extension URLs behind
/// `webkit-masked-url://hidden/`.
const EXTENSION_SCHEMES: [&str; 5] = [
    "chrome-extension",
    "moz-extension",
    "safari-extension",
    "safari-web-extension",
    "webkit-masked-url",
];

/// Hosts of public CDNs that serve npm packages.
const CDN_HOSTS: [&str; 3] = ["cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com"];

/// What engines print instead of a URL for built-in functions: V8 `<anonymous>` (and `native`
/// before Chrome 73), JavaScriptCore `[native code]`.
const ENGINE_LOCATIONS: [&str; 3] = ["<anonymous>", "native", "[native code]"];

/// `false` for files that are not the app's own code: browser extensions, `node_modules/` (which
/// includes Vite's dev bundles in `/node_modules/.vite/deps/`), public CDNs, the engine's
/// built-ins and an empty filename; `true` for everything else.
///
/// ```
/// use faultline::stack::is_in_app;
///
/// assert!(is_in_app("http://localhost:5173/src/App.tsx"));
/// assert!(!is_in_app("http://localhost:5173/node_modules/.vite/deps/react-dom_client.js?v=3f9a1c2e"));
/// assert!(!is_in_app("chrome-extension://abcdefghijklmnop/content.js"));
/// assert!(!is_in_app("https://cdn.jsdelivr.net/npm/lodash@4/lodash.min.js"));
/// ```
pub fn is_in_app(filename: &str) -> bool {
    if filename.is_empty() || ENGINE_LOCATIONS.contains(&filename) {
        return false;
    }
    if let Some((scheme, rest)) = crate::text::split_once(filename, ":") {
        if EXTENSION_SCHEMES.contains(&scheme) {
            return false;
        }
        if let Some(authority) = rest.strip_prefix("//") {
            if CDN_HOSTS.contains(&crate::text::until_any(authority, b"/?#:")) {
                return false;
            }
        }
    }
    !crate::text::contains(filename, "node_modules/")
}

#[cfg(test)]
mod tests {
    use super::is_in_app;

    #[test]
    fn table() {
        let cases = [
            ("app source", "http://localhost:5173/src/App.tsx", true),
            (
                "production bundle",
                "https://shop.example/assets/index-B7kQ2x9c.js",
                true,
            ),
            ("wasm module", "wasm://wasm/fe9b0076", true),
            ("relative webpack path", "webpack:///./src/cart.js", true),
            ("empty", "", false),
            ("V8 built-in", "<anonymous>", false),
            ("old V8 built-in", "native", false),
            ("JSC built-in", "[native code]", false),
            (
                "chrome extension",
                "chrome-extension://abc/content.js",
                false,
            ),
            (
                "firefox extension",
                "moz-extension://1234-5678/inject.js",
                false,
            ),
            (
                "safari extension",
                "safari-extension://com.example.ext/x.js",
                false,
            ),
            (
                "safari web extension",
                "safari-web-extension://E2A4/content.js",
                false,
            ),
            (
                "safari masked extension",
                "webkit-masked-url://hidden/",
                false,
            ),
            (
                "vite dev deps",
                "http://localhost:5173/node_modules/.vite/deps/react.js?v=1",
                false,
            ),
            (
                "node_modules path",
                "/app/node_modules/lodash/index.js",
                false,
            ),
            ("relative node_modules", "node_modules/x/y.js", false),
            ("jsdelivr", "https://cdn.jsdelivr.net/npm/x@1/x.js", false),
            (
                "unpkg",
                "https://unpkg.com/react@18/umd/react.production.min.js",
                false,
            ),
            (
                "cdnjs",
                "https://cdnjs.cloudflare.com/ajax/libs/x/1/x.js",
                false,
            ),
            (
                "cdn name in a path",
                "https://shop.example/unpkg.com/x.js",
                true,
            ),
            (
                "cdn lookalike host",
                "https://unpkg.com.evil.example/x.js",
                true,
            ),
        ];
        for (name, filename, expected) in cases {
            assert_eq!(is_in_app(filename), expected, "{name}");
        }
    }
}
