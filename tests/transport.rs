//! Delivery guarantees without a browser: the outbox, retries, rate limits, persistence,
//! keepalive at page hide and client reports, driven by a fixed clock.

mod common;

use common::*;
use faultline::client::{Capture, Client};
use faultline::options::Options;
use faultline::outbox::MAX_ENTRIES;

/// A client whose ids and storage keys never repeat.
fn client(options: Options) -> (Client, std::rc::Rc<Recorder>) {
    let (c, rec) = common::client(options);
    rec.seq.set(1);
    (c, rec)
}

fn message(text: &str) -> Capture {
    Capture {
        message: Some(text.into()),
        ..Default::default()
    }
}

fn event_id(body: &str) -> String {
    let (header, _) = split_envelope(body);
    header["event_id"].as_str().unwrap_or("").into()
}

fn item_type(body: &str) -> String {
    let (_, items) = split_envelope(body);
    items[0].0["type"].as_str().unwrap().into()
}

/// Answers every request in flight with `status`, returning how many there were.
fn answer(client: &mut Client, rec: &Recorder, status: u16) -> Vec<Sent> {
    let sent = rec.take_sent();
    for s in &sent {
        client.on_response(s.request_id, status, None, None);
    }
    sent
}

#[test]
fn a_503_outage_is_retried_with_backoff_and_nothing_is_lost() {
    let (mut c, rec) = client(options());
    let id = c.capture(message("during the outage"));
    assert_eq!(answer(&mut c, &rec, 503).len(), 1);
    // Waiting: persisted, a wake-up asked for, nothing sent before it is due.
    assert_eq!(rec.stored.borrow().len(), 1);
    let wait = *rec.scheduled.borrow().last().unwrap();
    assert!(
        (500.0..=1000.0).contains(&wait),
        "first retry within 1 s: {wait}"
    );
    c.drain();
    assert!(rec.sent.borrow().is_empty());
    // Three more failures, each waiting longer.
    for _ in 0..3 {
        rec.now.set(rec.now.get() + 60_000.0);
        c.drain();
        assert_eq!(answer(&mut c, &rec, 502).len(), 1);
    }
    let waits = rec.scheduled.borrow().clone();
    assert!(waits.windows(2).all(|w| w[1] >= w[0] * 0.5), "{waits:?}");
    rec.now.set(rec.now.get() + 60_000.0);
    c.drain();
    let sent = answer(&mut c, &rec, 200);
    assert_eq!(sent.len(), 1);
    assert_eq!(event_id(&sent[0].body), id);
    let (header, _) = split_envelope(&sent[0].body);
    assert_eq!(
        header["sent_at"], "2026-11-24T08:59:30.131Z",
        "restamped at the last try"
    );
    assert!(rec.stored.borrow().is_empty(), "forgotten once delivered");
    assert_eq!(c.pending(), 0);
    assert!(c.discarded.is_empty(), "nothing lost");
}

#[test]
fn a_burst_is_paced_and_delivered_in_full() {
    let (mut c, rec) = client(options());
    // Something already in flight, its answer not back yet (as a page-load transaction is
    // when an app's first burst comes): the burst of a thousand still fits beside it.
    let first = c.capture(message("before the burst"));
    let mut ids: Vec<String> = (0..1000)
        .map(|i| c.capture(message(&format!("burst {i}"))))
        .collect();
    ids.insert(0, first);
    let in_flight = rec.sent.borrow().len();
    assert!(
        in_flight > 0 && in_flight <= 8,
        "{in_flight} requests at once"
    );
    let mut got = Vec::new();
    while !rec.sent.borrow().is_empty() {
        got.extend(answer(&mut c, &rec, 200).iter().map(|s| event_id(&s.body)));
    }
    assert_eq!(got, ids, "every event once, in order");
    assert!(c.discarded.is_empty(), "nothing dropped");
    // Past the bound, the overflow is counted.
    let (mut c, _rec) = client(options());
    for i in 0..MAX_ENTRIES + 5 {
        c.capture(message(&format!("flood {i}")));
    }
    assert_eq!(c.pending() as usize, MAX_ENTRIES);
    assert_eq!(c.discarded.count("queue_overflow"), 5);
}

