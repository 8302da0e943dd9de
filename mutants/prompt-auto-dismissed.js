// mutant: an unanswered prompt is treated as a denial after a second (the seed says the promise may never settle)
// kills: permissions/unanswered-prompt-stays-pending
(() => {
  const real = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    return Promise.race([real.call(this, c),
      new Promise((_, reject) => setTimeout(() => reject(new DOMException('dismissed', 'NotAllowedError')), 1000))]);
  };
})();
