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
        vec![
            "[faultline] invalid DSN, events will not be sent: the project id is not a number"
                .to_string()
        ]
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

/// Every protocol type, fully populated and empty, as it goes on the wire: wire names, the
/// order of fields, skipped absent fields, numbers, timestamps and escaping.
mod wire {
    use faultline::protocol::client_report::ClientReport;
    use faultline::protocol::envelope::{Envelope, Item, SdkInfo};
    use faultline::protocol::event::*;
    use faultline::protocol::json::{to_json, RawJson};
    use faultline::protocol::map::Map;
    use faultline::protocol::session::{SessionAttrs, SessionUpdate};
    use faultline::protocol::time::Rfc3339;
    use faultline::protocol::transaction::*;

    fn s(v: &str) -> Option<String> {
        Some(v.into())
    }

    fn full_event() -> Event {
        let mut tags = Map::new();
        tags.insert("route", "/cart".into());
        tags.insert("we\"ird\n", "ta\u{1}b".into());
        let mut contexts = Map::new();
        contexts.insert("trace", RawJson("{\"trace_id\":\"ab\"}".into()));
        contexts.insert("empty", RawJson(String::new()));
        let mut extra = Map::new();
        extra.insert("n", RawJson("[1,2.5,null]".into()));
        let mut headers = Map::new();
        headers.insert("User-Agent", "Mozilla/5.0".into());
        Event {
            event_id: "c0ffee5e1f2a4b3c8d9e0a1b2c3d4e5f".into(),
            timestamp: 1795510530.131,
            platform: "javascript",
            level: Level::Warning,
            release: s("shop@1"),
            environment: s("staging"),
            dist: s("7"),
            transaction: s("/cart"),
            message: s("quote\" backslash\\ tab\t nul\u{0} \u{1f} emoji 🎉 \u{2028}"),
            exception: Some(Values {
                values: vec![
                    Exception {
                        ty: s("NetworkError"),
                        value: s("timed out"),
                        mechanism: Some(Mechanism {
                            ty: "chained".into(),
                            handled: Some(true),
                            synthetic: Some(false),
                            source: s("cause"),
                            exception_id: Some(1),
                            parent_id: Some(0),
                            is_exception_group: Some(true),
                        }),
                        stacktrace: Some(Stacktrace {
                            frames: vec![
                                Frame {
                                    function: s("f"),
                                    filename: s("http://x/a.js"),
                                    abs_path: s("http://x/a.js?v=1"),
                                    lineno: Some(4_294_967_295),
                                    colno: Some(0),
                                    in_app: Some(true),
                                    instruction_addr: s("0x1f"),
                                    addr_mode: s("rel:0"),
                                    platform: Some("native"),
                                },
                                Frame::default(),
                            ],
                        }),
                    },
                    Exception::default(),
                ],
            }),
            breadcrumbs: Some(Values {
                values: vec![
                    Breadcrumb {
                        timestamp: 1795510529.5,
                        ty: s("http"),
                        category: s("fetch"),
                        message: s("GET /api"),
                        level: Some(Level::Debug),
                        data: Some(RawJson("{\"status_code\":200}".into())),
                    },
                    Breadcrumb {
                        level: Some(Level::Fatal),
                        ..Breadcrumb::default()
                    },
                    Breadcrumb {
                        level: Some(Level::Info),
                        data: Some(RawJson(String::new())),
                        ..Breadcrumb::default()
                    },
                ],
            }),
            user: Some(RawJson("{\"id\":\"42\"}".into())),
            tags,
            contexts,
            extra,
            fingerprint: vec!["{{ default }}".into(), "x".into()],
            request: Some(Request {
                url: s("http://x/cart"),
                headers,
            }),
            sdk: Some(ClientSdk {
                name: "faultline.javascript.react".into(),
                version: "0.1.0".into(),
                integrations: vec!["A".into(), "B".into()],
                packages: vec![Package {
                    name: "npm:faultline".into(),
                    version: "0.1.0".into(),
                }],
                settings: SdkSettings { infer_ip: "never" },
            }),
        }
    }

