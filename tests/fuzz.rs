//! Property tests: the DSN parser, the stack parser, the rate-limit header parser, the scrubber
//! and the envelope writer never panic on any input, and what they write is always valid.

mod common;

use common::*;
use faultline::client::Capture;
use faultline::protocol::dsn::Dsn;
use faultline::protocol::json::RawJson;
use faultline::ratelimit::RateLimits;
use faultline::scrub::{scrub_json, Rules};
use proptest::prelude::*;
use serde_json::Value;

/// Strings built from the pieces the parsers care about, so the interesting paths are hit.
fn pieces(parts: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(parts).prop_map(String::from),
            "\\PC{0,6}"
        ],
        0..24,
    )
    .prop_map(|v| v.concat())
}

const DSN_PARTS: &[&str] = &[
    "http",
    "https",
    "://",
    "@",
    ":",
    "/",
    "[",
    "]",
    "::1",
    "0a1b2c3d4e5f40718293a4b5c6d7e8f9",
    "127.0.0.1",
    "example.com",
    "8969",
    "42",
    "-",
    "?",
    "#",
    "%",
    " ",
];
const STACK_PARTS: &[&str] = &[
    "\n",
    "    at ",
    " (",
    ")",
    ":",
    "@",
    "http://localhost:5173/assets/a.js",
    "<anonymous>",
    "wasm-function[",
    "]:0x",
    "12",
    "eval at ",
    "new ",
    "async ",
    "Object.",
    "<",
    ">",
    "[native code]",
    "webpack://",
    "file:///",
];
const LIMIT_PARTS: &[&str] = &[
    "60",
    "0",
    "2.5",
    "99999999999999999999",
    ":",
    ";",
    ",",
    " ",
    "error",
    "transaction",
    "session",
    "default",
    "key",
    "organization",
    "quota_exceeded",
    "custom",
    "-1",
    "",
];
const SECRET_PARTS: &[&str] = &[
    "Bearer ",
    "bearer  ",
    "eyJ",
    "hbGciOiJIUzI1NiJ9",
    ".",
    "-",
    "_",
    "@",
    "example.com",
    "jane.doe",
    "4111 1111 1111 1111",
    "4242424242424242",
    "5",
    " ",
    "?token=",
    "&key=",
    "=",
    "&",
    "#",
    "\\",
    "\"",
    "é",
    "🙂",
    "\n",
    "\u{0}",
    "a",
    "1",
    "[Filtered]",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::from(n)),
        pieces(SECRET_PARTS).prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(pieces(SECRET_PARTS), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Same keys, array lengths, numbers, booleans and nulls; only strings may differ.
fn same_shape(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_shape(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same_shape(v, w))
        }
        (Value::String(_), Value::String(_)) => true,
        _ => a == b,
    }
}

fn rules(max_len: usize) -> Rules<'static> {
    Rules {
        secrets: true,
        emails: true,
        query: true,
        patterns: &[],
        max_len,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn dsn_parser_never_panics(s in prop_oneof![pieces(DSN_PARTS), any::<String>()]) {
        if let Ok(d) = Dsn::parse(&s) {
            let url = d.envelope_url("faultline/0.1.0");
            prop_assert!(url.starts_with("http://") || url.starts_with("https://"));
        }
    }

    #[test]
    fn stack_parser_never_panics(s in prop_oneof![pieces(STACK_PARTS), any::<String>()]) {
        let frames = faultline::stack::parse(&s);
        prop_assert!(frames.len() <= s.lines().count() + 1);
        let _ = faultline::stack::parse_component_stack(&s);
    }

    #[test]
    fn rate_limit_parser_never_panics(h in pieces(LIMIT_PARTS), r in pieces(LIMIT_PARTS), status in any::<u16>()) {
        let mut limits = RateLimits::default();
        limits.update(status, Some(&r), Some(&h), 1e12);
        // Whatever the header said, no limit is longer than a day.
        prop_assert!(!limits.is_limited("error", 1e12 + 86_400_001.0));
    }

    #[test]
    fn well_formed_limits_last_exactly_as_long_as_said(secs in 1u64..86_400, cat in prop::sample::select(&["error", "transaction", "session", "default"][..])) {
        let mut limits = RateLimits::default();
        let header = format!("{secs}:{cat}:key:reason");
        limits.update(200, None, Some(&header), 0.0);
        prop_assert!(limits.is_limited(cat, secs as f64 * 1000.0 - 1.0));
        prop_assert!(!limits.is_limited(cat, secs as f64 * 1000.0));
    }

    #[test]
    fn scrubbing_keeps_json_valid_and_its_shape(v in json_value(), max_len in 1usize..64) {
        let text = serde_json::to_string(&v).unwrap();
        let out = scrub_json(&text, &rules(max_len));
        let parsed: Value = serde_json::from_str(&out).map_err(|e| TestCaseError::fail(format!("{e}: {out}")))?;
        prop_assert!(same_shape(&v, &parsed), "{} -> {}", text, out);
        // Filtering what was already filtered changes nothing.
        let once = scrub_json(&text, &rules(1 << 20));
        prop_assert_eq!(scrub_json(&once, &rules(1 << 20)), once);
    }

    #[test]
    fn scrubber_never_panics_on_any_text(s in any::<String>(), max_len in 0usize..16) {
        let _ = scrub_json(&s, &rules(max_len));
    }

    #[test]
    fn envelopes_are_always_valid(message in pieces(SECRET_PARTS), tag in pieces(SECRET_PARTS), extra in json_value(), stack in pieces(STACK_PARTS)) {
        let (mut client, rec) = client(options());
        let mut capture = Capture {
            message: Some(message),
            errors: vec![faultline::client::ErrorFacts { ty: Some("Error".into()), value: Some(tag.clone()), stack: Some(stack), ..Default::default() }],
            ..Default::default()
        };
        capture.tags.insert("t", tag);
        capture.extra.insert("x", RawJson(serde_json::to_string(&extra).unwrap()));
        let id = client.capture(capture);
        let sent = rec.sent.borrow();
        prop_assert_eq!(sent.len(), 1);
        let (header, items) = split_envelope(&sent[0].body);
        prop_assert_eq!(header["event_id"].as_str(), Some(id.as_str()));
        prop_assert_eq!(items[0].1["event_id"].as_str(), Some(id.as_str()));
        sentry_types::protocol::v7::Envelope::from_slice(sent[0].body.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("sentry-types: {e}")))?;
    }
}
