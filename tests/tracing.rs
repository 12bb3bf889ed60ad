//! Transactions, trace propagation and sessions, natively: the core turns page facts into the
//! payloads Relay, GlitchTip and `sentry-types` accept.

mod common;

use common::{client, keep_for_relay, options, split_envelope};
use faultline::client::{Capture, ErrorFacts};
use faultline::protocol::event::Mechanism;
use sentry_types::protocol::v7::{Envelope, EnvelopeItem};

const TRACE: &str = "4e9d2c1b0a8f47d6b5c4a3928170f6e5";
const ROOT: &str = "b7a6c5d4e3f21009";
/// `performance.timeOrigin` of the test page: 2026-11-24T08:56:40.250Z.
const ORIGIN: f64 = 1795510600250.0;

/// The pageload's `contexts.trace` as the shim writes it (js/spans.js `_txEnd`).
fn context() -> String {
    serde_json::json!({ "trace_id": TRACE, "span_id": ROOT, "op": "pageload", "status": "ok", "origin": "auto.pageload.browser" })
        .to_string()
}

/// The trace's own DSC members as the shim writes them (js/spans.js `_startRoot`; sample_rand
/// of TRACE is 0.060276), sampled at `rate`.
fn dsc(rate: &str) -> String {
    format!("\"sample_rate\":\"{rate}\",\"sample_rand\":\"0.060276\",\"sampled\":\"true\"")
}

/// The test's pageload starts (named by its URL: no name in the DSC), sampled at `rate`.
fn pageload(c: &mut faultline::client::Client, rate: &str) {
    c.start_root(TRACE.into(), ROOT.into(), dsc(rate));
}

/// A child span of the test's root as the shim writes it (js/spans.js `_finished`, whose
/// timing rules tests/browser/tracing.test.mjs checks): times in ms since `ORIGIN`, already
/// whole and cut at the transaction's end.
fn span(
    id: &str,
    parent: &str,
    op: &str,
    desc: &str,
    (start, end): (u64, &str),
    origin: &str,
) -> serde_json::Value {
    serde_json::json!({
        "span_id": id,
        "parent_span_id": if parent.is_empty() { ROOT } else { parent },
        "trace_id": TRACE,
        "op": op,
        "description": desc,
        "status": "ok",
        "origin": origin,
        "start_timestamp": (ORIGIN as u64 + start) as f64 / 1000.0,
        "timestamp": end,
    })
}

