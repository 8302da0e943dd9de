// mutant: argument errors are thrown synchronously instead of returned as a rejected promise
// kills: type-error/
(() => {
  const real = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    if (!c || (!c.audio && !c.video)) throw new TypeError('no media type requested');
    return real.call(this, c);
  };
})();
