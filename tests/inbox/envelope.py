"""Strict Sentry envelope reader shared by the inbox and `tests/relay/normalize.py`.

`parse` splits a body into header and items (PROTOCOL.md §3 framing); `validate` checks what Relay and
GlitchTip require of the header and of each known item (§3.1, §4, §6, §7, §8, §11) and runs every event and
transaction through sentry-relay's `StoreNormalizer`. Both raise `Rejected(reason, status)`: the reason is
one plain-text line naming the item (numbered from 0, as in `items[]`), e.g.
`item 1: length 200 exceeds remaining 180 bytes`.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sentry_relay.exceptions import RelayError
from sentry_relay.processing import StoreNormalizer

MIB = 1024 * 1024
MAX_EVENT_BYTES = MIB  # Relay max_event_size, one event or transaction item
MAX_CLIENT_REPORT_BYTES = 4 * 1024  # Relay client report limit

HEX32 = re.compile(r"[0-9a-fA-F]{32}")
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")
SESSION_STATUSES = {"ok", "exited", "crashed", "abnormal", "errored"}


class Rejected(Exception):
    """An envelope (or request) the server refuses: HTTP `status` and a one-line `reason`."""

    def __init__(self, reason: str, status: int = 400):
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass
class Item:
    header: dict
    payload: bytes
    json: Any = None  # the parsed payload, once a JSON item type has been checked
    normalized: dict | None = None  # StoreNormalizer output for events and transactions

    @property
    def type(self) -> str:
        return self.header["type"]

    def to_record(self) -> dict:
        """The item as JSON: parsed payload when it is JSON, else base64."""
        value = self.json
        if value is None:
            try:
                value = load_json(self.payload)
            except (ValueError, RecursionError):
                return {"header": self.header, "payload_base64": base64.b64encode(self.payload).decode()}
        return {"header": self.header, "payload": value}


@dataclass
class Envelope:
    header: dict
    items: list[Item] = field(default_factory=list)

    def to_record(self) -> dict:
        return {"header": self.header, "items": [item.to_record() for item in self.items]}


def load_json(data: bytes) -> Any:
    """Strict JSON: UTF-8 only, no NaN/Infinity. Raises ValueError."""
    return json.loads(data.decode("utf-8"), parse_constant=_no_constant)  # UnicodeDecodeError is a ValueError


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _load_header(line: bytes, where: str) -> dict:
    def unique(pairs):
        value = dict(pairs)
        if len(value) < len(pairs):
            dup = next(k for n, (k, _) in enumerate(pairs) if k in dict(pairs[:n]))
            raise Rejected(f"{where}: duplicate key {dup!r}")
        return value

    try:
        value = json.loads(line.decode("utf-8"), object_pairs_hook=unique, parse_constant=_no_constant)
    except (ValueError, RecursionError) as e:
        raise Rejected(f"{where}: invalid JSON: {e}") from None
    if not isinstance(value, dict):
        raise Rejected(f"{where}: not a JSON object")
    return value


def parse(body: bytes) -> Envelope:
    """Split an envelope into its header and items. Framing only; see `validate` for content."""
    if not body:
        raise Rejected("empty envelope")
    end = body.find(b"\n")
    end = len(body) if end < 0 else end
    envelope = Envelope(_load_header(body[:end], "envelope header"))
    pos = end + 1
    while pos < len(body):
        i = len(envelope.items)
        end = body.find(b"\n", pos)
        end = len(body) if end < 0 else end
        line = body[pos:end]
        if not line.strip():
            raise Rejected(f"item {i}: empty line where an item header was expected (byte {pos})")
        header = _load_header(line, f"item {i} header")
        kind = header.get("type")
        if kind is None:
            raise Rejected(f"item {i}: missing type")
        if not isinstance(kind, str) or not kind:
            raise Rejected(f"item {i}: type must be a non-empty string")
        pos = end + 1
        length = header.get("length")
        if length is None:
            end = body.find(b"\n", pos)
            end = len(body) if end < 0 else end
            payload = body[pos:end] if pos <= len(body) else b""
            pos = end + 1
        else:
            if isinstance(length, bool) or not isinstance(length, int) or length < 0:
                raise Rejected(f"item {i}: length must be a non-negative integer, got {length!r}")
            remaining = max(len(body) - pos, 0)
            if length > remaining:
                raise Rejected(f"item {i}: length {length} exceeds remaining {remaining} bytes")
            payload = body[pos:pos + length]
            pos += length
            if pos < len(body):
                if body[pos:pos + 1] != b"\n":
                    raise Rejected(f"item {i}: payload of length {length} is not followed by a newline")
                pos += 1
        envelope.items.append(Item(header, payload))
    if not envelope.items:
        raise Rejected("envelope has no items")
    return envelope


def is_datetime(value: Any) -> bool:
    """An RFC 3339 date-time string with a time zone."""
    if not isinstance(value, str) or not RFC3339.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return False
    return True


def validate(envelope: Envelope, project_id: int | None = None, client: str | None = None) -> None:
    """Check the envelope header and every item; normalize events and transactions with Relay."""
    validate_header(envelope.header)
    for i, item in enumerate(envelope.items):
        validate_item(i, item, envelope.header, project_id, client)


def validate_header(header: dict) -> None:
    if "sent_at" not in header:
        raise Rejected("envelope header: sent_at missing")
    if not is_datetime(header["sent_at"]):
        raise Rejected(f"envelope header: sent_at {header['sent_at']!r} is not an RFC 3339 date-time")
    if "sdk" in header:
        sdk = header["sdk"]
        if not isinstance(sdk, dict):
            raise Rejected("envelope header: sdk must be an object")
        for key in ("name", "version"):
            if not isinstance(sdk.get(key), str):
                raise Rejected(f"envelope header: sdk.{key} missing or not a string")
    if "event_id" in header and not (isinstance(header["event_id"], str) and HEX32.fullmatch(header["event_id"])):
        raise Rejected(f"envelope header: event_id {header['event_id']!r} is not 32 hex characters")
    if "trace" in header and not isinstance(header["trace"], dict):
        raise Rejected("envelope header: trace must be an object")
    if "dsn" in header and not isinstance(header["dsn"], str):
        raise Rejected("envelope header: dsn must be a string")


def validate_item(i: int, item: Item, header: dict, project_id: int | None = None, client: str | None = None):
    """Check item `i` by its type; unknown types pass untouched (Relay keeps and skips them)."""
    check = CHECKS.get(item.type)
    if check:
        check(f"item {i}", item, header, project_id, client)


def _json_object(where: str, item: Item) -> dict:
    if not item.payload:
        raise Rejected(f"{where}: {item.type} payload is empty")
    try:
        value = load_json(item.payload)
    except (ValueError, RecursionError) as e:
        raise Rejected(f"{where}: {item.type} payload is not valid JSON: {e}") from None
    if not isinstance(value, dict):
        raise Rejected(f"{where}: {item.type} payload is not a JSON object")
    item.json = value
    return value


def _check_event(where, item, header, project_id, client):
    if len(item.payload) > MAX_EVENT_BYTES:
        raise Rejected(f"{where}: {item.type} payload is {len(item.payload)} bytes, over 1 MiB", 413)
    event = _json_object(where, item)
    if item.type == "transaction" and event.get("type") != "transaction":
        raise Rejected(f'{where}: transaction payload needs "type":"transaction", got {event.get("type")!r}')
    if item.type == "event" and event.get("type") == "transaction":
        raise Rejected(f"{where}: event item carries a transaction payload")
    try:
        item.normalized = normalize(event, project_id, client)
    except RelayError as e:
        raise Rejected(f"{where}: relay normalizer failed: {str(e).splitlines()[0]}") from None
    if item.normalized.get("errors"):
        errors = json.dumps(item.normalized["errors"], ensure_ascii=False)
        raise Rejected(f"{where}: relay normalizer errors: {errors}")
    event_id = event.get("event_id")
    if event_id is None:
        raise Rejected(f"{where}: {item.type} payload has no event_id")
    if "event_id" not in header:
        raise Rejected(f"envelope header: event_id missing ({where} is {item.type!r})")
    if not isinstance(event_id, str) or event_id.replace("-", "").lower() != header["event_id"].lower():
        raise Rejected(f"{where}: {item.type} event_id {event_id!r} differs from envelope header "
                       f"event_id {header['event_id']!r}")


def _check_session(where, item, header, project_id, client):
    session = _json_object(where, item)
    sid = session.get("sid")
    if not (isinstance(sid, str) and (HEX32.fullmatch(sid) or UUID.fullmatch(sid))):
        raise Rejected(f"{where}: session sid {sid!r} is not a UUID")
    for key in ("started", "timestamp"):
        if (key == "started" or key in session) and not is_datetime(session.get(key)):
            raise Rejected(f"{where}: session {key} {session.get(key)!r} is not an RFC 3339 date-time")
    release = (session.get("attrs") or {}).get("release") if isinstance(session.get("attrs"), dict) else None
    if not isinstance(release, str) or not release:
        raise Rejected(f"{where}: session attrs.release missing")
    if "status" in session and session["status"] not in SESSION_STATUSES:
        raise Rejected(f"{where}: session status {session['status']!r} unknown")
    if "init" in session and not isinstance(session["init"], bool):
        raise Rejected(f"{where}: session init must be a boolean")
    errors = session.get("errors", 0)
    if isinstance(errors, bool) or not isinstance(errors, int) or errors < 0:
        raise Rejected(f"{where}: session errors must be a non-negative integer")


def _check_client_report(where, item, header, project_id, client):
    if len(item.payload) > MAX_CLIENT_REPORT_BYTES:
        raise Rejected(f"{where}: client_report payload is {len(item.payload)} bytes, over 4 KiB", 413)
    report = _json_object(where, item)
    discarded = report.get("discarded_events", [])
    if not isinstance(discarded, list):
        raise Rejected(f"{where}: client_report discarded_events must be a list")
    for n, entry in enumerate(discarded):
        ok = (isinstance(entry, dict) and isinstance(entry.get("reason"), str)
              and isinstance(entry.get("category"), str) and isinstance(entry.get("quantity"), int)
              and not isinstance(entry.get("quantity"), bool) and entry["quantity"] >= 0)
        if not ok:
            raise Rejected(f"{where}: client_report discarded_events[{n}] needs reason, category, quantity")


def _check_attachment(where, item, header, project_id, client):
    if "length" not in item.header:
        raise Rejected(f"{where}: attachment without length")


CHECKS = {
    "event": _check_event,
    "transaction": _check_event,
    "session": _check_session,
    "client_report": _check_client_report,
    "attachment": _check_attachment,
}


def normalize(event: dict, project_id: int | None = None, client: str | None = None) -> dict:
    """Run one event or transaction through sentry-relay's StoreNormalizer, as Relay's store step does."""
    config = {}
    if project_id is not None:
        config["project_id"] = project_id
    if client:
        config["client"] = client
    return StoreNormalizer(**config).normalize_event(event)


# --- one readable line per item -------------------------------------------------------------------

def _epoch(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if is_datetime(value):
        return datetime.fromisoformat(value.replace("z", "Z")).timestamp()
    return None


def _obj(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _message(event: dict) -> str:
    for key in ("message", "logentry"):
        value = event.get(key)
        if isinstance(value, dict):
            value = value.get("formatted") or value.get("message")
        if isinstance(value, str) and value:
            return value
    return "<no message>"


def summary(item: Item) -> str:
    """E.g. `[event] error TypeError: boom — PriceTag at http://x/app.js:1:9 — release web@1`."""
    p = item.json if isinstance(item.json, dict) else {}
    if item.type == "event":
        exc = p.get("exception")
        values = exc.get("values") if isinstance(exc, dict) else exc
        text = f"{p.get('level', 'error')} {_message(p)}"
        if isinstance(values, list) and values and isinstance(values[-1], dict):
            last = values[-1]
            text = f"{p.get('level', 'error')} " + ": ".join(
                str(last[k]) for k in ("type", "value") if last.get(k) is not None)
            frames = _obj(last.get("stacktrace")).get("frames")
            in_app = [f for f in (frames if isinstance(frames, list) else [])
                      if isinstance(f, dict) and f.get("in_app") is True]
            if in_app:
                f = in_app[-1]
                where = ":".join(str(f[k]) for k in ("filename", "lineno", "colno") if f.get(k) is not None)
                text += f" — {f.get('function') or '?'} at {where}"
        if p.get("release"):
            text += f" — release {p['release']}"
        return f"[event] {text}"
    if item.type == "transaction":
        op = _obj(_obj(p.get("contexts")).get("trace")).get("op", "?")
        start, end = _epoch(p.get("start_timestamp")), _epoch(p.get("timestamp"))
        took = f"{round((end - start) * 1000)} ms" if start is not None and end is not None else "? ms"
        spans = p.get("spans") if isinstance(p.get("spans"), list) else []
        return f"[transaction] {op} {p.get('transaction', '?')} {took} ({len(spans)} spans)"
    if item.type == "session":
        init = " init" if p.get("init") else ""
        release = _obj(p.get("attrs")).get("release")
        return f"[session] {p.get('status', 'ok')}{init} errors={p.get('errors', 0)} release {release}"
    if item.type == "client_report":
        counts = ", ".join(f"{d.get('reason')}/{d.get('category')} x{d.get('quantity')}"
                           for d in p.get("discarded_events") or [] if isinstance(d, dict))
        return f"[client_report] {counts or 'nothing discarded'}"
    if item.type == "attachment":
        return f"[attachment] {item.header.get('filename', '?')} {len(item.payload)} bytes"
    return f"[{item.type}] {len(item.payload)} bytes, stored, not processed"
