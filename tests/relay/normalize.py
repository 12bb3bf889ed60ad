"""Run every event and transaction in envelopes through sentry-relay's StoreNormalizer.

    python tests/relay/normalize.py [--summary] FILE...

FILE is a raw envelope (a request body) or the inbox's `envelopes.jsonl` (one envelope request per line).
Envelopes are read with the inbox's strict parser (`tests/inbox/envelope.py`), so framing and header rules are
the same as the inbox's. Prints each normalized payload (or one line each with `--summary`); exits 1 if any
envelope fails to parse or validate, or any normalized payload has `errors`.
"""

from __future__ import annotations

import argparse
import base64
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "inbox"))
import envelope as env_mod  # noqa: E402
from envelope import Rejected  # noqa: E402

PROJECT = re.compile(r"/api/(\d+)/envelope/")


def envelopes(path: Path):
    """Yield (label, body, project_id, sentry_client) for each envelope in a file."""
    if path.suffix != ".jsonl":
        yield str(path), path.read_bytes(), None, None
        return
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        if "body" in record:
            body = record["body"].encode("utf-8")
        elif "body_base64" in record:
            body = base64.b64decode(record["body_base64"])
        else:
            continue
        match = PROJECT.fullmatch(record.get("path", ""))
        label = f"{path}:{n} (seq {record.get('seq')}, inbox said {record.get('status')})"
        yield label, body, int(match[1]) if match else None, record.get("query", {}).get("sentry_client")


def check(label: str, body: bytes, project_id, client, summary_only: bool) -> bool:
    """Print the results for one envelope; True when everything in it is clean."""
    try:
        envelope = env_mod.parse(body)
        env_mod.validate_header(envelope.header)
    except Rejected as e:
        print(f"FAIL {label}: {e.reason}")
        return False
    ok = True
    for i, item in enumerate(envelope.items):
        try:
            env_mod.validate_item(i, item, envelope.header, project_id, client)
        except Rejected as e:
            ok = False
            print(f"FAIL {label} item {i} ({item.type}): {e.reason}")
        else:
            print(f"ok   {label} item {i}: {env_mod.summary(item)}")
        if item.normalized is not None and not summary_only:
            print(json.dumps(item.normalized, indent=2, ensure_ascii=False, sort_keys=True))
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--summary", action="store_true", help="one line per item, no normalized JSON")
    args = parser.parse_args()
    results = [check(*found, args.summary) for path in args.files for found in envelopes(path)]
    bad = results.count(False)
    print(f"{len(results)} envelope(s), {bad} with problems")
    return 1 if bad or not results else 0


if __name__ == "__main__":
    sys.exit(main())
