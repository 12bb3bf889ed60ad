// Shortens the JS shim's private property names in pkg/: every `_name` used as a property
// (`span._status`, `{ _install: … }`) becomes `_a`, `_b`… in every file, as web-vitals and
// preact mangle theirs. Bundlers shorten variables but never properties, so these names
// would otherwise ship in full in every app.
//
// It renames identifiers only, the same name the same way in every file (bindings of that name
// included, which keeps the program the same), and fails the build rather than guess: when a
// string spells a renamed name (`'_x' in o`, `o['_x']` would silently stop matching), or on
// source it cannot read.

import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PRIVATE = /^_[A-Za-z]\w*$/;
// After these, a `/` starts a regular expression rather than a division.
const BEFORE_REGEX = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else']);

/** Splits JS source into tokens `{ kind, text }`; concatenating their texts gives `src` back. */
export function tokenize(src, file) {
  const out = [];
  let i = 0;
  let prev = null; // the previous token that is not space or a comment
  const braces = []; // open `{`, and '`' for each `${` of a template literal
  const fail = (why) => {
    throw new Error(`mangle: ${file}:${src.slice(0, i).split('\n').length}: ${why}`);
  };
  const push = (kind, end) => {
    const t = { kind, text: src.slice(i, end) };
    out.push(t);
    if (kind !== 'space' && kind !== 'comment') prev = t;
    i = end;
  };
  while (i < src.length) {
    const c = src[i];
    const rest = src.slice(i);
    let m;
    if ((m = /^\s+/.exec(rest))) push('space', i + m[0].length);
    else if (rest.startsWith('//')) push('comment', src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i));
    else if (rest.startsWith('/*')) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) fail('unterminated comment');
      push('comment', end + 2);
    } else if (c === '`' || (c === '}' && braces[braces.length - 1] === '`')) {
      // A template literal up to its end or its next `${`; the code inside is read as code.
      if (c === '}') braces.pop();
      let j = i + 1;
      while (j < src.length && src[j] !== '`' && !(src[j] === '$' && src[j + 1] === '{')) j += src[j] === '\\' ? 2 : 1;
      if (j >= src.length) fail('unterminated template literal');
      if (src[j] === '$') braces.push('`');
      push('template', src[j] === '$' ? j + 2 : j + 1);
    }
    else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\n') fail('unterminated string');
        j += src[j] === '\\' ? 2 : 1;
      }
      if (j >= src.length) fail('unterminated string');
      push('string', j + 1);
    } else if ((m = /^[A-Za-z_$][\w$]*/.exec(rest))) push('name', i + m[0].length);
    else if ((m = /^(?:0[xob][\da-f_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:e[+-]?\d+)?)n?/i.exec(rest))) push('number', i + m[0].length);
    else if (c === '/' && (!prev || (prev.kind === 'punct' && !/^[)\]}]$/.test(prev.text)) || (prev.kind === 'name' && BEFORE_REGEX.has(prev.text)))) {
      let j = i + 1;
      let cls = false;
      while (j < src.length && (cls || src[j] !== '/')) {
        if (src[j] === '\n') fail('unterminated regular expression');
        if (src[j] === '\\') j++;
        else if (src[j] === '[') cls = true;
        else if (src[j] === ']') cls = false;
        j++;
      }
      if (j >= src.length) fail('unterminated regular expression');
      j++;
      while (j < src.length && /[a-z]/.test(src[j])) j++;
      push('regex', j);
    } else if ((m = /^(?:\?\.(?!\d)|\.\.\.|=>|[=!]=?=?|[<>]=?|&&=?|\|\|=?|\?\?=?|\+\+|--|[-+*%&|^]=?|\*\*|[.,;:?~(){}[\]\/])/.exec(rest))) {
      if (c === '{') braces.push('{');
      else if (c === '}') braces.pop();
      push('punct', i + m[0].length);
    }
    else fail(`unexpected character ${JSON.stringify(c)}`);
  }
  return out;
}

/** Every `.js` file under `dir`, sorted. */
export function jsFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? jsFiles(p) : p.endsWith('.js') ? [p] : [];
    });
}

/** The n-th short private name: `_a`…`_z`, `_A`…`_Z`, then `_aa`… */
function shortName(n) {
  const abc = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  do {
    s = abc[n % abc.length] + s;
    n = Math.floor(n / abc.length) - 1;
  } while (n >= 0);
  return '_' + s;
}

/**
 * Renames the private properties of the `.js` files under `dir` (except `skip`), in place.
 * Returns the map of old to new names.
 */
export function manglePrivate(dir, skip = () => false) {
  const files = jsFiles(dir)
    .filter((f) => !skip(f))
    .map((path) => ({ path, tokens: tokenize(readFileSync(path, 'utf8'), path) }));
  const count = new Map(); // every identifier, how often
  const property = new Set(); // private names used as a property somewhere
  for (const { tokens } of files) {
    const code = tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
    code.forEach((t, k) => {
      if (t.kind !== 'name') return;
      count.set(t.text, (count.get(t.text) || 0) + 1);
      if (!PRIVATE.test(t.text)) return;
      const before = code[k - 1] && code[k - 1].text;
      const after = code[k + 1] && code[k + 1].text;
      if (before === '.' || before === '?.' || ((before === '{' || before === ',') && after === ':')) property.add(t.text);
    });
  }
  // Most used first, so they get the shortest names; new names never equal an existing one.
  const names = [...property].sort((a, b) => count.get(b) - count.get(a) || (a < b ? -1 : 1));
  const map = new Map();
  let n = 0;
  for (const name of names) {
    let short;
    do short = shortName(n++);
    while (count.has(short));
    if (short.length < name.length) map.set(name, short);
  }
  for (const { path, tokens } of files) {
    for (const t of tokens) {
      const words = t.kind === 'string' || t.kind === 'template' ? t.text.match(/\b_[A-Za-z]\w*/g) || [] : [];
      if (words.some((w) => map.has(w) && (t.kind === 'template' || t.text.slice(1, -1) === w))) {
        throw new Error(`mangle: ${path}: the string ${t.text} names a private property that is renamed; use the property itself`);
      }
    }
    writeFileSync(path, tokens.map((t) => (t.kind === 'name' && map.has(t.text) ? map.get(t.text) : t.text)).join(''));
  }
  return map;
}
