// Entry of the React test apps. The DSN comes from the query string so one build serves every
// test; `?handlers` installs faultline's React 19 root error handlers.

import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { flush, init, reactErrorHandler } from 'faultline/react';
import { App } from './App.js';

const query = new URLSearchParams(location.search);
init({ dsn: query.get('dsn'), release: 'react-apps@1.0.0' });
window.__flush = flush;
const caught = (window.__caught = []);
const options = query.has('handlers')
  ? {
      onUncaughtError: reactErrorHandler(),
      onCaughtError: reactErrorHandler((error, errorInfo, eventId) => caught.push([error.message, eventId])),
    }
  : undefined;
createRoot(document.getElementById('root'), options).render(h(App));
