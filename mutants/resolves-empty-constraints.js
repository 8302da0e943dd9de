// mutant: getUserMedia({}) and other requests naming no kind resolve with an empty MediaStream instead of rejecting
// kills: type-error/
(() => {
  const real = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    if (!c || (!c.audio && !c.video)) return Promise.resolve(new MediaStream());
    return real.call(this, c);
  };
})();
