"""Tests for the inbox (`inbox.py`) and `tests/relay/normalize.py`, over real HTTP against a subprocess.

Run: `.venv/bin/python -m pytest tests/inbox -q`. Fixture envelopes come from
/work/shared/reference-envelopes (real @sentry/react 11.12 output).
"""

from __future__ import annotations

import gzip
import http.client
import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

HERE = Path(__file__).resolve().parent
NORMALIZE = HERE.parent / "relay" / "normalize.py"
REFERENCE = Path("/work/shared/reference-envelopes")
KEY = "0a1b2c3d4e5f40718293a4b5c6d7e8f9"
EID = "c0ffee5e1f2a4b3c8d9e0a1b2c3d4e5f"
SENT_AT = "2026-11-24T08:55:30.131Z"
SDK = {"name": "faultline.javascript", "version": "0.1.0"}
EVENT = {"event_id": EID, "timestamp": 1795510530.118, "platform": "javascript", "level": "error",
         "release": "shop-web@1.0.0", "exception": {"values": [{"type": "TypeError", "value": "boom"}]}}
CORS_EXPOSE = "x-sentry-error, x-sentry-rate-limits, retry-after"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("store")
    proc = subprocess.Popen([sys.executable, str(HERE / "inbox.py"), "--port", "0", "--store", str(store)],
                            stdout=subprocess.PIPE, text=True)
    first = proc.stdout.readline()
    assert first.startswith("inbox listening on http://127.0.0.1:"), first
    port = int(first.rsplit(":", 1)[1])
    printed: list[str] = []  # drained in the background so the pipe never fills up
    threading.Thread(target=lambda: printed.extend(proc.stdout), daemon=True).start()
    yield {"port": port, "store": store / "envelopes.jsonl", "printed": printed}
    proc.terminate()
    proc.wait(5)


@pytest.fixture(autouse=True)
def fresh(server):
    request(server, "POST", "/_inbox/reset")


