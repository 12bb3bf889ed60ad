// Turns any value into JSON text that is safe to send and bounded in size.
//
// Hostile input is the normal case here: getters that throw, cycles, DOM nodes, BigInts,
// 10 MB strings. Nothing in this file may throw; every read is guarded.

const MAX_STRING = 8192;

function clip(s) {
  return s.length > MAX_STRING ? s.slice(0, MAX_STRING) + '…' : s;
}

function walk(v, depth, breadth, seen) {
  const t = typeof v;
  if (v === null || t === 'boolean') return v;
  if (t === 'number') return isFinite(v) ? v : String(v);
  if (t === 'string') return clip(v);
  if (t === 'bigint') return v + 'n';
  if (t === 'symbol') return v.toString();
  if (t === 'undefined') return '[undefined]';
  if (t === 'function') return '[Function: ' + (v.name || '?') + ']';
  if (seen.indexOf(v) >= 0) return '[Circular ~]';
  if (depth <= 0) return Array.isArray(v) ? '[Array]' : '[Object]';
  try {
    if (typeof Node === 'function' && v instanceof Node) return '[' + v.nodeName + ']';
    if (v instanceof Error) return '[' + v.name + ': ' + clip(String(v.message)) + ']';
    if (ArrayBuffer.isView(v)) return '[' + v.constructor.name + '(' + v.length + ')]';
    if (v instanceof Date) return isNaN(v) ? '[Invalid Date]' : v.toISOString();
  } catch (e) {
    return '[unreadable]';
  }
  seen.push(v);
  let out;
  if (Array.isArray(v)) {
    out = [];
    const n = Math.min(v.length, breadth);
    for (let i = 0; i < n; i++) out.push(read(v, i, depth, breadth, seen));
    if (v.length > breadth) out.push('[MaxProperties ~]');
  } else {
    out = {};
    let keys;
    try {
      keys = Object.keys(v);
    } catch (e) {
      keys = [];
    }
    for (let i = 0; i < keys.length; i++) {
      if (i >= breadth) {
        out['…'] = '[MaxProperties ~]';
        break;
      }
      out[keys[i]] = read(v, keys[i], depth, breadth, seen);
    }
  }
  seen.pop();
  return out;
}

function read(obj, key, depth, breadth, seen) {
  try {
    return walk(obj[key], depth - 1, breadth, seen);
  } catch (e) {
    return '[Thrown]';
  }
}

/** Plain, acyclic, bounded copy of `v`: objects to `depth` levels, `breadth` keys each. */
export function normalize(v, depth = 3, breadth = 1000) {
  try {
    return walk(v, depth, breadth, []);
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
