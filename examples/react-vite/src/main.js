import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { init, reactErrorHandler } from 'faultline/react';
import { App } from './App.js';

init({
  dsn: import.meta.env.VITE_FAULTLINE_DSN,
  release: 'faultline-demo@' + (import.meta.env.VITE_RELEASE || '1.0.0'),
  environment: import.meta.env.MODE === 'production' ? 'demo' : 'development',
  debug: true,
});

// React 19 hands render errors that no boundary caught to this handler instead of raising them
// on window; faultline reports them with their component stack.
createRoot(document.getElementById('root'), { onUncaughtError: reactErrorHandler() }).render(h(App));