#[test]
fn rate_limits_per_category_stop_sending_and_are_counted() {
    let (mut c, rec) = client(options());
    c.capture(message("first"));
    let s = rec.take_sent();
    c.on_response(
        s[0].request_id,
        200,
        None,
        Some("60:error:key:quota_exceeded, 60:transaction:key"),
    );
    for i in 0..3 {
        c.capture(message(&format!("limited {i}")));
    }
    assert!(rec.sent.borrow().is_empty(), "no request while limited");
    assert_eq!(c.discarded.count("ratelimit_backoff"), 3);
    rec.now.set(rec.now.get() + 60_000.0);
    c.capture(message("after"));
    assert_eq!(rec.take_sent().len(), 1);
}

#[test]
fn a_bare_429_limits_everything_for_retry_after_or_60_s() {
    let (mut c, rec) = client(options());
    c.capture(message("a"));
    let s = rec.take_sent();
    c.on_response(s[0].request_id, 429, None, None);
    assert_eq!(c.discarded.count("ratelimit_backoff"), 1, "the refused one");
    rec.now.set(rec.now.get() + 59_000.0);
    c.capture(message("b"));
    assert!(rec.sent.borrow().is_empty());
    rec.now.set(rec.now.get() + 1_000.0);
    c.capture(message("c"));
    let s = rec.take_sent();
    assert_eq!(s.len(), 1);
    c.on_response(s[0].request_id, 429, Some("5"), None);
    rec.now.set(rec.now.get() + 5_000.0);
    c.capture(message("d"));
    assert_eq!(rec.take_sent().len(), 1);
}

#[test]
fn offline_envelopes_are_persisted_and_sent_once_by_the_next_page() {
    let (mut c, rec) = client(options());
    rec.offline.set(true);
    let a = c.capture(message("offline a"));
    let b = c.capture(message("offline b"));
    assert!(rec.sent.borrow().is_empty());
    assert_eq!(rec.stored.borrow().len(), 2);
    c.on_hidden();
    assert_eq!(rec.stored.borrow().len(), 2, "no duplicates in storage");
    drop(c);

    // The next page load: storage hands the envelopes back (and no longer holds them).
    let (mut next, rec2) = client(options());
    let stored = std::mem::take(&mut *rec.stored.borrow_mut());
    for (k, body) in stored.clone() {
        next.restore(k.clone(), body.clone());
        next.restore(k, body); // handed back twice: still one envelope
    }
    let sent = answer(&mut next, &rec2, 200);
    let mut ids: Vec<String> = sent.iter().map(|s| event_id(&s.body)).collect();
    ids.sort();
    let mut want = vec![a, b];
    want.sort();
    assert_eq!(ids, want);
    assert!(rec2.stored.borrow().is_empty());
    keep_for_relay("transport-restored", &sent[0].body);
}

#[test]
fn restored_envelopes_that_still_cannot_go_are_persisted_again() {
    let (mut c, rec) = client(options());
    rec.offline.set(true);
    let a = c.capture(message("offline twice"));
    drop(c);
    // The next page load is offline too: what it was handed back must not be lost at its hide.
    let (mut next, rec2) = client(options());
    rec2.offline.set(true);
    for (k, body) in std::mem::take(&mut *rec.stored.borrow_mut()) {
        next.restore(k, body);
    }
    next.on_hidden();
    assert_eq!(rec2.stored.borrow().len(), 1, "persisted again");
    assert!(rec2.stored.borrow().values().any(|b| b.contains(&a)));
}

#[test]
fn page_hide_flushes_within_the_keepalive_budget_and_persists_the_rest() {
    let (mut c, rec) = client(options());
    c.capture(message("counted later"));
    let first = rec.take_sent();
    c.on_response(first[0].request_id, 413, None, None);
    let big = "x".repeat(7_000);
    for i in 0..30 {
        c.capture(message(&format!("{i} {big}")));
    }
    let normal = rec.take_sent();
    assert_eq!(normal.len(), 8);
    c.on_hidden();
    let last = rec.take_sent();
    let report = last
        .iter()
        .find(|s| item_type(&s.body) == "client_report")
        .unwrap();
    let (_, items) = split_envelope(&report.body);
    assert_eq!(
        items[0].1["discarded_events"],
        serde_json::json!([{"reason":"send_error","category":"error","quantity":1}])
    );
    keep_for_relay("transport-client-report", &report.body);
    let keepalive: usize = normal
        .iter()
        .chain(last.iter())
        .filter(|s| s.keepalive)
        .map(|s| s.body.len())
        .sum();
    assert!(keepalive <= 60_000, "{keepalive} keepalive bytes");
    assert!(last.iter().all(|s| s.keepalive));
    // Everything neither delivered nor in a keepalive request is in storage.
    let unsent = 30 - normal.len() - (last.len() - 1);
    let non_keepalive_in_flight = normal.iter().filter(|s| !s.keepalive).count();
    assert_eq!(rec.stored.borrow().len(), unsent + non_keepalive_in_flight);
    assert!(c.discarded.is_empty(), "the report was sent and reset");
}