/// The members the shim writes for the test's pageload (js/spans.js `_txEnd`): its own spans,
/// those it made from the page's timing entries and the web vitals; the transaction ends with
/// its last span, at 842 ms.
fn page_facts() -> String {
    let ui = "auto.ui.browser.metrics";
    let doc = "http://localhost:5173/cart";
    let mut http = span(
        "e3f4a5b6c7d8091a",
        "",
        "http.client",
        "GET /api/cart",
        (410, "2026-11-24T08:56:41.092Z"),
        "auto.http.browser",
    );
    http["data"] = serde_json::json!({"http.method": "GET", "http.response.status_code": 200});
    let mut script = span(
        "00000000000000a1",
        "",
        "resource.script",
        "/assets/index-9a8b7c.js",
        (45, "2026-11-24T08:56:40.440Z"),
        "auto.resource.browser.metrics",
    );
    script["data"] = serde_json::json!({
        "url.full": "http://localhost:5173/assets/index-9a8b7c.js",
        "http.response_content_length": 98123,
    });
    let spans = serde_json::json!([
        span(
            "00000000000000b1",
            "",
            "browser.request",
            doc,
            (9, "2026-11-24T08:56:40.281Z"),
            ui
        ),
        script,
        span(
            "00000000000000c1",
            "",
            "ui.long-task",
            "Main UI thread blocked",
            (200, "2026-11-24T08:56:40.525Z"),
            ui,
        ),
        http,
        span(
            "f4a5b6c7d8e9fa0b",
            "e3f4a5b6c7d8091a",
            "db.query",
            "load cart",
            (500, "2026-11-24T08:56:40.850Z"),
            "manual",
        ),
    ]);
    let head = serde_json::json!({
        "type": "transaction",
        "platform": "javascript",
        "transaction": "/cart",
        "transaction_info": {"source": "url"},
        "start_timestamp": ORIGIN / 1000.0,
        "timestamp": "2026-11-24T08:56:41.092Z",
        "measurements": serde_json::from_str::<serde_json::Value>(r#"{"ttfb":{"value":31.2,"unit":"millisecond"},"fcp":{"value":212,"unit":"millisecond"},"lcp":{"value":388.5,"unit":"millisecond"},"cls":{"value":0.02,"unit":""}}"#).unwrap(),
        "spans": spans,
    })
    .to_string();
    head[1..head.len() - 1].to_string()
}

/// Parses `body` with `sentry-types`, as Sentry's own Rust code would.
fn parses(body: &str) -> usize {
    let env = Envelope::from_slice(body.as_bytes()).expect("sentry-types parses the envelope");
    env.items()
        .filter(|i| matches!(i, EnvelopeItem::Transaction(_)))
        .count()
}

#[test]
fn a_pageload_becomes_one_transaction_with_spans_measurements_and_dsc() {
    let (mut c, rec) = client(options());
    pageload(&mut c, "1");
    c.send_transaction(&page_facts(), context(), 0);

    let sent = rec.take_sent();
    assert_eq!(sent.len(), 1, "one envelope");
    keep_for_relay("tracing-pageload", &sent[0].body);
    assert_eq!(parses(&sent[0].body), 1);
    let (header, items) = split_envelope(&sent[0].body);
    let (ih, tx) = &items[0];
    assert_eq!(ih["type"], "transaction");
    assert_eq!(header["event_id"], tx["event_id"]);
    let dsc = &header["trace"];
    assert_eq!(dsc["trace_id"], TRACE);
    assert_eq!(dsc["public_key"], "0a1b2c3d4e5f40718293a4b5c6d7e8f9");
    assert_eq!(dsc["release"], "shop-web@1.4.2");
    assert_eq!(dsc["environment"], "staging");
    assert_eq!(dsc["sample_rate"], "1");
    assert_eq!(dsc["sampled"], "true");
    assert_eq!(dsc["sample_rand"], "0.060276");
    assert!(
        dsc.get("transaction").is_none(),
        "a URL name stays out of the DSC"
    );

    assert_eq!(tx["type"], "transaction");
    assert_eq!(tx["transaction"], "/cart");
    assert_eq!(tx["transaction_info"]["source"], "url");
    assert_eq!(tx["platform"], "javascript");
    assert_eq!(tx["start_timestamp"], 1795510600.25);
    assert_eq!(
        tx["timestamp"], "2026-11-24T08:56:41.092Z",
        "ends with its last span"
    );
    let trace = &tx["contexts"]["trace"];
    assert_eq!(trace["trace_id"], TRACE);
    assert_eq!(trace["span_id"], ROOT);
    assert_eq!(trace["op"], "pageload");
    assert_eq!(trace["origin"], "auto.pageload.browser");
    assert_eq!(trace["status"], "ok");

    let spans = tx["spans"].as_array().unwrap();
    let op = |o: &str| {
        spans
            .iter()
            .find(|s| s["op"] == o)
            .unwrap_or_else(|| panic!("{o}"))
    };
    // Which spans and vitals a page's timing entries give is the shim's part (js/tracing.js),
    // checked on a real page by tests/browser/tracing.test.mjs; here they pass through the core.
    for s in spans {
        let id = s["span_id"].as_str().unwrap();
        assert!(
            id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id}"
        );
        assert_eq!(s["trace_id"], TRACE);
        assert!(s["start_timestamp"].is_f64() || s["start_timestamp"].is_u64());
        assert!(s["timestamp"].is_string());
    }
    assert_eq!(op("browser.request")["start_timestamp"], 1795510600.259);
    assert_eq!(
        op("browser.request")["timestamp"],
        "2026-11-24T08:56:40.281Z"
    );
    assert_eq!(op("browser.request")["parent_span_id"], ROOT);
    assert_eq!(
        op("browser.request")["description"],
        "http://localhost:5173/cart",
        "queries may hold tokens"
    );
    assert!(
        spans.iter().all(|s| s["op"] != "browser.tls"),
        "no TLS on http"
    );
    let script = op("resource.script");
    assert_eq!(script["description"], "/assets/index-9a8b7c.js");
    assert_eq!(script["data"]["http.response_content_length"], 98123.0);
    assert_eq!(
        script["data"]["url.full"],
        "http://localhost:5173/assets/index-9a8b7c.js"
    );
    assert!(spans.iter().all(|s| s["op"] != "resource.other"));
    assert_eq!(op("ui.long-task")["description"], "Main UI thread blocked");
    let http = op("http.client");
    assert_eq!(http["status"], "ok");
    assert_eq!(http["origin"], "auto.http.browser");
    assert_eq!(http["data"]["http.response.status_code"], 200.0);
    assert_eq!(op("db.query")["parent_span_id"], "e3f4a5b6c7d8091a");
    assert_eq!(op("db.query")["origin"], "manual");

    let m = &tx["measurements"];
    assert_eq!(m["ttfb"]["value"], 31.2);
    assert_eq!(m["ttfb"]["unit"], "millisecond");
    assert_eq!(m["fcp"]["value"], 212.0);
    assert_eq!(m["lcp"]["value"], 388.5);
    assert_eq!(m["cls"]["value"], 0.02);
    assert_eq!(m["cls"]["unit"], "");
    assert!(m.get("inp").is_none(), "no interaction, no INP");
    assert_eq!(tx["request"]["url"], "http://localhost:5173/cart?step=2");
}

