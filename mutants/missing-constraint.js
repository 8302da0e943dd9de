// mutant: an impossible constraint rejects with a plain DOMException named OverconstrainedError: no OverconstrainedError object, no constraint property
// kills: exceptions/overconstrained/, device-exposure/overconstrained-constraint/after-capture-named, device-exposure/overconstrained-constraint/granted-not-captured-wpt-named
(() => {
  const real = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    return real.call(this, c).catch((e) => {
      throw e && e.name === 'OverconstrainedError' ? new DOMException(e.message, 'OverconstrainedError') : e;
    });
  };
})();
