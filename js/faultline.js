// Stands in for the wasm-bindgen glue of the Wasm cores, which `node pkg-template/build.mjs`
// writes in its place in pkg/ (one glue serves both cores). It lets the shim's sources be
// imported unbuilt, as the unit tests do: there the core never loads, and the shim says so once.

/** Would instantiate the core; unbuilt, there is none. */
export default function start() {
  return Promise.reject(new Error('the Wasm core is not built: run `node pkg-template/build.mjs`'));
}

/** The core's exports, absent here. */
export const init = undefined;
export const op = undefined;
