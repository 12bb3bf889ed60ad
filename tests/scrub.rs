//! The scrubber on whole events: secrets anywhere in an event are filtered before it is framed,
//! the options turn parts of it off, and ids, keys and numbers are left alone.

mod common;

use common::*;
use faultline::client::{Capture, ErrorFacts};
use faultline::options::Options;
use faultline::protocol::json::RawJson;

const JWT: &str =
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

fn leaky() -> Capture {
    let mut c = Capture {
        message: Some("charge failed for 4111 1111 1111 1111".into()),
        errors: vec![ErrorFacts {
            ty: Some("Error".into()),
            value: Some(format!("token expired: {JWT}")),
            stack: Some("Error\n    at pay (https://shop.example/app.js?token=abc123:1:2)".into()),
            ..Default::default()
        }],
        ..Default::default()
    };
    c.tags.insert("user", "jane.doe@example.com".into());
    c.extra.insert(
        "request",
        RawJson(r#"{"headers":{"Authorization":"Bearer s3cr3tT0kenValue","Cookie":"sid=xyz"},"count":4111111111111111}"#.into()),
    );
    c
}

fn sent(options: Options) -> String {
    let (mut client, rec) = client(options);
    client.capture(leaky());
    let body = rec.sent.borrow()[0].body.clone();
    body
}

#[test]
fn secrets_anywhere_in_an_event_are_filtered() {
    let body = sent(options());
    for secret in [
        JWT,
        "4111 1111 1111 1111",
        "jane.doe@example.com",
        "s3cr3tT0kenValue",
        "sid=xyz",
        "abc123",
    ] {
        assert!(!body.contains(secret), "{secret} leaked: {body}");
    }
    let (_, items) = split_envelope(&body);
    let ev = &items[0].1;
    assert_eq!(ev["message"], "charge failed for [Filtered]");
    assert_eq!(
        ev["exception"]["values"][0]["value"],
        "token expired: [Filtered]"
    );
    assert_eq!(
        ev["extra"]["request"]["headers"]["Authorization"],
        "[Filtered]"
    );
    assert_eq!(
        ev["extra"]["request"]["count"], 4111111111111111u64,
        "numbers untouched"
    );
    let frames = ev["exception"]["values"][0]["stacktrace"]["frames"]
        .as_array()
        .unwrap();
    assert!(frames.iter().all(|f| !f.to_string().contains("abc123")));
    keep_for_relay("scrubbed-event", &body);
}

#[test]
fn options_turn_parts_off() {
    let body = sent(Options {
        scrub_emails: false,
        send_default_pii: true,
        scrub_patterns: vec!["charge failed".into()],
        ..options()
    });
    assert!(body.contains("jane.doe@example.com"), "emails kept");
    assert!(
        body.contains("token=abc123"),
        "query kept with sendDefaultPii"
    );
    assert!(!body.contains(JWT), "tokens still filtered");
    assert!(
        body.contains("[Filtered] for [Filtered]"),
        "pattern and card filtered"
    );
    let off = sent(Options {
        scrub: false,
        ..options()
    });
    assert!(off.contains(JWT) && off.contains("4111 1111 1111 1111"));
}

#[test]
fn long_values_are_cut_with_an_ellipsis() {
    let (mut client, rec) = client(Options {
        max_value_length: 100,
        ..options()
    });
    client.capture(Capture {
        message: Some("x".repeat(10_000)),
        ..Default::default()
    });
    let (_, items) = split_envelope(&rec.sent.borrow()[0].body);
    let m = items[0].1["message"].as_str().unwrap().to_string();
    assert_eq!(m.chars().count(), 101);
    assert!(m.ends_with('…'));
}
