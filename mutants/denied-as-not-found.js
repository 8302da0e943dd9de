// mutant: a permission denial is reported as NotFoundError (the seed's two errors swapped)
// kills: permissions/denied-gives-not-allowed, permissions/camera-denied-microphone-granted-both-requested
(() => {
  const real = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    return real.call(this, c).catch((e) => {
      throw e && e.name === 'NotAllowedError' ? new DOMException(e.message, 'NotFoundError') : e;
    });
  };
})();