#[test]
fn a_tunnel_gets_every_envelope_with_the_dsn_header() {
    let (mut c, rec) = client(Options {
        tunnel: Some("/tunnel".into()),
        ..options()
    });
    c.capture(message("via tunnel"));
    let s = rec.take_sent();
    assert_eq!(s[0].url, "/tunnel");
    let (header, _) = split_envelope(&s[0].body);
    assert_eq!(header["dsn"], DSN);
    keep_for_relay("transport-tunnel", &s[0].body);
}

#[test]
fn oversized_events_are_shrunk_below_the_item_limit() {
    let (mut c, rec) = client(options());
    let mut cap = message("big");
    for i in 0..400 {
        cap.extra.insert(
            &format!("k{i}"),
            faultline::protocol::json::RawJson(format!("\"{}\"", "y".repeat(8000))),
        );
    }
    c.capture(cap);
    let s = rec.take_sent();
    assert_eq!(s.len(), 1);
    assert!(s[0].body.len() < 1_000_000, "{}", s[0].body.len());
    let (_, items) = split_envelope(&s[0].body);
    assert!(items[0].1["extra"]["k399"].as_str().unwrap().ends_with('…'));
    keep_for_relay("transport-shrunk", &s[0].body);
}

#[test]
fn a_storm_of_one_issue_is_capped_and_counted_other_issues_pass() {
    let (mut c, rec) = client(Options {
        storm_cap: 3,
        ..options()
    });
    // One issue (one fingerprint) with changing messages, so dedupe of identical events does
    // not hide the cap.
    let looped = |i: usize| Capture {
        fingerprint: vec!["render-loop".into()],
        ..message(&format!("render loop {i}"))
    };
    for i in 0..50 {
        c.capture(looped(i));
    }
    c.capture(message("something else"));
    assert_eq!(rec.take_sent().len(), 4);
    assert_eq!(c.discarded.count("event_processor"), 47);
    // Off by default: every event goes out.
    let (mut c, rec) = client(options());
    for i in 0..20 {
        c.capture(looped(i));
    }
    assert_eq!(c.pending(), 20);
    assert_eq!(rec.take_sent().len(), 8, "paced, not dropped");
}

#[test]
fn a_runtime_that_holds_the_bodies_gets_each_back_once_the_client_is_done_with_it() {
    let (mut c, rec) = client(options());
    rec.holds.set(true);
    let ids: Vec<String> = (0..4)
        .map(|i| c.capture(message(&format!("held {i}"))))
        .collect();
    let sent = rec.take_sent();
    assert_eq!(sent.len(), 4);
    assert_eq!(rec.held.borrow().len(), 4, "every queued body is held");
    // Delivered, refused, and two failing: the last is retried until given up.
    for (s, status) in sent.iter().zip([200, 400, 503, 503]) {
        c.on_response(s.request_id, status, None, None);
    }
    assert_eq!(
        rec.held.borrow().len(),
        2,
        "delivered and refused ones are dropped"
    );
    assert_eq!(
        rec.stored.borrow().values().collect::<Vec<_>>(),
        rec.held.borrow().values().collect::<Vec<_>>(),
        "waiting ones are persisted from the held bodies"
    );
    rec.now.set(rec.now.get() + 120_000.0);
    c.drain();
    let retried = rec.take_sent();
    assert_eq!(retried.len(), 2);
    let (header, _) = split_envelope(&retried[0].body);
    assert_eq!(header["sent_at"], "2026-11-24T08:57:30.131Z", "restamped");
    let mut again: Vec<String> = retried.iter().map(|s| event_id(&s.body)).collect();
    again.sort();
    let mut want = vec![ids[2].clone(), ids[3].clone()];
    want.sort();
    assert_eq!(again, want);
    c.on_response(retried[0].request_id, 200, None, None);
    let mut last = retried[1].request_id;
    for _ in 1..10 {
        c.on_response(last, 503, None, None);
        rec.now.set(rec.now.get() + 120_000.0);
        c.drain();
        let s = rec.take_sent();
        if s.is_empty() {
            break;
        }
        last = s[0].request_id;
    }
    assert_eq!(c.pending(), 0);
    assert!(
        rec.held.borrow().is_empty(),
        "nothing held once the outbox is empty"
    );
    assert!(rec.stored.borrow().is_empty());
}
