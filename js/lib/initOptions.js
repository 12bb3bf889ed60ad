// The options `init` was called with, kept for features a bundle imports separately (spans,
// tracing), so index.js never has to import them. Data only: nothing here runs or reads.

/** The object passed to `init`, or undefined before it. */
export let initOptions;

/** Called once by `init`. */
export function keepInitOptions(o) {
  initOptions = o;
}
