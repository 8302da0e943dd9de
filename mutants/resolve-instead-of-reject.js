// mutant: a request that fails resolves with an empty MediaStream instead of rejecting (a page's catch never runs)
// kills: exceptions/not-allowed/, exceptions/not-found/, exceptions/invalid-state/detached-document, exceptions/type-error/, permission-matrix/camera-denied/, permission-matrix/masking/, real-devices/no-camera/
(() => {
  const real = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    let p;
    try {
      p = real.call(this, c);
    } catch (e) {
      return Promise.resolve(new MediaStream());
    }
    return p.catch(() => new MediaStream());
  };
})();
