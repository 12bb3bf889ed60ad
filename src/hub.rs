//! The one client of the page.
//!
//! The JavaScript shim and a Rust app that calls the crate's API share this slot, so a page
//! using both sends one stream of events with one scope.

use crate::client::Client;
use core::cell::RefCell;

/// The slot. Wasm in the browser runs the page's code on one thread (this crate is not built
/// for shared-memory threads), so a `RefCell` is the whole of the synchronisation.
struct Slot(RefCell<Option<Client>>);

// SAFETY: wasm32 without the `atomics` feature has exactly one thread; the slot is never
// reached from another one. The hub is compiled only for wasm32.
unsafe impl Sync for Slot {}

static CLIENT: Slot = Slot(RefCell::new(None));

/// Installs `client` as the page's client, replacing an earlier one.
pub fn bind(client: Client) {
    if let Ok(mut slot) = CLIENT.0.try_borrow_mut() {
        *slot = Some(client);
    }
}

/// Runs `f` with the client, if one is installed and not already in use (a re-entrant call,
/// e.g. from a hook that captures while capturing, is skipped rather than panicking).
pub fn with_client<R>(f: impl FnOnce(&mut Client) -> R) -> Option<R> {
    match CLIENT.0.try_borrow_mut() {
        Ok(mut slot) => slot.as_mut().map(f),
        Err(_) => None,
    }
}

/// Removes the client; later calls are no-ops.
pub fn unbind() -> Option<Client> {
    CLIENT.0.try_borrow_mut().ok().and_then(|mut s| s.take())
}
