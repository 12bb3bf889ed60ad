// A tiny IndexedDB key-value store for envelopes that must survive a reload or a period offline.
// It stores and hands back strings; it decides nothing, never throws, and resolves `undefined`
// when IndexedDB is missing or refuses (private browsing, quota).

let _db;
// Transactions started and not yet settled (`flush` waits for them, so a delete is on disk
// before the app reloads).
let _open = 0;

/** Whether a write to the store is still in progress. */
export const storeBusy = () => _open > 0;

// Runs `fn(store)` in a read-write transaction; once the transaction committed, resolves to
// what the function `fn` returned gives, or `true` when it returned none. A transaction that
// did not commit (aborted, or the page went away) and a throw anywhere (no `indexedDB`)
// resolve `undefined`: whoever waits must not take them for done.
function _tx(fn) {
  _open++;
  _db =
    _db ||
    new Promise((resolve, reject) => {
      const r = indexedDB.open('faultline', 1);
      r.onupgradeneeded = () => r.result.createObjectStore('outbox');
      r.onsuccess = () => resolve(r.result);
      r.onerror = reject;
    });
  return _db
    .then(
      (db) =>
        new Promise((resolve, reject) => {
          const t = db.transaction('outbox', 'readwrite');
          const get = fn(t.objectStore('outbox'));
          t.oncomplete = () => resolve(get ? get() : true);
          t.onerror = t.onabort = reject;
        }),
    )
    .catch(() => {})
    .then((v) => {
      _open--;
      return v;
    });
}

// A mark in localStorage says the store may hold envelopes, so a page load with nothing to
// hand back never opens IndexedDB (an open costs main-thread time and memory on every load).
// It is set before every write and cleared before the store is emptied, so an envelope another
// tab writes meanwhile sets it again. Where localStorage is unusable (a worker, a
// sandboxed frame), the store is always opened.
const _MARK = 'faultline.outbox';

// Sets or removes the localStorage item `key` (a no-op where localStorage is unusable).
function _flag(key, on) {
  try {
    if (on) localStorage.setItem(key, '1');
    else localStorage.removeItem(key);
  } catch (e) {}
}

// Whether the item `key` is set; `otherwise` where localStorage is unusable.
function _flagged(key, otherwise) {
  try {
    return localStorage.getItem(key) != null;
  } catch (e) {
    return otherwise;
  }
}

// A delete is on disk only once its transaction commits, some time after the request for the
// envelope started; a page that goes away meanwhile (a navigation right after coming online,
// a busy device) would leave the envelope stored, and the next load would send it again. So
// `del` and `claim` first set `faultline.outbox.<key>` in localStorage, which is written at
// once, and `take` skips the keys so marked; the item is removed once the delete settled.
const _gone = (key) => _MARK + '.' + key;

// A write to IndexedDB is on disk only once its transaction commits: the first one of a page
// opens the database, tens of milliseconds, and a page closed meanwhile (an error captured
// offline, then the tab closed) would lose the envelope. So `put` also writes the body to
// localStorage, at once, as `faultline.outbox.copy.<key>` = `<ms since epoch>:<body>`, and
// removes it once the transaction settled; `take` hands back the copies a page left behind.
// Copies are pending for milliseconds, and at most 256 Ki UTF-16 units of them at a time,
// so the app's own use of localStorage keeps its room.
const _copy = (key) => _MARK + '.copy.' + key;
let _copied = 0;
// The keys this page stored and has not deleted: `take` leaves them (this page sends them
// itself), and keeps the mark while there are any.
const _mine = new Set();

/** Keeps `body` under `key` (again, after a failed request: it is no longer marked as deleted). */
export function put(key, body) {
  _mine.add(key);
  _flag(_MARK, true);
  _flag(_gone(key), false);
  let size = 0;
  try {
    if (_copied + body.length < 1 << 18) {
      localStorage.setItem(_copy(key), Date.now() + ':' + body);
      _copied += size = body.length;
    }
  } catch (e) {}
  // A copy goes once the envelope is on disk; if the write never commits, it stays for the
  // next load (unless this page delivers the envelope first: `del`).
  _tx((s) => void s.put(body, key)).then((saved) => {
    if (!size) return;
    _copied -= size;
    if (saved) _flag(_copy(key), false);
  });
}

