// Tells subscribers when the page's URL changes without a load: History API and `popstate`.
//
// Wraps `history.pushState`/`replaceState` and listens to `popstate`, once, lazily. It must not
// change what those functions do or return, or throw. Paths are `pathname + search + hash`.

const _subs = [];
let _last;
let _on = false;

function _path() {
  try {
    return location.pathname + location.search + location.hash;
  } catch (e) {
    return undefined;
  }
}

function _changed() {
  const from = _last;
  const to = _path();
  if (to === from) return;
  _last = to;
  for (let i = 0; i < _subs.length; i++) {
    try {
      _subs[i](from, to);
    } catch (e) {}
  }
}

function _wrap(h, name) {
  const orig = h[name];
  if (typeof orig !== 'function') return;
  h[name] = function () {
    const r = orig.apply(this, arguments);
    _changed();
    return r;
  };
}

/** Calls `fn(from, to)` after each same-document navigation, for the rest of the page's life. */
export function subscribeNavigation(fn) {
  try {
    if (!_on && typeof history === 'object' && history) {
      _on = true;
      _last = _path();
      _wrap(history, 'pushState');
      _wrap(history, 'replaceState');
      addEventListener('popstate', _changed);
    }
    _subs.push(fn);
  } catch (e) {}
}