#[test]
fn the_dsc_is_the_clients_members_then_the_traces() {
    let (mut c, rec) = client(options());
    // Sampling and the trace's name are the shim's (js/spans.js `_decide`, `_startRoot`, and
    // the request headers js/tracing.js writes from the DSC: tests/browser/tracing.test.mjs).
    c.start_root(
        TRACE.into(),
        ROOT.into(),
        format!("{},\"transaction\":\"checkout\"", dsc("0.05")),
    );
    let d: serde_json::Value = serde_json::from_str(&c.dsc().unwrap()).unwrap();
    assert_eq!(
        d,
        serde_json::json!({
            "trace_id": TRACE, "public_key": "0a1b2c3d4e5f40718293a4b5c6d7e8f9", "release": "shop-web@1.4.2",
            "environment": "staging", "sample_rate": "0.05", "sample_rand": "0.060276", "sampled": "true",
            "transaction": "checkout",
        })
    );
    // A new trace without a decision (tracing not configured) and a URL name: the client's only.
    let next = "00000000000000000000000000000001";
    c.start_root(next.into(), ROOT.into(), String::new());
    assert_eq!(
        c.dsc().unwrap(),
        format!("{{\"trace_id\":\"{next}\",\"public_key\":\"0a1b2c3d4e5f40718293a4b5c6d7e8f9\",\"release\":\"shop-web@1.4.2\",\"environment\":\"staging\"}}")
    );
    assert!(rec.take_sent().is_empty());
}

#[test]
fn children_that_did_not_fit_are_counted_and_nothing_is_sent_without_a_dsn() {
    let (mut c, rec) = client(faultline::options::Options {
        dsn: None,
        ..options()
    });
    pageload(&mut c, "1");
    c.send_transaction(&page_facts(), context(), 3);
    assert!(rec.take_sent().is_empty());
    assert_eq!(c.discarded.count("buffer_overflow"), 3);
}

