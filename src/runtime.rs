//! The seam between the capture pipeline and the world: clock, randomness, network, console.
//!
//! The browser implementation lives in `crate::browser`; tests supply their own, so the whole
//! pipeline runs natively with a fixed clock and a transport that collects envelopes.

use alloc::string::String;
/// What the pipeline needs from its host.
pub trait Runtime {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> f64;
    /// Fills `buf` from a cryptographically secure source.
    fn fill_random(&self, buf: &mut [u8]);
    /// Starts sending `body` to `url`. `keepalive` asks the request to outlive the page.
    /// Completion is reported back through [`crate::client::Client::on_response`].
    fn send(&self, url: &str, body: String, keepalive: bool, request_id: u32);
    /// One line on the console, prefixed by the caller.
    fn log(&self, msg: &str);
    /// The page URL and user agent, for `request` on every event.
    fn page(&self) -> (Option<String>, Option<String>);
}
