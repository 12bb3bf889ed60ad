// Browser and OS contexts read from the user agent string, named as ua-parser names them (the
// library Relay and GlitchTip use to read the same header), so both views agree.
//
// A few regular expressions, no tables of devices: an unknown agent gives no context, and the
// servers still read `request.headers["User-Agent"]`. Must not throw.

const BROWSERS = [
  ['Edge', /Edg(?:e|A|iOS)?\/([\d.]+)/],
  ['Opera', /OPR\/([\d.]+)/],
  ['Samsung Internet', /SamsungBrowser\/([\d.]+)/],
  ['Firefox', /(?:Firefox|FxiOS)\/([\d.]+)/],
  ['Chrome', /(?:Chrome|CriOS)\/([\d.]+)/],
  ['Safari', /Version\/([\d.]+).*Safari\//],
];

// iOS and Android first: their agents also say "Mac OS X" and "Linux".
const SYSTEMS = [
  ['iOS', /(?:iPhone|iPad|iPod).*? OS ([\d_]+)/],
  ['Android', /Android ([\d.]+)/],
  ['Windows', /Windows NT ([\d.]+)/],
  ['Mac OS X', /Mac OS X ([\d_.]+)/],
  ['Chrome OS', /CrOS/],
  ['Linux', /Linux/],
];

function _find(table, ua) {
  for (const [name, re] of table) {
    const m = re.exec(ua);
    if (m) return m[1] ? { name, version: m[1].replace(/_/g, '.') } : { name };
  }
}

/** `{browser?, os?}` contexts for `ua`, each `{name, version?}`. */
export function userAgentContexts(ua) {
  try {
    return { browser: _find(BROWSERS, ua), os: _find(SYSTEMS, ua) };
  } catch (e) {
    return {};
  }
}