/**
 * Removes `key`; from now on no `take` hands it back, even if the page goes away before the
 * delete is on disk. The mark goes only once the delete committed: a delete aborted as the
 * page goes away leaves the envelope stored, and the mark keeps the next load from sending it.
 */
export function del(key) {
  _mine.delete(key);
  _flag(_gone(key), true);
  _flag(_copy(key), false);
  _tx((s) => void s.delete(key)).then((deleted) => deleted && _flag(_gone(key), false));
}

// Adds to `list` ([key, body] pairs from IndexedDB) the copies of other keys an earlier page
// left in localStorage (its `put` never settled), each removed as it is taken. A copy younger
// than two seconds may be another tab's write still committing, which that tab will send
// itself: it stays for a later load, and the mark is set again so that load looks.
function _withCopies(list) {
  const have = new Set(list.map((e) => e[0]));
  const prefix = _copy('');
  try {
    for (const name of Object.keys(localStorage)) {
      const item = name.startsWith(prefix) && localStorage.getItem(name);
      if (!item) continue;
      const at = item.indexOf(':');
      const key = name.slice(prefix.length);
      if (_mine.has(key)) continue;
      if (Date.now() - item.slice(0, at) < 2000) {
        _flag(_MARK, true);
        continue;
      }
      localStorage.removeItem(name);
      if (!have.has(key)) {
        have.add(key);
        list.push([key, item.slice(at + 1)]);
      }
    }
  } catch (e) {}
  return list;
}

// Claims made in the same task, taken together in one transaction.
let _claims;

/**
 * Takes `key` out of the store to send it, in one transaction, so that of this page and any
 * other load or tab (`take`) exactly one gets it: runs `go` if it was there (or the store is
 * unusable), `gone` if another page took it first. `go` runs before the delete commits, so the
 * request starts even if the page goes away now; the mark set first keeps the next load from
 * sending it again should the delete then never commit.
 */
export function claim(key, go, gone) {
  let done;
  const run = (found) => {
    if (done) return;
    done = 1;
    if (found) {
      _flag(_gone(key), true);
      go();
    } else gone();
  };
  if (!_claims) {
    const list = (_claims = []);
    const end = () => {
      if (_claims == list) _claims = 0;
    };
    _tx((s) => {
      end();
      list.forEach(([k, run]) => {
        const r = s.get(k);
        r.onsuccess = () => run(r.result !== undefined);
        s.delete(k);
      });
    }).then((committed) => {
      end();
      list.forEach(([k, run]) => {
        run(1);
        if (committed) _flag(_gone(k), false);
      });
    });
  }
  _claims.push([key, run]);
}

/**
 * Once the promise `after` resolved, removes and returns every `[key, body]` that earlier
 * page loads (or other tabs) left and did not delete meanwhile, in one transaction so no
 * other page gets them too. What this page stored itself stays. The store counts as busy from
 * the call on.
 */
export function take(after) {
  _open++;
  return after.then(() => {
    _open--;
    if (!_flagged(_MARK, true)) return;
    if (!_mine.size) _flag(_MARK, false);
    return _tx((s) => {
      const keys = s.getAllKeys();
      const bodies = s.getAll();
      keys.onsuccess = () => keys.result.forEach((k) => _mine.has(k) || s.delete(k));
      return () => keys.result.map((k, i) => [String(k), bodies.result[i]]).filter(([k]) => !_mine.has(k));
    }).then((stored) =>
      _withCopies(stored || []).filter(([k]) => {
        const sent = _flagged(_gone(k), false);
        _flag(_gone(k), false);
        return !sent;
      }),
    );
  });
}
