// The app under test: starts Faultline with the options in the query string and keeps its
// own button working whatever happens to the SDK. Exposes the SDK as window.F.
import * as F from '/pkg/index.js';

const q = new URLSearchParams(location.search);
window.F = F;
F.init({ dsn: q.get('dsn'), debug: q.has('debug'), ...JSON.parse(q.get('opts') || '{}') });
let n = 0;
document.getElementById('work').addEventListener('click', () => {
  document.getElementById('count').textContent = String(++n);
});
window.appReady = true;
