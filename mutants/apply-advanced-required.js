// mutant: applyConstraints() treats an unsatisfiable advanced set as required and rejects
// kills: constraints/apply/unsatisfiable-advanced-ideal
(() => {
  const real = MediaStreamTrack.prototype.applyConstraints;
  MediaStreamTrack.prototype.applyConstraints = function (c) {
    const caps = this.getCapabilities ? this.getCapabilities() : {};
    for (const set of (c && c.advanced) || []) {
      for (const [k, v] of Object.entries(set)) {
        const cap = caps[k];
        if (cap && typeof cap.max === 'number' && typeof v === 'number' && v > cap.max) {
          return Promise.reject(new OverconstrainedError(k, 'advanced set not satisfiable'));
        }
      }
    }
    return real.call(this, c);
  };
})();
