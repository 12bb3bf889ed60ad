// The shared React test app, plus router.html (./router.js): React Router tracing, which needs
// react-router, installed in this app only.
import { fileURLToPath } from 'node:url';
import shared from '../vite.shared.js';

const page = (name) => fileURLToPath(new URL(name, import.meta.url));

export default {
  ...shared,
  build: {
    ...shared.build,
    rolldownOptions: {
      ...shared.build.rolldownOptions,
      input: [page('index.html'), page('router.html')],
      // react-router's "use client" means nothing in a browser bundle.
      onwarn: (w, warn) => w.code === 'MODULE_LEVEL_DIRECTIVE' || warn(w),
    },
  },
};
