// mutant: errors keep their cause but get another name: a denial is the pre-2016 SecurityError, a missing device is NotReadableError, a detached document is NotSupportedError
// kills: exceptions/not-allowed/permission-denied, exceptions/not-found/, exceptions/invalid-state/detached-document, permission-matrix/camera-denied/microphone-denied/, real-devices/no-camera/
(() => {
  const RENAMED = { NotAllowedError: 'SecurityError', NotFoundError: 'NotReadableError', InvalidStateError: 'NotSupportedError' };
  const real = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    return real.call(this, c).catch((e) => {
      throw e && RENAMED[e.name] ? new DOMException(e.message, RENAMED[e.name]) : e;
    });
  };
})();
