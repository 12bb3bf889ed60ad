// A third-party script on the page's own origin, for denyUrls/allowUrls.
window.vendorFail = function vendorFail() {
  throw new Error('vendor broke');
};