    #[test]
    fn a_full_event() {
        assert_eq!(
            to_json(&full_event()).unwrap(),
            "{\"event_id\":\"c0ffee5e1f2a4b3c8d9e0a1b2c3d4e5f\",\"timestamp\":1795510530.131,\"platform\":\"javascript\",\"level\":\"warning\",\"release\":\"shop@1\",\"environment\":\"staging\",\"dist\":\"7\",\"transaction\":\"/cart\",\"message\":\"quote\\\" backslash\\\\ tab\\t nul\\u0000 \\u001f emoji 🎉 \u{2028}\",\"exception\":{\"values\":[{\"type\":\"NetworkError\",\"value\":\"timed out\",\"mechanism\":{\"type\":\"chained\",\"handled\":true,\"synthetic\":false,\"source\":\"cause\",\"exception_id\":1,\"parent_id\":0,\"is_exception_group\":true},\"stacktrace\":{\"frames\":[{\"function\":\"f\",\"filename\":\"http://x/a.js\",\"abs_path\":\"http://x/a.js?v=1\",\"lineno\":4294967295,\"colno\":0,\"in_app\":true,\"instruction_addr\":\"0x1f\",\"addr_mode\":\"rel:0\",\"platform\":\"native\"},{}]}},{}]},\"breadcrumbs\":{\"values\":[{\"timestamp\":1795510529.5,\"type\":\"http\",\"category\":\"fetch\",\"message\":\"GET /api\",\"level\":\"debug\",\"data\":{\"status_code\":200}},{\"timestamp\":0,\"level\":\"fatal\"},{\"timestamp\":0,\"level\":\"info\",\"data\":null}]},\"user\":{\"id\":\"42\"},\"tags\":{\"route\":\"/cart\",\"we\\\"ird\\n\":\"ta\\u0001b\"},\"contexts\":{\"trace\":{\"trace_id\":\"ab\"},\"empty\":null},\"extra\":{\"n\":[1,2.5,null]},\"fingerprint\":[\"{{ default }}\",\"x\"],\"request\":{\"url\":\"http://x/cart\",\"headers\":{\"User-Agent\":\"Mozilla/5.0\"}},\"sdk\":{\"name\":\"faultline.javascript.react\",\"version\":\"0.1.0\",\"integrations\":[\"A\",\"B\"],\"packages\":[{\"name\":\"npm:faultline\",\"version\":\"0.1.0\"}],\"settings\":{\"infer_ip\":\"never\"}}}"
        );
    }

    #[test]
    fn an_empty_event() {
        let e = Event {
            request: Some(Request::default()),
            sdk: Some(ClientSdk {
                name: String::new(),
                version: String::new(),
                integrations: Vec::new(),
                packages: Vec::new(),
                settings: SdkSettings { infer_ip: "auto" },
            }),
            exception: Some(Values { values: Vec::new() }),
            ..Event::default()
        };
        assert_eq!(
            to_json(&e).unwrap(),
            "{\"event_id\":\"\",\"timestamp\":0,\"platform\":\"\",\"level\":\"error\",\"exception\":{\"values\":[]},\"request\":{},\"sdk\":{\"name\":\"\",\"version\":\"\",\"settings\":{\"infer_ip\":\"auto\"}}}"
        );
    }

    #[test]
    fn a_transaction() {
        // The shim writes most members as JSON text (its `JSON.stringify`), including the spans
        // and measurements; they are written verbatim after the event id.
        let head = "\"type\":\"transaction\",\"platform\":\"javascript\",\"transaction\":\"/invoices/:id\",\"transaction_info\":{\"source\":\"route\"},\"start_timestamp\":1795510529,\"timestamp\":\"2026-11-24T08:55:30.131Z\",\"measurements\":{\"lcp\":{\"value\":1200.25,\"unit\":\"millisecond\"}},\"spans\":[{\"span_id\":\"1111111111111111\",\"op\":\"http.client\",\"data\":{\"url\":\"http://x/a?b=\\\"c\\\"\",\"size\":1234.5}}]";
        let mut contexts = Map::new();
        let trace = "{\"trace_id\":\"0123456789abcdef0123456789abcdef\",\"span_id\":\"0123456789abcdef\",\"op\":\"pageload\",\"status\":\"ok\"}";
        contexts.insert("trace", RawJson(trace.into()));
        let mut tags = Map::new();
        tags.insert("plan", "pro".into());
        let request = Request {
            url: s("http://x/invoices/7"),
            headers: Map::new(),
        };
        let sdk = ClientSdk {
            name: "faultline.javascript".into(),
            version: "0.1.0".into(),
            integrations: Vec::new(),
            packages: Vec::new(),
            settings: SdkSettings { infer_ip: "never" },
        };
        let tx = Transaction {
            event_id: "c0ffee5e1f2a4b3c8d9e0a1b2c3d4e5f",
            head,
            release: &s("shop@1"),
            environment: "production",
            dist: &s("7"),
            contexts: &contexts,
            tags: &tags,
            user: &Some(RawJson("{\"id\":1}".into())),
            request: &request,
            sdk: &sdk,
        };
        assert_eq!(
            to_json(&tx).unwrap(),
            format!("{{\"event_id\":\"c0ffee5e1f2a4b3c8d9e0a1b2c3d4e5f\",{head},\"release\":\"shop@1\",\"environment\":\"production\",\"dist\":\"7\",\"contexts\":{{\"trace\":{trace}}},\"tags\":{{\"plan\":\"pro\"}},\"user\":{{\"id\":1}},\"request\":{{\"url\":\"http://x/invoices/7\"}},\"sdk\":{{\"name\":\"faultline.javascript\",\"version\":\"0.1.0\",\"settings\":{{\"infer_ip\":\"never\"}}}}}}")
        );
        let bare = Transaction {
            release: &None,
            dist: &None,
            tags: &Map::new(),
            user: &None,
            ..tx
        };
        assert_eq!(
            to_json(&bare).unwrap(),
            format!("{{\"event_id\":\"c0ffee5e1f2a4b3c8d9e0a1b2c3d4e5f\",{head},\"environment\":\"production\",\"contexts\":{{\"trace\":{trace}}},\"request\":{{\"url\":\"http://x/invoices/7\"}},\"sdk\":{{\"name\":\"faultline.javascript\",\"version\":\"0.1.0\",\"settings\":{{\"infer_ip\":\"never\"}}}}}}")
        );
    }