def request(server, method, path, body=b"", headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", server["port"], timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode()
    finally:
        conn.close()


def api(server, path, body=None):
    status, _, text = request(server, "POST" if body is not None else "GET", path,
                              json.dumps(body).encode() if body is not None else b"")
    assert status == 200, text
    return json.loads(text)


def send(server, body, query=None, headers=None, project=1):
    query = {"sentry_version": "7", "sentry_key": KEY, "sentry_client": "faultline.javascript/0.1.0"} \
        if query is None else query
    headers = {"Content-Type": "text/plain;charset=UTF-8", **(headers or {})}
    return request(server, "POST", f"/api/{project}/envelope/?{urlencode(query)}", body, headers)


def line(value) -> bytes:
    return value if isinstance(value, bytes) else json.dumps(value, separators=(",", ":")).encode()


def envelope(header=None, items=None) -> bytes:
    """Build an envelope; `items` is a list of (item header, payload) with payloads as objects or bytes."""
    header = {"event_id": EID, "sent_at": SENT_AT, "sdk": SDK} if header is None else header
    items = [({"type": "event"}, EVENT)] if items is None else items
    parts = [line(header)]
    for item_header, payload in items:
        parts += [line(item_header), line(payload)]
    return b"\n".join(parts)


def test_reference_envelope_is_accepted_and_listed(server):
    body = (REFERENCE / "V1.error.envelope").read_bytes()  # breadcrumbs is a bare array: Relay accepts it
    status, headers, text = send(server, body)
    assert (status, json.loads(text)) == (200, {"id": "af7572fed04c492689e921584dc1739e"})
    events = api(server, "/_inbox/events")
    assert [(e["type"], e["event_id"]) for e in events] == [("event", "af7572fed04c492689e921584dc1739e")]
    assert events[0]["payload"]["exception"]["values"][-1]["type"] == "Error"
    assert events[0]["normalized"]["platform"] == "javascript"
    [req] = api(server, "/_inbox/requests")
    assert (req["status"], req["preflight"], req["content_type"]) == (200, False, "text/plain;charset=UTF-8")
    assert req["query"]["sentry_key"] == KEY and req["body"] == body.decode()
    assert req["envelope"]["items"][0]["header"] == {"type": "event"}


def test_length_framed_items_session_client_report_and_unknown_types(server):
    event = line(EVENT)
    body = envelope(items=[({"type": "event", "length": len(event)}, event),
                           ({"type": "attachment", "length": 3, "filename": "a.bin"}, b"\x00\n\xff"),
                           ({"type": "session"}, {"sid": "5d4c3b2a19084f7e8d6c5b4a39281706", "init": True,
                                                  "started": SENT_AT, "status": "ok", "errors": 0,
                                                  "attrs": {"release": "shop-web@1.0.0"}}),
                           ({"type": "client_report"}, {"timestamp": 1795510702.5, "discarded_events": [
                               {"reason": "sample_rate", "category": "error", "quantity": 2}]}),
                           ({"type": "feedback"}, {"anything": True})]) + b"\n"
    status, _, text = send(server, body)
    assert status == 200, text
    assert [e["type"] for e in api(server, "/_inbox/events")] == ["event"]
    items = api(server, "/_inbox/requests")[0]["envelope"]["items"]
    assert [i["header"]["type"] for i in items] == ["event", "attachment", "session", "client_report", "feedback"]
    assert items[1]["payload_base64"] == "AAr/"


def test_gzip_body_is_accepted(server):
    body = (REFERENCE / "V2s.pageload.envelope").read_bytes()
    status, _, text = send(server, gzip.compress(body), headers={"Content-Encoding": "gzip"})
    assert status == 200, text
    [event] = api(server, "/_inbox/events?type=transaction")
    assert event["payload"]["transaction"] == "/V2s/"


BAD = [
    ("bad length", envelope(items=[({"type": "event", "length": 200}, b'{"a":1}')]),
     "item 0: length 200 exceeds remaining 7 bytes"),
    ("length not followed by newline", envelope(items=[({"type": "event", "length": 3}, b'{"a":1}')]),
     "item 0: payload of length 3 is not followed by a newline"),
    ("missing sent_at", envelope(header={"event_id": EID, "sdk": SDK}), "envelope header: sent_at missing"),
    ("bad sent_at", envelope(header={"sent_at": "yesterday"}),
     "envelope header: sent_at 'yesterday' is not an RFC 3339 date-time"),
    ("sent_at twice", b'{"sent_at":"' + SENT_AT.encode() + b'","sent_at":"' + SENT_AT.encode() + b'"}\n'
     b'{"type":"client_report"}\n{"discarded_events":[]}', "envelope header: duplicate key 'sent_at'"),
    ("mismatched event_id", envelope(header={"event_id": "f" * 32, "sent_at": SENT_AT}),
     f"item 0: event event_id '{EID}' differs from envelope header event_id '{'f' * 32}'"),
    ("bad JSON payload", envelope(items=[({"type": "event"}, b'{"event_id":')]),
     "item 0: event payload is not valid JSON: Expecting value: line 1 column 13 (char 12)"),
    ("bad JSON header", b'{"sent_at":\n{"type":"event"}\n{}', "envelope header: invalid JSON: "
     "Expecting value: line 1 column 12 (char 11)"),
    ("no type", envelope(items=[({"length": 2}, b"{}")]), "item 0: missing type"),
    ("sdk without version", envelope(header={"sent_at": SENT_AT, "sdk": {"name": "x"}}),
     "envelope header: sdk.version missing or not a string"),
    ("empty body", b"", "empty envelope"),
    ("no items", line({"sent_at": SENT_AT}), "envelope has no items"),
    ("session without release", envelope(items=[({"type": "session"}, {
        "sid": "5d4c3b2a19084f7e8d6c5b4a39281706", "started": SENT_AT})]), "item 0: session attrs.release missing"),
]


@pytest.mark.parametrize("body,reason", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_malformed_envelope_gets_400_with_reason(server, body, reason):
    status, headers, text = send(server, body)
    assert (status, text) == (400, reason)
    assert headers["x-sentry-error"] == reason
    assert headers["access-control-allow-origin"] == "*"
    [req] = api(server, "/_inbox/requests")
    assert (req["status"], req["reason"]) == (400, reason)
    assert api(server, "/_inbox/events") == []


@pytest.mark.parametrize("field,value,name", [
    ("event_id", "nope", "event_id"),
    ("release", "shop/web", "release"),
    ("timestamp", 1795510530118, "timestamp"),  # milliseconds instead of seconds
])
def test_normalizer_errors_get_400(server, field, value, name):
    status, _, text = send(server, envelope(items=[({"type": "event"}, {**EVENT, field: value})]))
    assert status == 400
    prefix = "item 0: relay normalizer errors: "
    assert text.startswith(prefix)
    assert [e["name"] for e in json.loads(text[len(prefix):])] == [name]


def test_event_over_1_mib_gets_413(server):
    status, _, text = send(server, envelope(items=[({"type": "event"}, {**EVENT, "extra": {"x": "a" * 2**20}})]))
    assert status == 413 and "over 1 MiB" in text


@pytest.mark.parametrize("query,headers,status,reason", [
    ({}, {}, 403, "missing authorization information"),
    ({"sentry_key": "benchkey"}, {}, 403, "dsn key badly formed: 'benchkey' (want 32 hex characters or a UUID)"),
    ({"sentry_key": KEY}, {"X-Sentry-Auth": f"Sentry sentry_key={KEY}"}, 400, "multiple authorization payloads"),
    ({"sentry_key": KEY, "sentry_version": "8"}, {}, 400, "unsupported protocol version 8 (max 7)"),
    ({}, {"X-Sentry-Auth": f"Sentry sentry_version=7, sentry_client=x/1, sentry_key={KEY}"}, 200, None),
    ({"sentry_key": "0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9"}, {}, 200, None),
])
def test_auth(server, query, headers, status, reason):
    got, _, text = send(server, envelope(), query=query, headers=headers)
    assert got == status
    if reason:
        assert text == reason


def test_cors_headers_and_preflight(server):
    _, headers, _ = send(server, envelope())
    assert headers["access-control-allow-origin"] == "*"
    assert headers["access-control-expose-headers"] == CORS_EXPOSE
    status, headers, _ = request(server, "OPTIONS", f"/api/1/envelope/?sentry_key={KEY}", headers={
        "Origin": "http://localhost:5173", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-sentry-auth"})
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    assert "POST" in headers["access-control-allow-methods"]
    assert "x-sentry-auth" in headers["access-control-allow-headers"]
    _, headers, _ = request(server, "GET", "/_inbox/events")
    assert headers["access-control-expose-headers"] == CORS_EXPOSE
    requests = api(server, "/_inbox/requests")
    assert [(r["method"], r["preflight"]) for r in requests] == [("POST", False), ("OPTIONS", True)]
    assert requests[1]["headers"]["access-control-request-headers"] == "content-type,x-sentry-auth"


def test_behave_429_with_headers_for_count_requests_then_normal(server):
    api(server, "/_inbox/behave", {"status": 429, "count": 2,
                                   "headers": {"Retry-After": "2", "X-Sentry-Rate-Limits": "60:error:key"}})
    answers = [send(server, envelope()) for _ in range(3)]
    for status, headers, _ in answers[:2]:
        assert status == 429
        assert (headers["retry-after"], headers["x-sentry-rate-limits"]) == ("2", "60:error:key")
        assert headers["access-control-expose-headers"] == CORS_EXPOSE
    assert answers[2][0] == 200 and "retry-after" not in answers[2][1]
    assert [r["status"] for r in api(server, "/_inbox/requests")] == [429, 429, 200]
    assert [e["request"] for e in api(server, "/_inbox/events")] == [api(server, "/_inbox/requests")[2]["seq"]]


def test_behave_delay_drop_and_reset(server):
    api(server, "/_inbox/behave", {"drop_connection": True})
    with pytest.raises(http.client.RemoteDisconnected):
        send(server, envelope())
    api(server, "/_inbox/behave", {"delay_ms": 300, "headers": {"X-Sentry-Rate-Limits": "60:transaction:key"}})
    started = time.monotonic()
    status, headers, _ = send(server, envelope())
    assert time.monotonic() - started >= 0.3
    assert status == 200 and headers["x-sentry-rate-limits"] == "60:transaction:key"  # limits on a 200
    assert [r["status"] for r in api(server, "/_inbox/requests")] == [None, 200]
    assert len(api(server, "/_inbox/events")) == 1
    status, _, text = request(server, "POST", "/_inbox/behave", b'{"status": "soon"}')
    assert (status, text) == (400, "behave: status must be an HTTP status code")
    api(server, "/_inbox/behave", {"status": 503, "count": 5})
    api(server, "/_inbox/reset", {})
    assert send(server, envelope())[0] == 200
    assert api(server, "/_inbox/requests")[0]["seq"] > 1  # seq keeps counting across resets


def test_one_readable_line_per_item(server):
    frame = {"function": "PriceTag", "filename": "http://localhost:5173/assets/index.js", "lineno": 1,
             "colno": 90412, "in_app": True}
    exception = {"values": [{"type": "TypeError", "value": "boom", "stacktrace": {"frames": [frame]}}]}
    before = len(server["printed"])
    send(server, envelope(items=[({"type": "event"}, {**EVENT, "exception": exception})]))
    send(server, (REFERENCE / "V2s.pageload.envelope").read_bytes())
    send(server, envelope(header={"sent_at": "nope"}))
    deadline = time.monotonic() + 5
    while len(server["printed"]) < before + 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server["printed"][before:] == [
        "[event] error TypeError: boom — PriceTag at http://localhost:5173/assets/index.js:1:90412"
        " — release shop-web@1.0.0\n",
        "[transaction] pageload /V2s/ 260 ms (11 spans)\n",
        "[400] envelope header: sent_at 'nope' is not an RFC 3339 date-time\n",
    ]


def test_events_wait_for_min(server):
    started = time.monotonic()
    assert api(server, "/_inbox/events?min=1&timeout=0.3") == []
    assert time.monotonic() - started >= 0.3


def test_store_and_normalize_cli(server, tmp_path):
    send(server, envelope())
    send(server, envelope(items=[({"type": "event"}, {**EVENT, "release": "a/b"})]))
    records = [json.loads(line) for line in server["store"].read_text().splitlines()]
    assert {"received", "path", "query", "headers", "status", "reason", "body", "envelope"} <= set(records[-1])
    assert [r["status"] for r in records[-2:]] == [200, 400]

    def normalize(*files):
        return subprocess.run([sys.executable, str(NORMALIZE), "--summary", *map(str, files)],
                              capture_output=True, text=True)

    good = tmp_path / "good.jsonl"
    good.write_text("".join(json.dumps(r) + "\n" for r in records if r["status"] == 200))
    result = normalize(REFERENCE / "V1.error.envelope", REFERENCE / "V2s.pageload.envelope", good)
    assert result.returncode == 0, result.stdout
    bad = tmp_path / "bad.envelope"
    bad.write_bytes(envelope(items=[({"type": "event"}, {**EVENT, "release": "a/b"})]))
    broken = tmp_path / "broken.envelope"
    broken.write_bytes(envelope(items=[({"type": "event", "length": 99}, b"{}")]))
    for files in ([bad], [broken], [server["store"]]):
        result = normalize(*files)
        assert result.returncode == 1, result.stdout
    assert "release" in normalize(bad).stdout
