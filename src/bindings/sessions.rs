//! Exports for release health: the shim says when a page view starts; the core sends the
//! session and updates it as errors arrive.

use crate::hub;
use wasm_bindgen::prelude::*;

/// Starts a release-health session for this page view.
#[wasm_bindgen(js_name = startSession)]
pub fn start_session() {
    hub::with_client(|c| c.start_session());
}