#[test]
fn errors_inside_a_transaction_carry_its_trace() {
    let (mut c, rec) = client(options());
    pageload(&mut c, "1");
    c.set_active_span(Some("aaaabbbbccccdddd".into()));
    c.capture(Capture {
        errors: vec![ErrorFacts {
            ty: Some("TypeError".into()),
            value: Some("boom".into()),
            ..Default::default()
        }],
        ..Default::default()
    });
    let sent = rec.take_sent();
    let body = &sent.last().unwrap().body;
    keep_for_relay("tracing-error-in-transaction", body);
    let (header, items) = split_envelope(body);
    let (_, event) = items.iter().find(|(h, _)| h["type"] == "event").unwrap();
    assert_eq!(event["contexts"]["trace"]["trace_id"], TRACE);
    assert_eq!(event["contexts"]["trace"]["span_id"], "aaaabbbbccccdddd");
    assert_eq!(header["trace"]["trace_id"], TRACE);
    assert_eq!(header["trace"]["sampled"], "true");
    assert!(
        event.get("transaction").is_none(),
        "a URL name would only regroup errors on GlitchTip"
    );
}

/// What the client sent since the last call, each answered 200 so the outbox moves on.
fn delivered(c: &mut faultline::client::Client, rec: &common::Recorder) -> Vec<common::Sent> {
    let sent = rec.take_sent();
    for s in &sent {
        c.on_response(s.request_id, 200, None, None);
    }
    sent
}

fn session_of(body: &str) -> serde_json::Value {
    let (_, items) = split_envelope(body);
    let (h, payload) = items.into_iter().next().unwrap();
    assert_eq!(h["type"], "session");
    payload
}

/// An uncaught error; `value` differs per call so dedupe keeps each.
fn unhandled(value: &str) -> Capture {
    Capture {
        errors: vec![ErrorFacts {
            ty: Some("TypeError".into()),
            value: Some(value.into()),
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
fn a_page_view_session_starts_ok_and_crashes_on_an_unhandled_error() {
    let (mut c, rec) = client(options());
    c.start_session();
    let sent = delivered(&mut c, &rec);
    assert_eq!(sent.len(), 1);
    keep_for_relay("session-init", &sent[0].body);
    Envelope::from_slice(sent[0].body.as_bytes()).expect("sentry-types parses the session");
    let s = session_of(&sent[0].body);
    assert_eq!(s["init"], true);
    assert_eq!(s["status"], "ok");
    assert_eq!(s["errors"], 0);
    assert_eq!(s["started"], "2026-11-24T08:55:30.131Z");
    assert_eq!(s["attrs"]["release"], "shop-web@1.4.2");
    assert_eq!(s["attrs"]["environment"], "staging");
    let sid = s["sid"].clone();

    // A message is not an error; a handled error makes the session errored, sent once.
    c.capture(Capture {
        message: Some("hello".into()),
        ..Default::default()
    });
    for value in ["a is undefined", "b is undefined"] {
        let mut handled = unhandled(value);
        handled.mechanism = None;
        c.capture(handled);
    }
    let sessions: Vec<_> = delivered(&mut c, &rec)
        .into_iter()
        .filter(|s| s.body.contains("{\"type\":\"session\""))
        .collect();
    assert_eq!(sessions.len(), 1, "only the first error is sent at once");
    let s = session_of(&sessions[0].body);
    assert_eq!(
        (s["init"].clone(), s["errors"].clone()),
        (false.into(), 1.into())
    );
    assert_eq!(s["sid"], sid);

    c.capture(unhandled("c is undefined"));
    c.capture(unhandled("d is undefined"));
    let crashed: Vec<_> = delivered(&mut c, &rec)
        .into_iter()
        .filter(|s| s.body.contains("{\"type\":\"session\""))
        .collect();
    assert_eq!(crashed.len(), 1, "crashed is terminal: sent once");
    keep_for_relay("session-crashed", &crashed[0].body);
    let s = session_of(&crashed[0].body);
    assert_eq!(s["status"], "crashed");
    assert_eq!(s["errors"], 3);

    // The next page view is a new session.
    c.start_session();
    let s = session_of(&delivered(&mut c, &rec)[0].body);
    assert_ne!(s["sid"], sid);
    assert_eq!(s["init"], true);
}

#[test]
fn no_release_no_session() {
    let (mut c, rec) = client(faultline::options::Options {
        release: None,
        ..options()
    });
    c.start_session();
    c.capture(unhandled("x is undefined"));
    assert!(rec
        .take_sent()
        .iter()
        .all(|s| !s.body.contains("\"type\":\"session\"")));
}
