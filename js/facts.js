// What the core needs to know about a thrown value, read without trusting it.
//
// The core parses stacks and builds the event; this file only copies out strings. Every
// property read can throw (a Proxy, a getter), so each is guarded.

import { toJson } from './lib/normalize.js';

const MAX_CAUSES = 5;

function str(v) {
  try {
    return typeof v === 'string' ? v : v == null ? undefined : String(v);
  } catch (e) {
    return undefined;
  }
}

// `String(v)` that never throws: `null`, `undefined` and objects whose `toString` throws
// included.
function text(v) {
  try {
    return String(v);
  } catch (e) {
    return Object.prototype.toString.call(v);
  }
}

/**
 * A stack for a capture that has none (a message with `attachStacktrace`, a thrown string),
 * without the SDK's own `skip` innermost frames. V8 prints a first `Error` line; other engines
 * print frames only.
 */
export function syntheticStack(skip) {
  try {
    const lines = String(new Error().stack).split('\n');
    const head = lines[0] === 'Error' ? lines.shift() + '\n' : '';
    return head + lines.slice(skip + 1).join('\n');
  } catch (e) {
    return undefined;
  }
}

function isError(v) {
  try {
    return v instanceof Error || (v !== null && typeof v === 'object' && typeof v.stack === 'string' && 'message' in v);
  } catch (e) {
    return false;
  }
}

function keysOf(v) {
  try {
    return Object.keys(v).sort().join(', ') || '[object has no keys]';
  } catch (e) {
    return '[unreadable]';
  }
}

function one(err) {
  return {
    type: str(err.name) || 'Error',
    value: str(err.message) || 'No error message',
    stack: str(err.stack),
  };
}

/**
 * Facts for a thrown value: `{ errors: [thrown, cause, …], extra? }`.
 * `rejection` changes the wording for non-Error promise rejections as Sentry does.
 */
export function factsFor(value, rejection) {
  try {
    if (value && typeof ErrorEvent === 'function' && value instanceof ErrorEvent && value.error) {
      value = value.error;
    }
  } catch (e) {}
  if (isError(value)) {
    const errors = [];
    const seen = [];
    let e = value;
    while (isError(e) && seen.indexOf(e) < 0 && errors.length <= MAX_CAUSES) {
      seen.push(e);
      try {
        errors.push(one(e));
        e = e.cause;
      } catch (x) {
        break;
      }
    }
    return { errors };
  }
  // Not an Error: the value is the message (servers do not title synthetic errors by type,
  // so `message` keeps GlitchTip's title readable).
  const type = rejection ? 'UnhandledRejection' : 'Error';
  const obj = value !== null && typeof value === 'object';
  let msg = obj
    ? 'Object captured as ' + (rejection ? 'promise rejection' : 'exception') + ' with keys: ' + keysOf(value)
    : text(value);
  if (rejection && !obj) msg = 'Non-Error promise rejection captured with value: ' + msg;
  const facts = { message: msg, errors: [{ type, value: msg, synthetic: true }] };
  if (obj) facts.extra = { __serialized__: toJson(value) };
  return facts;
}
