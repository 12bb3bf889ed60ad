// The bench app: the SDK starts, then a small React 19 tree renders inside the SDK's
// ErrorBoundary. `first-render` is marked when React has committed the first frame.
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import * as sdk from 'bench-sdk';
import { App } from './App.js';
import { installDriver } from './driver.js';

const dsn = new URLSearchParams(location.search).get('dsn') || undefined;
sdk.start(dsn);
installDriver(sdk);

createRoot(document.getElementById('root')).render(
  h(sdk.ErrorBoundary, { fallback: h('p', null, 'Something went wrong') }, h(App, { onRendered: () => performance.mark('first-render') })),
);
