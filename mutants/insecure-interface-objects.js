// mutant: the MediaDevices interface object is defined in insecure contexts too
// kills: secure-context/http-non-loopback/interface-objects, document-source/data-url-top-level/interface-objects
(() => {
  if (!self.isSecureContext && typeof MediaDevices === 'undefined') {
    self.MediaDevices = function MediaDevices() { throw new TypeError('Illegal constructor'); };
  }
})();
