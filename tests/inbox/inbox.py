"""Local ingest server: the demo's destination and the tests' oracle.

Answers `POST /api/<project>/envelope/` as Relay and GlitchTip would (auth, CORS, strict envelope parsing,
sentry-relay normalization; see `envelope.py`), keeps every request it receives and serves them back through a
small JSON test API under `/_inbox/`. Usage:

    python tests/inbox/inbox.py [--host 127.0.0.1] [--port 8969] [--store DIR] [--quiet]

The first stdout line is always `inbox listening on http://HOST:PORT`. See README.md for the test API.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import ipaddress
import json
import re
import signal
import socket
import sys
import traceback
import zlib
from datetime import datetime, timezone
from pathlib import Path

from aiohttp import web

import envelope as env_mod
from envelope import Rejected

MAX_BODY = 100 * env_mod.MIB  # Relay's default max envelope size
MAX_PROTOCOL_VERSION = 7
KEY = re.compile(r"[0-9a-fA-F]{32}|" + env_mod.UUID.pattern)
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "x-sentry-error, x-sentry-rate-limits, retry-after",
}
PREFLIGHT = {
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "x-sentry-auth, x-requested-with, x-forwarded-for, origin, referer, accept, "
                                    "content-type, authentication, authorization, content-encoding, "
                                    "transfer-encoding, sentry-trace, baggage",
    "Access-Control-Max-Age": "3600",
}


class Inbox:
    """Everything received, the test API's misbehaviour setting, and the optional JSONL store."""

    def __init__(self, store: Path | None, quiet: bool):
        self.store = store
        self.quiet = quiet
        self.seq = 0
        self._changed = asyncio.Event()
        self.reset()

    def reset(self):
        self.requests: list[dict] = []
        self.events: list[dict] = []
        self.seen_ids: dict[str, int] = {}
        self.behaviour: dict | None = None

    def say(self, line: str):
        if not self.quiet:
            print(line, flush=True)

    def add(self, record: dict):
        self.seq += 1
        record["seq"] = self.seq
        self.requests.append(record)
        self._changed.set()
        self._changed = asyncio.Event()

    def add_event(self, record: dict, item: env_mod.Item):
        event_id = item.json["event_id"].replace("-", "").lower()
        self.events.append({
            "request": record["seq"], "type": item.type, "event_id": event_id,
            "duplicate_of": self.seen_ids.get(event_id), "payload": item.json, "normalized": item.normalized,
        })
        self.seen_ids.setdefault(event_id, record["seq"])

    def persist(self, record: dict):
        if self.store:
            with open(self.store / "envelopes.jsonl", "a", encoding="utf-8") as f:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")

    def take_behaviour(self) -> dict | None:
        """The misbehaviour for this envelope request (as it stood), counting it down."""
        b = self.behaviour
        if not b:
            return None
        taken = dict(b)
        b["count"] -= 1
        if b["count"] <= 0:
            self.behaviour = None
        return taken

    async def wait_for(self, entries, minimum: int, timeout: float):
        """Wait until `entries()` has at least `minimum` elements or `timeout` seconds pass."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len(entries()) < minimum and loop.time() < deadline:
            try:
                await asyncio.wait_for(self._changed.wait(), deadline - loop.time())
            except asyncio.TimeoutError:
                break
        return entries()


def compact(value) -> str:
    return json.dumps(value, separators=(",", ":"))


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def describe_request(request: web.Request) -> dict:
    headers: dict[str, str] = {}
    for k, v in request.headers.items():
        k = k.lower()
        headers[k] = f"{headers[k]}, {v}" if k in headers else v
    return {
        "received": now(), "method": request.method, "path": request.path, "query": dict(request.query),
        "headers": headers, "content_type": request.headers.get("Content-Type"),
        "preflight": request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers,
        "status": None, "reason": None,
    }


def check_auth(request: web.Request) -> dict:
    """Auth parameters from the query or the X-Sentry-Auth/Authorization header, as Relay reads them."""
    header = request.headers.get("X-Sentry-Auth")
    if header is None and request.headers.get("Authorization", "")[:7].lower() == "sentry ":
        header = request.headers["Authorization"]
    if header is not None and "sentry_key" in request.query:
        raise Rejected("multiple authorization payloads", 400)
    if header is not None:
        if header[:7].lower() != "sentry ":
            raise Rejected("malformed X-Sentry-Auth header: must start with 'Sentry '", 403)
        params = {}
        for part in header[7:].split(","):
            key, sep, value = part.strip().partition("=")
            if sep:
                params[key.strip()] = value.strip()
    elif "sentry_key" in request.query:
        params = dict(request.query)
    else:
        raise Rejected("missing authorization information", 403)
    key = params.get("sentry_key", "")
    if not KEY.fullmatch(key):
        raise Rejected(f"dsn key badly formed: {key!r} (want 32 hex characters or a UUID)", 403)
    version = params.get("sentry_version")
    if version is not None:
        if not version.isdigit():
            raise Rejected(f"invalid sentry_version {version!r}", 400)
        if int(version) > MAX_PROTOCOL_VERSION:
            raise Rejected(f"unsupported protocol version {version} (max {MAX_PROTOCOL_VERSION})", 400)
    return params


def decode_body(raw: bytes, encoding: str | None) -> bytes:
    enc = (encoding or "identity").strip().lower()
    if enc in ("identity", ""):
        return raw
    if enc not in ("gzip", "x-gzip", "deflate"):
        raise Rejected(f"unsupported Content-Encoding {encoding!r}", 415)
    for wbits in ((31,) if "gzip" in enc else (15, -15)):  # deflate: zlib-wrapped, or raw as some clients send
        try:
            out = zlib.decompressobj(wbits).decompress(raw, MAX_BODY + 1)
            break
        except zlib.error as e:
            error = e
    else:
        raise Rejected(f"body is not valid {enc}: {error}", 400)
    if len(out) > MAX_BODY:
        raise Rejected("decompressed envelope exceeds 100 MiB", 413)
    return out


def body_record(body: bytes) -> dict:
    try:
        return {"body": body.decode("utf-8")}
    except UnicodeDecodeError:
        return {"body_base64": base64.b64encode(body).decode()}


async def envelope_endpoint(request: web.Request) -> web.StreamResponse:
    inbox: Inbox = request.app["inbox"]
    record = describe_request(request)
    record["content_encoding"] = request.headers.get("Content-Encoding")
    project = int(request.match_info["project"])
    status, reason, parsed, body = 200, None, None, b""
    try:
        try:
            body = await request.read()  # replaced by the decompressed body below
        except web.HTTPRequestEntityTooLarge:
            too_large = True
        else:
            too_large = False
        auth = check_auth(request)
        if too_large:
            raise Rejected("envelope exceeds 100 MiB", 413)
        body = decode_body(body, request.headers.get("Content-Encoding"))
        parsed = env_mod.parse(body)
        env_mod.validate(parsed, project_id=project, client=auth.get("sentry_client"))
    except Rejected as e:
        status, reason = e.status, e.reason
    record.update(body_record(body))
    record["envelope"] = parsed.to_record() if parsed else None

    behaviour = inbox.take_behaviour() or {}
    headers = dict(behaviour.get("headers", {}))
    forced = behaviour.get("status")
    if behaviour:
        record["behave"] = behaviour
        record["validation_error"] = reason
        await asyncio.sleep(behaviour.get("delay_ms", 0) / 1000)
    if behaviour.get("drop_connection"):
        status, reason = None, "behave: connection dropped"
    elif forced:
        status, reason = forced, f"behave: forced {forced}"
    record["status"], record["reason"] = status, reason
    inbox.add(record)
    inbox.persist(record)

    if status is None:
        inbox.say(f"[dropped] {request.path}: connection closed without a response (behave)")
        request.transport.abort()
        raise asyncio.CancelledError  # aiohttp treats this as a vanished client: no response, no log
    if forced:
        inbox.say(f"[behave {status}] {request.path}: answered {status}, nothing accepted")
        return web.Response(status=status, text=behaviour.get("body", reason), headers=headers)
    if status == 200:
        for item in parsed.items:
            if item.type in ("event", "transaction"):
                inbox.add_event(record, item)
            inbox.say(env_mod.summary(item))
        event_id = parsed.header.get("event_id")
        return web.json_response({"id": event_id} if event_id else {}, headers=headers, dumps=compact)
    inbox.say(f"[{status}] {reason}")
    headers["X-Sentry-Error"] = reason.splitlines()[0][:500].encode("ascii", "backslashreplace").decode()
    return web.Response(status=status, text=reason, headers=headers)


# --- test API --------------------------------------------------------------------------------------

def wait_params(request: web.Request) -> tuple[int, float]:
    try:
        return int(request.query.get("min", 0)), float(request.query.get("timeout", 5))
    except ValueError:
        raise web.HTTPBadRequest(text="min must be an integer and timeout a number") from None


async def api_requests(request: web.Request) -> web.Response:
    inbox: Inbox = request.app["inbox"]
    minimum, timeout = wait_params(request)
    return web.json_response(await inbox.wait_for(lambda: inbox.requests, minimum, timeout))


async def api_events(request: web.Request) -> web.Response:
    inbox: Inbox = request.app["inbox"]
    minimum, timeout = wait_params(request)
    kind = request.query.get("type")

    def events():
        return [e for e in inbox.events if kind is None or e["type"] == kind]

    return web.json_response(await inbox.wait_for(events, minimum, timeout))


async def api_reset(request: web.Request) -> web.Response:
    request.app["inbox"].reset()
    return web.json_response({"ok": True})


def check_behaviour(b) -> dict:
    if not isinstance(b, dict):
        raise ValueError("body must be a JSON object")
    unknown = set(b) - {"status", "headers", "count", "delay_ms", "drop_connection", "body"}
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")
    b.setdefault("count", 1)
    if "status" in b and not (isinstance(b["status"], int) and 100 <= b["status"] <= 599):
        raise ValueError("status must be an HTTP status code")
    headers = b.get("headers", {})
    if not (isinstance(headers, dict) and all(isinstance(v, str) for v in headers.values())):
        raise ValueError("headers must map names to strings")
    if not (isinstance(b["count"], int) and b["count"] >= 1):
        raise ValueError("count must be a positive integer")
    if not (isinstance(b.get("delay_ms", 0), (int, float)) and b.get("delay_ms", 0) >= 0):
        raise ValueError("delay_ms must be a non-negative number")
    if not isinstance(b.get("drop_connection", False), bool):
        raise ValueError("drop_connection must be a boolean")
    if "body" in b and not isinstance(b["body"], str):
        raise ValueError("body must be a string")
    return b


async def api_behave(request: web.Request) -> web.Response:
    inbox: Inbox = request.app["inbox"]
    if request.method == "GET":
        return web.json_response(inbox.behaviour)
    try:
        inbox.behaviour = check_behaviour(json.loads(await request.read() or b"null"))
    except ValueError as e:
        raise web.HTTPBadRequest(text=f"behave: {e}") from None
    return web.json_response(inbox.behaviour)


# --- CORS, preflights, everything else -------------------------------------------------------------

@web.middleware
async def cors(request: web.Request, handler) -> web.StreamResponse:
    """CORS headers on every response; preflights answered (and recorded outside the test API)."""
    inbox: Inbox = request.app["inbox"]
    test_api = request.path.startswith("/_inbox/")
    if request.method == "OPTIONS":
        response = web.Response(status=200, headers=PREFLIGHT)
        if not test_api:
            record = describe_request(request)
            record["status"] = 200
            inbox.add(record)
            inbox.say(f"[preflight] OPTIONS {request.path} "
                      f"(asked for: {request.headers.get('Access-Control-Request-Headers', '-')})")
    else:
        try:
            response = await handler(request)
        except web.HTTPException as e:
            response = web.Response(status=e.status, text=e.text, headers=e.headers)
            if not test_api:
                record = describe_request(request)
                record["status"], record["reason"] = e.status, e.reason
                inbox.add(record)
                inbox.say(f"[{e.status}] {request.method} {request.path}")
        except Exception as e:  # a bug in the inbox: answer and record it rather than hide it
            reason = f"inbox error: {type(e).__name__}: {e}"
            traceback.print_exc()
            response = web.Response(status=500, text=reason)
            record = describe_request(request)
            record["status"], record["reason"] = 500, reason
            inbox.add(record)
    response.headers.update(CORS)
    return response


def make_app(inbox: Inbox) -> web.Application:
    app = web.Application(middlewares=[cors], client_max_size=MAX_BODY)
    app["inbox"] = inbox
    app.router.add_post(r"/api/{project:\d+}/envelope/", envelope_endpoint)
    app.router.add_get("/_inbox/requests", api_requests)
    app.router.add_get("/_inbox/events", api_events)
    app.router.add_post("/_inbox/reset", api_reset)
    app.router.add_route("*", "/_inbox/behave", api_behave)
    return app


async def serve(args) -> None:
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    if args.store:
        args.store.mkdir(parents=True, exist_ok=True)
    inbox = Inbox(args.store, args.quiet)
    runner = web.AppRunner(make_app(inbox), access_log=None, auto_decompress=False)
    await runner.setup()
    await web.SockSite(runner, sock).start()
    host = f"[{args.host}]" if family == socket.AF_INET6 else args.host
    print(f"inbox listening on http://{host}:{sock.getsockname()[1]}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await runner.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8969, help="0 picks a free port (default 8969)")
    parser.add_argument("--store", type=Path, help="append every envelope request to DIR/envelopes.jsonl")
    parser.add_argument("--quiet", action="store_true", help="print only the listening line")
    args = parser.parse_args()
    try:
        loopback = ipaddress.ip_address(args.host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        parser.error(f"--host must be a loopback IP address, got {args.host!r}")
    sys.stdout.reconfigure(errors="backslashreplace")
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
