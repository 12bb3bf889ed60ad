//! The scope ops: user, tags, contexts, extras, level, fingerprint, and the `withScope` stack.

use super::Fields;
use crate::client::Client;
use crate::protocol::event::Level;
use crate::protocol::json::RawJson;

/// `setUser`: the normalized user object as JSON, absent to clear it.
pub(super) fn set_user(c: &mut Client, f: &mut Fields) {
    c.scope.user = f.string().map(RawJson);
}

/// `setTag`: `key, value`; an absent value removes the tag.
pub(super) fn set_tag(c: &mut Client, f: &mut Fields) {
    let (Some(key), value) = (f.str(), f.string()) else {
        return;
    };
    match value {
        Some(v) => c.scope.tags.insert(key, v),
        None => c.scope.tags.remove(key),
    }
}

/// `setContext`: `name, json` (normalized); an absent value removes it.
pub(super) fn set_context(c: &mut Client, f: &mut Fields) {
    let (Some(name), json) = (f.str(), f.string()) else {
        return;
    };
    match json {
        Some(j) => c.scope.contexts.insert(name, RawJson(j)),
        None => c.scope.contexts.remove(name),
    }
}

/// `setExtra`: `key, json` (normalized); an absent value removes it.
pub(super) fn set_extra(c: &mut Client, f: &mut Fields) {
    let (Some(key), json) = (f.str(), f.string()) else {
        return;
    };
    match json {
        Some(j) => c.scope.extra.insert(key, RawJson(j)),
        None => c.scope.extra.remove(key),
    }
}

/// `setLevel`: every later event gets this level; absent clears it.
pub(super) fn set_level(c: &mut Client, f: &mut Fields) {
    c.scope.level = f.str().and_then(Level::parse);
}

/// `setFingerprint`: a list that replaces default grouping for later events; empty clears it.
pub(super) fn set_fingerprint(c: &mut Client, f: &mut Fields) {
    c.scope.fingerprint = f.strings();
}
