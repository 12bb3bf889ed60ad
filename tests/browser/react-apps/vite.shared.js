// Vite settings both React test apps use: the shared source resolves React from the app, and
// function names survive minification so component stacks name the real components.
export default {
  resolve: { dedupe: ['react', 'react-dom', 'faultline'] },
  build: { rolldownOptions: { output: { keepNames: true } } },
  logLevel: 'warn',
};
