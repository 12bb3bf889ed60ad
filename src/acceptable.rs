//! The last step before an event leaves the pipeline: bring it within what Sentry's Relay
//! accepts, so one bad value from the app cannot get the whole event refused.
//!
//! Relay's normalizer (checked with the PyPI `sentry-relay` package) flags tag keys with
//! characters outside letters, digits, space, `_`, `.`, `:`, `-`; tag values with line breaks;
//! contexts and users that are not objects; and exceptions with neither type nor value.
//! `sentry-types` also needs every exception to have a `type`.

use crate::protocol::event::Event;
use crate::protocol::json::RawJson;
use alloc::string::String;

fn valid_tag_key(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= 200
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'_' | b'.' | b':' | b'-'))
}

fn is_object(raw: &RawJson) -> bool {
    crate::text::trim_start(&raw.0).starts_with("{")
}

/// Wraps a non-object JSON value as `{"value": …}`.
fn as_object(raw: &RawJson) -> RawJson {
    let mut s = String::with_capacity(raw.0.len() + 10);
    s.push_str("{\"value\":");
    s.push_str(if raw.0.is_empty() { "null" } else { &raw.0 });
    s.push('}');
    RawJson(s)
}

/// Drops invalid tags, flattens line breaks in tag values, wraps non-object contexts, drops a
/// user that is not an object, and names exceptions that have no type.
pub fn make_acceptable(event: &mut Event) {
    event.tags.retain(|k, _| valid_tag_key(k));
    event.tags.for_each_value(|v| {
        // SAFETY: only ASCII bytes are replaced, by an ASCII byte, so the text stays UTF-8.
        for b in unsafe { v.as_mut_vec() } {
            if *b == b'\n' || *b == b'\r' {
                *b = b' ';
            }
        }
    });
    event.contexts.for_each_value(|c| {
        if !is_object(c) {
            *c = as_object(c);
        }
    });
    if event.user.as_ref().is_some_and(|u| !is_object(u)) {
        event.user = None;
    }
    if let Some(ex) = event.exception.as_mut() {
        for e in ex.values.iter_mut() {
            if e.ty.is_none() {
                e.ty = Some("Error".into());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_what_relay_would_flag() {
        let mut e = Event::default();
        e.tags.insert("Symbol(s)", "x".into());
        e.tags.insert("route name", "a\nb".into());
        e.contexts.insert("c", RawJson("10".into()));
        e.contexts.insert("ok", RawJson("{\"a\":1}".into()));
        e.user = Some(RawJson("\"bob\"".into()));
        e.exception = Some(crate::protocol::event::Values {
            values: vec![crate::protocol::event::Exception::default()],
        });
        make_acceptable(&mut e);
        assert_eq!(e.tags.get("Symbol(s)"), None);
        assert_eq!(e.tags.get("route name").map(String::as_str), Some("a b"));
        assert_eq!(
            e.contexts.get("c").map(|r| r.0.as_str()),
            Some("{\"value\":10}")
        );
        assert_eq!(
            e.contexts.get("ok").map(|r| r.0.as_str()),
            Some("{\"a\":1}")
        );
        assert!(e.user.is_none());
        assert_eq!(e.exception.unwrap().values[0].ty.as_deref(), Some("Error"));
    }
}
