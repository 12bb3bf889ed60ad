// The scope `beforeCapture` receives: the setters of a Sentry scope, applying to the one event
// the boundary is about to send. It only collects values; it must not touch the global scope.

/** A fresh per-capture scope; `scope._hint` is what it collected, in `captureException`'s hint shape. */
export function captureScope() {
  const hint = { tags: {}, extra: {}, contexts: {} };
  const scope = {
    _hint: hint,
    setTag(key, value) {
      hint.tags[key] = value;
      return scope;
    },
    setTags(tags) {
      Object.assign(hint.tags, tags);
      return scope;
    },
    setExtra(key, value) {
      hint.extra[key] = value;
      return scope;
    },
    setExtras(extras) {
      Object.assign(hint.extra, extras);
      return scope;
    },
    setContext(name, context) {
      hint.contexts[name] = context;
      return scope;
    },
    setLevel(level) {
      hint.level = level;
      return scope;
    },
    setFingerprint(fingerprint) {
      hint.fingerprint = fingerprint;
      return scope;
    },
  };
  return scope;
}
