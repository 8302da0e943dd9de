// mutant: getSettings() reports twice the frame size the camera delivers
// kills: captured-content/video/frame-size-is-settings
(() => {
  const real = MediaStreamTrack.prototype.getSettings;
  MediaStreamTrack.prototype.getSettings = function () {
    const s = real.call(this);
    if (this.kind === 'video' && s.width && s.height) return { ...s, width: s.width * 2, height: s.height * 2 };
    return s;
  };
})();
