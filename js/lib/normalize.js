// Turns any value into JSON text that is safe to send and bounded in size.
//
// Hostile input is the normal case here: getters that throw, Proxies, cycles, DOM nodes,
// BigInts, Symbols, typed arrays, 10 MB strings. Nothing in this file may throw; every read is
// guarded. Bounds: `normalizeDepth` levels, `normalizeMaxBreadth` keys per object, strings cut
// at 8192 characters, and at most 5000 values per call, so one extra cannot blow the event up.

const MAX_STRING = 8192;
const MAX_NODES = 5000;
let _depth = 3;
let _breadth = 1000;

/** Sets the defaults from `init` (`normalizeDepth`, `normalizeMaxBreadth`); bad values are ignored. */
export function setLimits(depth, breadth) {
  if (depth >= 0 && depth <= 100) _depth = depth | 0;
  if (breadth >= 1 && breadth <= 100000) _breadth = breadth | 0;
}

function clip(s) {
  return s.length > MAX_STRING ? s.slice(0, MAX_STRING) + '…' : s;
}

function tag(v) {
  try {
    return String(Object.prototype.toString.call(v)).slice(8, -1);
  } catch (e) {
    return 'Object';
  }
}

function walk(v, depth, st) {
  const t = typeof v;
  if (v === null || t === 'boolean') return v;
  if (t === 'number') return isFinite(v) ? v : String(v);
  if (t === 'string') return clip(v);
  if (t === 'bigint') return v + 'n';
  // `Symbol(description)`, or `Symbol()`.
  if (t === 'symbol') return '[' + clip(String(v)) + ']';
  if (t === 'undefined') return '[undefined]';
  if (t === 'function') return '[Function: ' + clip(String(v.name || '?')) + ']';
  if (st._seen.indexOf(v) >= 0) return '[Circular ~]';
  if (++st._nodes > MAX_NODES) return '[MaxSize]';
  try {
    if (typeof Node === 'function' && v instanceof Node) return '[' + v.nodeName + ']';
    if (typeof Window === 'function' && v instanceof Window) return '[Window]';
    if (v instanceof Error) return '[' + clip(String(v.name)) + ': ' + clip(String(v.message)) + ']';
    // `[Float64Array(1000)]`, `[DataView(8)]` (bytes), `[ArrayBuffer(8)]`.
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return '[' + tag(v) + '(' + (v.length === undefined ? v.byteLength : v.length) + ')]';
    if (v instanceof Date) return isNaN(v) ? '[Invalid Date]' : v.toISOString();
    if (v instanceof Promise) return '[Promise]';
  } catch (e) {
    return '[unreadable]';
  }
  if (depth <= 0) return Array.isArray(v) ? '[Array]' : '[Object]';
  st._seen.push(v);
  // An array's items by index, an object's own keys; past `breadth`, a marker says so.
  const arr = Array.isArray(v);
  const out = arr ? [] : {};
  let keys = [];
  try {
    keys = arr ? v : Object.keys(v);
  } catch (e) {}
  for (let i = 0; i < keys.length; i++) {
    if (i >= st._breadth) {
      out[arr ? i : '…'] = '[MaxProperties ~]';
      break;
    }
    out[arr ? i : clip(keys[i])] = read(v, arr ? i : keys[i], depth, st);
  }
  st._seen.pop();
  return out;
}

function read(obj, key, depth, st) {
  try {
    return walk(obj[key], depth - 1, st);
  } catch (e) {
    return '[Thrown]';
  }
}

/** Plain, acyclic, bounded copy of `v`: objects to `depth` levels, `breadth` keys each. */
export function normalize(v, depth = _depth, breadth = _breadth) {
  try {
    return walk(v, depth, { _seen: [], _nodes: 0, _breadth: breadth });
  } catch (e) {
    return '[unreadable]';
  }
}

/** `normalize` then `JSON.stringify`; never throws, never returns undefined. */
export function toJson(v, depth, breadth) {
  try {
    return JSON.stringify(normalize(v, depth, breadth)) || 'null';
  } catch (e) {
    return 'null';
  }
}
