// mutant: OverconstrainedError loses the name of the constraint that could not be met
// kills: overconstrained/width-exact-impossible
(() => {
  const real = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    return real.call(this, c).catch((e) => {
      throw e && e.name === 'OverconstrainedError' ? new OverconstrainedError('', e.message) : e;
    });
  };
})();
