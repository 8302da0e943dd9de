// mutant: a required minimum of 0 is treated as unsatisfiable
// kills: constraints/width/trivially-satisfied-min-zero, constraints/height/trivially-satisfied-min-zero
(() => {
  const real = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    const v = c && typeof c.video === 'object' ? c.video : null;
    for (const k of ['width', 'height']) {
      if (v && v[k] && typeof v[k] === 'object' && v[k].min === 0) {
        return Promise.reject(new OverconstrainedError(k, 'no candidate'));
      }
    }
    return real.call(this, c);
  };
})();
