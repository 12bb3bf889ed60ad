//! The release-health op: the shim says when a page view starts; the core sends the session
//! and updates it as errors arrive.

use crate::hub;

/// Starts a release-health session for this page view.
pub(super) fn start_session() {
    hub::with_client(|c| c.start_session());
}
