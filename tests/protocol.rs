//! The pipeline end to end without a browser: facts in, envelope bytes out, checked field by
//! field and parsed with Sentry's own `sentry-types` crate.

mod common;

use common::*;
use faultline::client::{Capture, ErrorFacts};
use faultline::protocol::event::Mechanism;
use faultline::protocol::json::RawJson;

const STACK: &str = "TypeError: Cannot read properties of undefined (reading 'price')\n    at PriceTag (http://localhost:5173/assets/index-9a8b7c.js:1:90412)\n    at renderWithHooks (http://localhost:5173/assets/index-9a8b7c.js:1:48211)";

fn type_error() -> Capture {
    Capture {
        errors: vec![ErrorFacts {
            ty: Some("TypeError".into()),
            value: Some("Cannot read properties of undefined (reading 'price')".into()),
            stack: Some(STACK.into()),
            ..Default::default()
        }],
        mechanism: Some(Mechanism {
            ty: "auto.browser.global_handlers.onerror".into(),
            handled: Some(false),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[test]
fn an_exception_becomes_one_well_formed_envelope() {
    let (mut client, rec) = client(options());
    client.scope.tags.insert("route", "/cart".into());
    client.scope.user = Some(RawJson("{\"id\":\"42\"}".into()));
    let id = client.capture(type_error());

    let sent = rec.sent.borrow();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].url,
        "http://127.0.0.1:8969/api/1/envelope/?sentry_version=7&sentry_key=0a1b2c3d4e5f40718293a4b5c6d7e8f9&sentry_client=faultline.javascript.browser%2F0.1.0"
    );
    let (header, items) = split_envelope(&sent[0].body);
    assert_eq!(header["event_id"], id.as_str());
    assert_eq!(header["sent_at"], "2026-11-24T08:55:30.131Z");
    assert_eq!(header["sdk"]["name"], "faultline.javascript.browser");
    assert_eq!(items.len(), 1);
    let (ih, ev) = &items[0];
    assert_eq!(ih["type"], "event");
    assert_eq!(ev["event_id"], id.as_str());
    assert_eq!(ev["timestamp"].as_f64(), Some(1795510530.131));
    assert_eq!(ev["platform"], "javascript");
    assert_eq!(ev["level"], "error");
    assert_eq!(ev["release"], "shop-web@1.4.2");
    assert_eq!(ev["environment"], "staging");
    assert_eq!(ev["tags"]["route"], "/cart");
    assert_eq!(ev["user"]["id"], "42");
    assert_eq!(ev["sdk"]["settings"]["infer_ip"], "never");
    assert_eq!(
        ev["request"]["headers"]["User-Agent"]
            .as_str()
            .map(|s| s.starts_with("Mozilla/5.0")),
        Some(true)
    );
    let exc = &ev["exception"]["values"][0];
    assert_eq!(exc["type"], "TypeError");
    assert_eq!(
        exc["mechanism"]["type"],
        "auto.browser.global_handlers.onerror"
    );
    assert_eq!(exc["mechanism"]["handled"], false);
    let trace = &ev["contexts"]["trace"];
    assert_eq!(trace["trace_id"].as_str().map(str::len), Some(32));
    assert_eq!(trace["span_id"].as_str().map(str::len), Some(16));

    let parsed = sentry_types::protocol::v7::Envelope::from_slice(sent[0].body.as_bytes())
        .expect("sentry-types parses the envelope");
    let event = parsed.event().expect("an event item");
    assert_eq!(event.event_id.simple().to_string(), id);
    keep_for_relay("exception", &sent[0].body);
}

#[test]
fn causes_come_first_with_linked_ids() {
    let (mut client, rec) = client(options());
    let mut c = type_error();
    c.errors.push(ErrorFacts {
        ty: Some("NetworkError".into()),
        value: Some("price service timed out".into()),
        ..Default::default()
    });
    client.capture(c);
    let (_, items) = split_envelope(&rec.sent.borrow()[0].body);
    let values = items[0].1["exception"]["values"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(values.len(), 2);
    assert_eq!(values[0]["type"], "NetworkError");
    assert_eq!(values[0]["mechanism"]["type"], "chained");
    assert_eq!(values[0]["mechanism"]["source"], "cause");
    assert_eq!(values[0]["mechanism"]["exception_id"], 1);
    assert_eq!(values[0]["mechanism"]["parent_id"], 0);
    assert_eq!(values[1]["type"], "TypeError");
    assert_eq!(values[1]["mechanism"]["exception_id"], 0);
    keep_for_relay("linked", &rec.sent.borrow()[0].body);
}

#[test]
fn a_message_is_info_and_has_no_exception() {
    let (mut client, rec) = client(options());
    client.capture(Capture {
        message: Some("Coupon code rejected".into()),
        ..Default::default()
    });
    let body = rec.sent.borrow()[0].body.clone();
    let (_, items) = split_envelope(&body);
    assert_eq!(items[0].1["level"], "info");
    assert_eq!(items[0].1["message"], "Coupon code rejected");
    assert!(items[0].1.get("exception").is_none());
    sentry_types::protocol::v7::Envelope::from_slice(body.as_bytes()).expect("parses");
    keep_for_relay("message", &body);
}

#[test]
fn hostile_strings_stay_valid_json() {
    let (mut client, rec) = client(options());
    let nasty = "quote\" backslash\\ newline\n tab\t nul\u{0} emoji 🎉 \u{2028}";
    client.capture(Capture {
        errors: vec![ErrorFacts {
            ty: Some(nasty.into()),
            value: Some(nasty.into()),
            stack: Some(nasty.repeat(50)),
            synthetic: true,
            ..Default::default()
        }],
        ..Default::default()
    });
    let body = rec.sent.borrow()[0].body.clone();
    let (_, items) = split_envelope(&body);
    assert_eq!(items[0].1["exception"]["values"][0]["value"], nasty);
    assert_eq!(
        items[0].1["exception"]["values"][0]["mechanism"]["synthetic"],
        true
    );
    sentry_types::protocol::v7::Envelope::from_slice(body.as_bytes()).expect("parses");
    keep_for_relay("hostile", &body);
}

#[test]
fn a_bad_dsn_is_one_message_and_nothing_is_sent() {
    let (mut client, rec) = client(faultline::options::Options {
        dsn: Some("https://key@errors.example.com/not-a-number".into()),
        ..Default::default()
    });
    client.capture(type_error());
    assert!(rec.sent.borrow().is_empty());
    assert_eq!(
        *rec.logs.borrow(),
        vec!["[faultline] invalid DSN, events will not be sent: the DSN's project id is not a number".to_string()]
    );
}

#[test]
fn sampling_drops_are_counted() {
    let (mut client, rec) = client(faultline::options::Options {
        sample_rate: 0.0,
        ..options()
    });
    for _ in 0..5 {
        client.capture(type_error());
    }
    assert!(rec.sent.borrow().is_empty());
    assert_eq!(client.discarded.count("sample_rate"), 5);
}

#[test]
fn disabled_sends_nothing() {
    let (mut client, rec) = client(faultline::options::Options {
        enabled: false,
        ..options()
    });
    client.capture(type_error());
    assert!(rec.sent.borrow().is_empty());
}
