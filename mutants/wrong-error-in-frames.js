// mutant: in a child frame, a request blocked by permissions policy or sandboxing rejects with SecurityError (the error older specifications used) instead of NotAllowedError
// kills: frames/cross-origin/no-allow/, frames/cross-origin/allow-camera-self/, frames/nested/top-origin-in-cross/, frames/srcdoc-camera-none/video, policy/permissions-policy/camera-self/cross-origin-frame-allowed/
//
// Still a rejection, still a DOMException, still before any prompt: a suite that only checks "it rejected" misses it.
(() => {
  if (typeof MediaDevices === 'undefined' || window.top === window) return;
  const real = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (constraints) {
    return real.call(this, constraints).catch((e) => {
      throw e && e.name === 'NotAllowedError' ? new DOMException(e.message, 'SecurityError') : e;
    });
  };
})();
