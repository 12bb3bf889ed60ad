//! Faultline: error and performance monitoring for browser apps, speaking the Sentry protocol.
//!
//! # Concepts
//! - [`protocol`]: the wire format (DSN, events, envelopes) and a small JSON writer. Pure data.
//! - [`client::Client`]: the capture pipeline. It turns facts about an error into an event,
//!   applies the [`scope::Scope`], and sends it through a [`runtime::Runtime`].
//! - [`stack`]: JavaScript and Wasm stack strings to frames.
//! - `browser` (wasm32 only): the runtime of a real page — clock, crypto, and the shim's I/O
//!   (`js/io.js`: the shim performs each request; with `std`, Rust fetches itself).
//!
//! The npm package `faultline` wraps this crate with a small JavaScript shim; Rust apps compiled
//! with wasm-bindgen can use it directly. Both share one client per page.
//!
//! The core never formats with `core::fmt` and never panics on page data, which keeps the
//! Wasm small and the host app safe. It is `no_std` (with `alloc`); the `std` feature, on by
//! default, is for Rust apps, and the npm build turns it off.

#![cfg_attr(not(test), no_std)]

extern crate alloc;
#[cfg(all(feature = "std", not(test)))]
extern crate std;

pub mod acceptable;
pub mod breadcrumbs;
pub mod client;
pub mod filters;
#[cfg(target_arch = "wasm32")]
pub mod hub;
pub mod ids;
pub mod options;
pub mod outbox;
pub mod protocol;
pub mod ratelimit;
pub mod runtime;
pub mod scope;
pub mod scrub;
pub mod sessions;
mod sort;
pub mod stack;
pub mod storm;
mod text;
pub mod tracing;
mod transport;

/// The Wasm exports the npm shim calls. Only without `std`, i.e. in the npm build: a Rust app
/// that links the crate gets none of them (no clash with its own exports, no unused code).
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
mod bindings;
/// The exports' field reader, compiled natively for its unit tests.
#[cfg(test)]
#[path = "bindings/fields.rs"]
mod bindings_fields;
#[cfg(target_arch = "wasm32")]
pub mod browser;

/// The Rust API for Rust/Wasm apps (`std` only: it formats errors).
#[cfg(feature = "std")]
pub mod api;
#[cfg(all(target_arch = "wasm32", feature = "panic-hook"))]
pub mod panic;
#[cfg(all(target_arch = "wasm32", feature = "std"))]
pub use api::{
    add_breadcrumb, capture_error, capture_message, close, flush, init, set_context, set_extra,
    set_tag, set_user, User,
};
#[cfg(all(target_arch = "wasm32", feature = "std"))]
pub use {
    options::Options,
    protocol::event::{Breadcrumb, Level},
};

/// Without std (the npm build) a panic is a trap: no message formatting is linked in. The
/// core is written not to panic on page data; a trap reaches the shim as a `RuntimeError`,
/// which marks the core dead and goes quiet.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// Without std, our own size-class allocator (`heap.rs`, which says why) instead of the
/// dlmalloc std would have used.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
mod heap;
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[global_allocator]
static ALLOC: heap::Global = heap::Global::new();
