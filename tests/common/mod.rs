//! A runtime for native tests: a fixed clock, counting "random" bytes, and a transport that
//! keeps every envelope instead of sending it.

#![allow(dead_code)]

use faultline::runtime::Runtime;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// One request the client asked to send.
#[derive(Clone, Debug)]
pub struct Sent {
    pub url: String,
    pub body: String,
    pub keepalive: bool,
    pub request_id: u32,
}

/// Shared view of what the client did, kept by the test.
#[derive(Default)]
pub struct Recorder {
    pub sent: RefCell<Vec<Sent>>,
    pub logs: RefCell<Vec<String>>,
    pub now: Cell<f64>,
    pub counter: Cell<u8>,
    /// When non-zero, random bytes come from this sequence instead and never repeat, for
    /// tests that need many distinct ids and keys.
    pub seq: Cell<u64>,
    /// `false` makes `online()` report the browser offline.
    pub offline: Cell<bool>,
    /// Delays the client asked to be woken after.
    pub scheduled: RefCell<Vec<f64>>,
    /// Persisted envelopes by key, as storage would keep them.
    pub stored: RefCell<std::collections::BTreeMap<String, String>>,
    /// `true` makes the runtime hold the queued bodies, as the browser shim does.
    pub holds: Cell<bool>,
    /// The bodies held, by key, until the client forgets them.
    pub held: RefCell<std::collections::BTreeMap<String, String>>,
}

impl Recorder {
    /// Envelopes sent so far, and forgets them.
    pub fn take_sent(&self) -> Vec<Sent> {
        std::mem::take(&mut *self.sent.borrow_mut())
    }
}

pub struct TestRuntime(pub Rc<Recorder>);

impl Runtime for TestRuntime {
    fn now_ms(&self) -> f64 {
        self.0.now.get()
    }
    fn fill_random(&self, buf: &mut [u8]) {
        if self.0.seq.get() != 0 {
            for chunk in buf.chunks_mut(8) {
                let n = self.0.seq.get().wrapping_add(0x9e37_79b9_7f4a_7c15);
                self.0.seq.set(n);
                let mut z = n;
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                let z = (z ^ (z >> 31)).to_le_bytes();
                chunk.copy_from_slice(&z[..chunk.len()]);
            }
            return;
        }
        for b in buf {
            let c = self.0.counter.get().wrapping_add(37);
            self.0.counter.set(c);
            *b = c;
        }
    }
    fn send(
        &self,
        url: &str,
        key: &str,
        body: &str,
        stored: bool,
        keepalive: bool,
        request_id: u32,
    ) {
        // The stored copy is taken as it leaves (no other page takes it here).
        if stored {
            self.0.stored.borrow_mut().remove(key);
        }
        let mut body = String::from(body);
        if body.is_empty() {
            body = self.0.held.borrow().get(key).cloned().expect("held body");
            let stamp = faultline::protocol::time::rfc3339(self.0.now.get());
            assert!(faultline::outbox::restamp(&mut body, &stamp));
        }
        self.0.sent.borrow_mut().push(Sent {
            url: url.into(),
            body,
            keepalive,
            request_id,
        });
    }
    fn log(&self, msg: &str) {
        self.0.logs.borrow_mut().push(msg.into());
    }
    fn page(&self) -> (Option<String>, Option<String>) {
        (
            Some("http://localhost:5173/cart?step=2".into()),
            Some("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36".into()),
        )
    }
    fn online(&self) -> bool {
        !self.0.offline.get()
    }
    fn schedule(&self, delay_ms: f64) {
        self.0.scheduled.borrow_mut().push(delay_ms);
    }
    fn hold(&self, key: &str, body: String) -> Option<String> {
        if !self.0.holds.get() {
            return Some(body);
        }
        self.0.held.borrow_mut().insert(key.into(), body);
        None
    }
    fn persist(&self, key: &str, body: &str) {
        let body = match body {
            "" => self.0.held.borrow().get(key).cloned().expect("held body"),
            b => b.into(),
        };
        self.0.stored.borrow_mut().insert(key.into(), body);
    }
    fn forget(&self, key: &str, stored: bool) {
        self.0.held.borrow_mut().remove(key);
        if stored {
            self.0.stored.borrow_mut().remove(key);
        }
    }
}

pub const DSN: &str = "http://0a1b2c3d4e5f40718293a4b5c6d7e8f9@127.0.0.1:8969/1";

/// A client with the test runtime, at 2026-11-24T08:55:30.131Z.
pub fn client(options: faultline::options::Options) -> (faultline::client::Client, Rc<Recorder>) {
    let rec = Rc::new(Recorder::default());
    rec.now.set(1795510530131.0);
    let c = faultline::client::Client::new(options, Box::new(TestRuntime(rec.clone())));
    (c, rec)
}

pub fn options() -> faultline::options::Options {
    faultline::options::Options {
        dsn: Some(DSN.into()),
        release: Some("shop-web@1.4.2".into()),
        environment: Some("staging".into()),
        ..Default::default()
    }
}

/// Splits an envelope into (header, [(item header, payload)]) using `length`.
pub fn split_envelope(
    body: &str,
) -> (
    serde_json::Value,
    Vec<(serde_json::Value, serde_json::Value)>,
) {
    let (head, mut rest) = body.split_once('\n').expect("header line");
    let header: serde_json::Value = serde_json::from_str(head).expect("header json");
    let mut items = Vec::new();
    while !rest.is_empty() {
        let (ih, r) = rest.split_once('\n').expect("item header line");
        let ih: serde_json::Value = serde_json::from_str(ih).expect("item header json");
        let len = ih["length"].as_u64().expect("length") as usize;
        let payload = &r.as_bytes()[..len];
        items.push((ih, serde_json::from_slice(payload).expect("payload json")));
        rest = std::str::from_utf8(&r.as_bytes()[len..]).unwrap();
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    (header, items)
}

/// Saves an envelope where `tests/relay/normalize.py` and the sentry-types check find it.
pub fn keep_for_relay(name: &str, body: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-envelopes");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.envelope")), body).unwrap();
}
