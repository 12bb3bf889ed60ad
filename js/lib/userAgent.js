// Browser and OS contexts read from the user agent string, named as ua-parser names them (the
// library Relay and GlitchTip use to read the same header), so both views agree.
//
// Plain substring searches, no regular expressions: each regular expression is compiled on its
// first use, and a dozen of them cost about a millisecond of main thread at every page load.
// No tables of devices: an unknown agent gives no context, and the servers still read
// `request.headers["User-Agent"]`. Must not throw.

// [name, ...markers]: a marker is the text just before the version (its trailing space or
// slash included), or, ending in neither, a word whose presence alone names the entry. The
// first entry with a marker in the agent wins, so the agents that also name another (Edge and
// Opera say Chrome; Chrome says Safari) come first.
const BROWSERS = [
  ['Edge', 'Edg/', 'Edge/', 'EdgA/', 'EdgiOS/'],
  ['Opera', 'OPR/'],
  ['Samsung Internet', 'SamsungBrowser/'],
  ['Firefox', 'Firefox/', 'FxiOS/'],
  ['Chrome', 'Chrome/', 'CriOS/'],
];

// Android first: its agents also say "Linux" (iOS, whose agents say "Mac OS X", is read first).
const SYSTEMS = [
  ['Android', 'Android '],
  ['Windows', 'Windows NT '],
  ['Mac OS X', 'Mac OS X '],
  ['Chrome OS', 'CrOS'],
  ['Linux', 'Linux'],
];

// `{name, version}` with the version that starts at `at` (digits, dots and underscores, iOS and
// macOS write 17_4; read as dots); undefined when no version starts there.
function _versioned(name, ua, at) {
  let end = at;
  for (let c = ua.charCodeAt(end); (c >= 48 && c <= 57) || c === 46 || c === 95; c = ua.charCodeAt(++end));
  if (end > at) return { name, version: ua.slice(at, end).split('_').join('.') };
}

// The first entry of `table` the agent names; with a version only if one follows its marker.
function _find(table, ua) {
  for (const [name, ...markers] of table) {
    for (const m of markers) {
      const at = ua.indexOf(m);
      const last = m[m.length - 1];
      const found = at >= 0 && (last === '/' || last === ' ' ? _versioned(name, ua, at + m.length) : { name });
      if (found) return found;
    }
  }
}

// Safari says `Version/17.4 … Safari/605.1.15`; iOS says `iPhone; CPU iPhone OS 17_4 like Mac
// OS X` (or iPad, iPod).
function _safari(ua) {
  const at = ua.indexOf('Version/');
  return at >= 0 && ua.indexOf('Safari/', at) > 0 ? _versioned('Safari', ua, at + 8) : undefined;
}

function _ios(ua) {
  for (const device of ['iPhone', 'iPad', 'iPod']) {
    const at = ua.indexOf(device);
    const os = at >= 0 ? ua.indexOf(' OS ', at) : -1;
    if (os >= 0) return _versioned('iOS', ua, os + 4);
  }
}

/** `{browser?, os?}` contexts for `ua`, each `{name, version?}`. */
export function userAgentContexts(ua) {
  try {
    return { browser: _find(BROWSERS, ua) || _safari(ua), os: _ios(ua) || _find(SYSTEMS, ua) };
  } catch (e) {
    return {};
  }
}
