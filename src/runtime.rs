//! The seam between the capture pipeline and the world: clock, randomness, network, console,
//! timers and persistent storage.
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
    /// Starts sending the envelope queued under `key` to `url`: `body`, or, when the runtime
    /// holds the body ([`Runtime::hold`]; `body` is empty then), its own copy with `sent_at`
    /// restamped to now. `keepalive` asks the request to outlive the page. With `stored`, the
    /// envelope is also persisted ([`Runtime::persist`]): the runtime first takes the stored
    /// copy out of storage in one step and sends only if it was still there, so of two pages
    /// that both hold it (an old page coming online while the next load restores it) only one
    /// sends it; the other answers 200. Completion is reported back through
    /// [`crate::client::Client::on_response`] with the status (0 for a network failure) and the
    /// `Retry-After` and `X-Sentry-Rate-Limits` headers when they can be read.
    fn send(
        &self,
        url: &str,
        key: &str,
        body: &str,
        stored: bool,
        keepalive: bool,
        request_id: u32,
    );
    /// One line on the console, prefixed by the caller.
    fn log(&self, msg: &str);
    /// The page URL and user agent, for `request` on every event.
    fn page(&self) -> (Option<String>, Option<String>);
    /// Whether the network is believed reachable (`navigator.onLine`). While it is not, the
    /// outbox waits instead of spending retries.
    fn online(&self) -> bool {
        true
    }
    /// Asks for [`crate::client::Client::drain`] to be called after `delay_ms`, when a retry
    /// comes due. Only the latest request matters.
    fn schedule(&self, _delay_ms: f64) {}
    /// Takes a queued envelope's body into the runtime's keeping under `key`, until
    /// [`Runtime::forget`]. Wasm memory never shrinks, so a page's host keeps the bodies in
    /// JavaScript, where the collector returns them after delivery, and the core keeps only
    /// what its decisions need. A runtime that cannot keep them gives the body back (the
    /// default), and the outbox keeps it.
    fn hold(&self, _key: &str, body: String) -> Option<String> {
        Some(body)
    }
    /// Keeps an envelope across page loads under `key`; the next load hands it back. `body` is
    /// empty when the runtime holds it.
    fn persist(&self, _key: &str, _body: &str) {}
    /// The envelope under `key` left the outbox (delivered or given up): the runtime drops the
    /// body it holds, and the stored copy if `stored`.
    fn forget(&self, _key: &str, _stored: bool) {}
}
