//! The scope ops: user, tags, contexts, extras, level, fingerprint, and the `withScope` stack.

use super::Fields;
use crate::hub;
use crate::protocol::event::Level;
use crate::protocol::json::RawJson;

/// `setUser`: the normalized user object as JSON, absent to clear it.
pub(super) fn set_user(f: &mut Fields) {
    let json = f.string();
    hub::with_client(|c| c.scope.user = json.map(RawJson));
}

/// `setTag`: `key, value`; an absent value removes the tag.
pub(super) fn set_tag(f: &mut Fields) {
    let (Some(key), value) = (f.str(), f.string()) else {
        return;
    };
    hub::with_client(|c| match value {
        Some(v) => c.scope.tags.insert(key, v),
        None => c.scope.tags.remove(key),
    });
}

/// `setContext`: `name, json` (normalized); an absent value removes it.
pub(super) fn set_context(f: &mut Fields) {
    let (Some(name), json) = (f.str(), f.string()) else {
        return;
    };
    hub::with_client(|c| match json {
        Some(j) => c.scope.contexts.insert(name, RawJson(j)),
        None => c.scope.contexts.remove(name),
    });
}

/// `setExtra`: `key, json` (normalized); an absent value removes it.
pub(super) fn set_extra(f: &mut Fields) {
    let (Some(key), json) = (f.str(), f.string()) else {
        return;
    };
    hub::with_client(|c| match json {
        Some(j) => c.scope.extra.insert(key, RawJson(j)),
        None => c.scope.extra.remove(key),
    });
}

/// `withScope` entry: values set until the matching `pop_scope` apply only in between.
pub(super) fn push_scope() {
    hub::with_client(|c| c.scope.push());
}

/// `withScope` exit: restores the values saved by the matching `push_scope`.
pub(super) fn pop_scope() {
    hub::with_client(|c| c.scope.pop());
}

/// `setLevel`: every later event gets this level; absent clears it.
pub(super) fn set_level(f: &mut Fields) {
    let level = f.str().and_then(Level::parse);
    hub::with_client(|c| c.scope.level = level);
}

/// `setFingerprint`: a list that replaces default grouping for later events; empty clears it.
pub(super) fn set_fingerprint(f: &mut Fields) {
    let parts = f.strings();
    hub::with_client(|c| c.scope.fingerprint = parts);
}
