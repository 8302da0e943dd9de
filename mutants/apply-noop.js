// mutant: applyConstraints() resolves without changing anything
// kills: constraints/apply/change-size, constraints/apply/resize-mode-crop-and-scale
(() => {
  MediaStreamTrack.prototype.applyConstraints = function () {
    return Promise.resolve();
  };
})();
