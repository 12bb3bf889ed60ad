//! Every envelope the test suite produced must parse with Sentry's own `sentry-types` crate.
//!
//! Reads the envelopes the native tests saved (`target/test-envelopes/`) and, when
//! `FAULTLINE_ENVELOPES` names the inbox's `envelopes.jsonl`, every request body the browser
//! tests sent. Without either there is nothing to check and the test fails, so a wiring
//! mistake cannot pass silently.

use sentry_types::protocol::v7::{Envelope, EnvelopeItem};
use std::path::Path;

fn bodies() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-envelopes");
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            out.push((
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            ));
        }
    }
    if let Ok(jsonl) = std::env::var("FAULTLINE_ENVELOPES") {
        let text = std::fs::read_to_string(&jsonl).expect("FAULTLINE_ENVELOPES is readable");
        for (i, line) in text.lines().enumerate() {
            let rec: serde_json::Value = serde_json::from_str(line).expect("jsonl line");
            if rec["method"] != "POST"
                || !rec["path"].as_str().unwrap_or("").ends_with("/envelope/")
            {
                continue;
            }
            if let Some(body) = rec["body"].as_str() {
                out.push((format!("{jsonl}:{}", i + 1), body.as_bytes().to_vec()));
            }
        }
    }
    out
}

#[test]
#[ignore = "run by scripts/test.sh once the other tests have produced envelopes"]
fn every_produced_envelope_parses() {
    let bodies = bodies();
    assert!(
        !bodies.is_empty(),
        "no envelopes found: run the native and browser tests first"
    );
    let mut events = 0;
    for (name, body) in &bodies {
        let env = Envelope::from_slice(body).unwrap_or_else(|e| panic!("{name}: {e}"));
        for item in env.items() {
            if matches!(item, EnvelopeItem::Event(_) | EnvelopeItem::Transaction(_)) {
                events += 1;
            }
        }
    }
    println!(
        "sentry-types parsed {} envelopes ({events} events/transactions)",
        bodies.len()
    );
}
