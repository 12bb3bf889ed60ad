import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { init } from 'faultline';
import { App } from './App.js';

init({
  dsn: import.meta.env.VITE_FAULTLINE_DSN,
  release: 'faultline-demo@' + (import.meta.env.VITE_RELEASE || '1.0.0'),
  environment: import.meta.env.MODE === 'production' ? 'demo' : 'development',
  debug: true,
});

createRoot(document.getElementById('root')).render(h(App));
