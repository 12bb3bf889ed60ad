// The SDK's one way to tell the developer something: a console warning prefixed `[faultline]`.
// Never throws, even when the page replaced `console`.

/** `console.warn('[faultline] ' + msg, ...more)`. */
export function warn(msg, ...more) {
  try {
    console.warn('[faultline] ' + msg, ...more);
  } catch (e) {}
}