    #[test]
    fn a_session_and_a_client_report() {
        let mut u = SessionUpdate {
            sid: "c0ffee5e1f2a4b3c8d9e0a1b2c3d4e5f".into(),
            init: true,
            started: Rfc3339(1795510530131.0),
            timestamp: Rfc3339(1795510531000.0),
            status: "ok",
            errors: 3,
            attrs: SessionAttrs {
                release: "shop@1".into(),
                environment: s("staging"),
            },
        };
        assert_eq!(
            to_json(&u).unwrap(),
            "{\"sid\":\"c0ffee5e1f2a4b3c8d9e0a1b2c3d4e5f\",\"init\":true,\"started\":\"2026-11-24T08:55:30.131Z\",\"timestamp\":\"2026-11-24T08:55:31.000Z\",\"status\":\"ok\",\"errors\":3,\"attrs\":{\"release\":\"shop@1\",\"environment\":\"staging\"}}"
        );
        u.init = false;
        u.attrs.environment = None;
        assert_eq!(
            to_json(&u).unwrap(),
            "{\"sid\":\"c0ffee5e1f2a4b3c8d9e0a1b2c3d4e5f\",\"init\":false,\"started\":\"2026-11-24T08:55:30.131Z\",\"timestamp\":\"2026-11-24T08:55:31.000Z\",\"status\":\"ok\",\"errors\":3,\"attrs\":{\"release\":\"shop@1\"}}"
        );
        let mut r = ClientReport {
            timestamp: 1795510530.5,
            ..ClientReport::default()
        };
        r.add("sample_rate", "error", 2);
        r.add("queue_overflow", "transaction", 1);
        assert_eq!(
            to_json(&r).unwrap(),
            "{\"timestamp\":1795510530.5,\"discarded_events\":[{\"reason\":\"sample_rate\",\"category\":\"error\",\"quantity\":2},{\"reason\":\"queue_overflow\",\"category\":\"transaction\",\"quantity\":1}]}"
        );
        assert_eq!(
            to_json(&ClientReport::default()).unwrap(),
            "{\"timestamp\":0,\"discarded_events\":[]}"
        );
    }

    #[test]
    fn an_envelope_with_a_tunnel_dsn_and_trace_header() {
        let env = Envelope {
            event_id: s("c0ffee5e1f2a4b3c8d9e0a1b2c3d4e5f"),
            trace: s("{\"trace_id\":\"ab\"}"),
            dsn: Some("https://k@o.example/1"),
            items: vec![
                Item {
                    ty: "event",
                    payload: "{}".into(),
                },
                Item {
                    ty: "attachment",
                    payload: "a\nb".into(),
                },
            ],
        };
        let sdk = SdkInfo {
            name: "faultline.javascript",
            version: "0.1.0",
        };
        assert_eq!(
            env.to_bytes(&sdk, 1795510530131.0).unwrap(),
            "{\"event_id\":\"c0ffee5e1f2a4b3c8d9e0a1b2c3d4e5f\",\"sent_at\":\"2026-11-24T08:55:30.131Z\",\"sdk\":{\"name\":\"faultline.javascript\",\"version\":\"0.1.0\"},\"dsn\":\"https://k@o.example/1\",\"trace\":{\"trace_id\":\"ab\"}}\n{\"type\":\"event\",\"length\":2}\n{}\n{\"type\":\"attachment\",\"length\":3}\na\nb\n"
        );
    }
}
