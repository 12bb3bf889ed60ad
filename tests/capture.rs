//! Event quality without a browser: filters, dedupe, sampling, the `withScope` stack, the
//! breadcrumb trail, linked errors, and the `beforeSend` seam (`process` then `send_payload`).

mod common;

use common::*;
use faultline::client::{Capture, Client, ErrorFacts};
use faultline::options::Options;
use faultline::protocol::event::{Breadcrumb, Level, Mechanism};
use faultline::protocol::json::RawJson;
use serde_json::Value;
use std::rc::Rc;

fn error(ty: &str, value: &str, file: &str) -> Capture {
    Capture {
        errors: vec![ErrorFacts {
            ty: Some(ty.into()),
            value: Some(value.into()),
            stack: Some(format!(
                "{ty}: {value}\n    at load ({file}:12:7)\n    at <anonymous>"
            )),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn message(text: &str) -> Capture {
    Capture {
        message: Some(text.into()),
        ..Default::default()
    }
}

/// The event payloads sent so far, in order (and forgets them).
fn events(rec: &Recorder) -> Vec<Value> {
    rec.take_sent()
        .iter()
        .flat_map(|s| split_envelope(&s.body).1)
        .filter(|(h, _)| h["type"] == "event")
        .map(|(_, p)| p)
        .collect()
}

fn thrown_value(ev: &Value) -> String {
    let v = ev["exception"]["values"].as_array().unwrap();
    v.last().unwrap()["value"].as_str().unwrap().into()
}

/// The message, or else the thrown error's value, of each event sent so far.
fn titles(rec: &Recorder) -> Vec<String> {
    events(rec)
        .iter()
        .map(|e| {
            e["message"]
                .as_str()
                .map(String::from)
                .unwrap_or_else(|| thrown_value(e))
        })
        .collect()
}

fn setup(f: impl FnOnce(&mut Client)) -> (Client, Rc<Recorder>) {
    let (mut c, rec) = client(options());
    f(&mut c);
    (c, rec)
}

#[test]
fn ignore_errors_matches_message_value_and_type_as_substrings() {
    let (mut c, rec) = setup(|c| {
        c.filters.ignore_errors = vec![
            "ResizeObserver loop".into(),
            "TypeError: x is".into(),
            String::new(),
        ];
    });
    c.capture(error(
        "Error",
        "ResizeObserver loop limit exceeded",
        "https://shop.example/app.js",
    ));
    c.capture(error(
        "TypeError",
        "x is undefined",
        "https://shop.example/app.js",
    ));
    c.capture(message("ResizeObserver loop completed"));
    c.capture(error(
        "TypeError",
        "y is undefined",
        "https://shop.example/app.js",
    ));
    let sent = events(&rec);
    assert_eq!(sent.len(), 1, "an empty pattern matches nothing");
    assert_eq!(thrown_value(&sent[0]), "y is undefined");
    assert_eq!(c.discarded.count("event_processor"), 3);
}

#[test]
fn deny_and_allow_urls_read_the_newest_named_frame() {
    let (mut c, rec) = setup(|c| {
        c.filters.deny_urls = vec!["chrome-extension://".into(), "/vendor/".into()];
        c.filters.allow_urls = vec!["https://shop.example/".into()];
    });
    c.capture(error("Error", "ext", "chrome-extension://abc/content.js"));
    c.capture(error(
        "Error",
        "vendor",
        "https://shop.example/vendor/lib.js",
    ));
    c.capture(error("Error", "elsewhere", "https://cdn.other/x.js"));
    c.capture(error("Error", "mine", "https://shop.example/app.js"));
    // No frames, no URL: neither list applies.
    c.capture(message("a message has no URL"));
    assert_eq!(titles(&rec), ["mine", "a message has no URL"]);
    assert_eq!(c.discarded.count("event_processor"), 3);
}

#[test]
fn script_errors_are_sent_unless_turned_away() {
    let script_error = || Capture {
        errors: vec![ErrorFacts {
            ty: Some("Error".into()),
            value: Some("Script error.".into()),
            ..Default::default()
        }],
        ..Default::default()
    };
    let (mut c, rec) = setup(|_| {});
    c.capture(script_error());
    assert_eq!(events(&rec).len(), 1);

    let (mut c, rec) = setup(|c| c.filters.ignore_script_errors = true);
    c.capture(script_error());
    assert!(events(&rec).is_empty());
    assert_eq!(c.discarded.count("event_processor"), 1);
}

#[test]
fn the_identical_consecutive_error_is_sent_once() {
    let (mut c, rec) = setup(|_| {});
    let a = || error("TypeError", "boom", "https://shop.example/app.js");
    c.capture(a());
    c.capture(a());
    c.capture(error("TypeError", "other", "https://shop.example/app.js"));
    c.capture(a());
    c.capture(message("hello"));
    c.capture(message("hello"));
    // Same error, another place: not a repeat.
    c.capture(error("TypeError", "boom", "https://shop.example/other.js"));
    // Same error, another fingerprint: not a repeat.
    let mut fp = error("TypeError", "boom", "https://shop.example/other.js");
    fp.fingerprint = vec!["checkout".into()];
    c.capture(fp);
    assert_eq!(
        titles(&rec),
        ["boom", "other", "boom", "hello", "boom", "boom"]
    );
    assert_eq!(c.discarded.count("event_processor"), 2);
}

#[test]
fn an_ignored_event_does_not_hide_the_next_one_as_a_repeat() {
    let (mut c, rec) = setup(|c| c.filters.ignore_errors = vec!["noise".into()]);
    let mut noisy = error("Error", "boom", "https://shop.example/app.js");
    noisy.message = Some("noise".into());
    c.capture(error("Error", "boom", "https://shop.example/app.js"));
    c.capture(noisy);
    c.capture(error("Error", "boom", "https://shop.example/app.js"));
    assert_eq!(
        events(&rec).len(),
        1,
        "the third repeats the first, the ignored one in between does not count"
    );
}

#[test]
fn sampling_at_zero_sends_nothing_and_counts_each() {
    let (mut c, rec) = client(Options {
        sample_rate: 0.0,
        ..options()
    });
    let id = c.capture(message("dropped"));
    c.capture(error("Error", "dropped", "https://shop.example/app.js"));
    assert_eq!(id.len(), 32, "the id is still returned");
    assert!(events(&rec).is_empty());
    assert_eq!(c.discarded.count("sample_rate"), 2);
}

#[test]
fn a_disabled_client_sends_and_keeps_nothing() {
    let (mut c, rec) = client(Options {
        enabled: false,
        ..options()
    });
    c.add_breadcrumb(Breadcrumb {
        message: Some("x".into()),
        ..Default::default()
    });
    c.capture(message("off"));
    assert!(rec.sent.borrow().is_empty());
    assert!(c.scope.breadcrumbs.is_empty());
}

#[test]
fn the_trail_stays_after_filtered_and_prepared_events() {
    let (mut c, rec) = setup(|c| c.filters.ignore_errors = vec!["noise".into()]);
    c.add_breadcrumb(Breadcrumb {
        category: Some("ui.click".into()),
        ..Default::default()
    });
    c.capture(message("noise"));
    let id = "0123456789abcdef0123456789abcdef".to_string();
    let prepared = c.process(message("to the hook"), id).expect("kept");
    assert_eq!(
        prepared.breadcrumbs.as_ref().map(|b| b.values.len()),
        Some(1)
    );
    c.scope.take_back(prepared);
    c.capture(message("after"));
    let sent = events(&rec);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["breadcrumbs"]["values"][0]["category"], "ui.click");
}

#[test]
fn with_scope_changes_apply_inside_only_and_the_trail_stays() {
    let (mut c, rec) = setup(|c| {
        c.scope.tags.insert("team", "checkout".into());
        c.scope.user = Some(RawJson(r#"{"id":"42"}"#.into()));
    });
    c.scope.push();
    c.scope.tags.insert("inner", "yes".into());
    c.scope.tags.insert("team", "payments".into());
    c.scope.user = None;
    c.scope.level = Some(Level::Warning);
    c.scope.fingerprint = vec!["inside".into()];
    c.add_breadcrumb(Breadcrumb {
        category: Some("ui.click".into()),
        ..Default::default()
    });
    c.capture(message("inside"));
    c.scope.pop();
    c.capture(message("outside"));
    // A pop without a push changes nothing.
    c.scope.pop();
    c.capture(message("still outside"));

    let sent = events(&rec);
    assert_eq!(
        sent[0]["tags"],
        serde_json::json!({"team": "payments", "inner": "yes"})
    );
    assert_eq!(sent[0]["user"], Value::Null);
    assert_eq!(sent[0]["level"], "warning");
    assert_eq!(sent[0]["fingerprint"], serde_json::json!(["inside"]));
    for ev in &sent[1..] {
        assert_eq!(ev["tags"], serde_json::json!({"team": "checkout"}));
        assert_eq!(ev["user"]["id"], "42");
        assert_eq!(ev["level"], "info");
        assert_eq!(ev["fingerprint"], Value::Null);
        assert_eq!(ev["breadcrumbs"]["values"][0]["category"], "ui.click");
    }
}

#[test]
fn breadcrumbs_keep_the_newest_in_order_and_are_stamped_when_unstamped() {
    let (mut c, rec) = client(Options {
        max_breadcrumbs: 3,
        ..options()
    });
    for i in 1..=5 {
        c.add_breadcrumb(Breadcrumb {
            timestamp: 1795510500.0 + f64::from(i),
            category: Some("console".into()),
            message: Some(format!("step {i}")),
            level: Level::parse("log"),
            data: Some(RawJson(r#"{"logger":"console"}"#.into())),
            ..Default::default()
        });
    }
    c.add_breadcrumb(Breadcrumb {
        ty: Some("http".into()),
        category: Some("fetch".into()),
        data: Some(RawJson(
            r#"{"method":"GET","url":"/api/cart","status_code":200}"#.into(),
        )),
        ..Default::default()
    });
    c.capture(error(
        "Error",
        "with a trail",
        "https://shop.example/app.js",
    ));
    let rec_sent = rec.take_sent();
    keep_for_relay("capture-breadcrumbs", &rec_sent[0].body);
    let ev = &split_envelope(&rec_sent[0].body).1[0].1;
    let crumbs = ev["breadcrumbs"]["values"].as_array().unwrap();
    let messages: Vec<&str> = crumbs
        .iter()
        .map(|b| b["message"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(messages, ["step 4", "step 5", ""]);
    assert_eq!(crumbs[0]["level"], "info");
    assert_eq!(
        crumbs[2]["timestamp"].as_f64(),
        Some(1795510530.131),
        "stamped with the clock"
    );
    assert_eq!(crumbs[2]["data"]["status_code"], 200);
}

#[test]
fn a_cause_chain_is_listed_causes_first_with_linked_ids() {
    let (mut c, rec) = setup(|_| {});
    let facts = |ty: &str, v: &str| ErrorFacts {
        ty: Some(ty.into()),
        value: Some(v.into()),
        stack: Some(format!(
            "{ty}: {v}\n    at pay (https://shop.example/app.js:3:9)"
        )),
        ..Default::default()
    };
    c.capture(Capture {
        errors: vec![
            facts("Error", "checkout failed"),
            facts("TypeError", "payment failed"),
            facts("RangeError", "amount out of range"),
        ],
        mechanism: Some(Mechanism {
            ty: "auto.browser.global_handlers.onerror".into(),
            handled: Some(false),
            ..Default::default()
        }),
        ..Default::default()
    });
    let sent = rec.take_sent();
    keep_for_relay("capture-linked", &sent[0].body);
    let ev = &split_envelope(&sent[0].body).1[0].1;
    let v = ev["exception"]["values"].as_array().unwrap();
    let mech: Vec<Value> = v.iter().map(|e| e["mechanism"].clone()).collect();
    assert_eq!(v[0]["type"], "RangeError");
    assert_eq!(v[2]["type"], "Error");
    assert_eq!(
        mech,
        [
            serde_json::json!({"type": "chained", "source": "cause", "exception_id": 2, "parent_id": 1}),
            serde_json::json!({"type": "chained", "source": "cause", "exception_id": 1, "parent_id": 0}),
            serde_json::json!({"type": "auto.browser.global_handlers.onerror", "handled": false, "exception_id": 0}),
        ]
    );
}

#[test]
fn before_send_seam_process_then_send_payload() {
    let (mut c, rec) = setup(|c| c.scope.tags.insert("plan", "pro".into()));
    let id = "0123456789abcdef0123456789abcdef".to_string();
    let event = c.process(message("to the hook"), id.clone()).expect("kept");
    assert_eq!(event.tags.get("plan").map(String::as_str), Some("pro"));
    assert!(
        rec.sent.borrow().is_empty(),
        "nothing is sent before the hook returns"
    );
    // What the hook returned, as the shim hands it back.
    let payload = faultline::protocol::json::to_json(&event)
        .unwrap()
        .replace("to the hook", "changed by the hook");
    c.send_payload(&id, payload);
    let sent = rec.take_sent();
    keep_for_relay("capture-before-send", &sent[0].body);
    let (header, items) = split_envelope(&sent[0].body);
    assert_eq!(header["event_id"], id.as_str());
    assert_eq!(items[0].1["message"], "changed by the hook");
    assert_eq!(c.last_event_id(), Some(id.as_str()));
    // A filtered event never reaches the hook.
    c.filters.ignore_errors = vec!["secret".into()];
    assert!(c.process(message("secret"), id.clone()).is_none());
    assert_eq!(c.discarded.count("event_processor"), 1);
}
