// A tiny IndexedDB key-value store for envelopes that must survive a reload or a period offline.
// It stores and hands back strings; it decides nothing, never throws, and resolves `undefined`
// when IndexedDB is missing or refuses (private browsing, quota).

let _db;
// Transactions started and not yet settled (`flush` waits for them, so a delete is on disk
// before the app reloads).
let _open = 0;

/** Whether a write to the store is still in progress. */
export const storeBusy = () => _open > 0;

// Runs `fn(store)` in a read-write transaction; resolves to what the function `fn` returned
// gives once the transaction completed. A throw anywhere (no `indexedDB`) becomes a rejection
// inside the promises, so it ends as `undefined` too.
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
          t.oncomplete = () => resolve(get && get());
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

function _mark(on) {
  try {
    if (on) localStorage.setItem(_MARK, '1');
    else localStorage.removeItem(_MARK);
  } catch (e) {}
}

function _mayHold() {
  try {
    return localStorage.getItem(_MARK) != null;
  } catch (e) {
    return true;
  }
}

/** Keeps `body` under `key`. */
export function put(key, body) {
  _mark(true);
  _tx((s) => void s.put(body, key));
}

/** Removes `key`. */
export function del(key) {
  _tx((s) => void s.delete(key));
}

/** Removes and returns every `[key, body]`, in one transaction so no other page gets them too. */
export function take() {
  if (!_mayHold()) return Promise.resolve();
  _mark(false);
  return _tx((s) => {
    const keys = s.getAllKeys();
    const bodies = s.getAll();
    s.clear();
    return () => keys.result.map((k, i) => [k, bodies.result[i]]);
  });
}
