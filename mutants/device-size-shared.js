// mutant: every video track of a camera reports the size the camera was first opened at
// kills: success/same-camera-twice-at-two-sizes
(() => {
  const real = MediaStreamTrack.prototype.getSettings;
  const firstSize = new Map();
  MediaStreamTrack.prototype.getSettings = function () {
    const s = real.call(this);
    if (this.kind !== 'video' || !s.deviceId) return s;
    if (!firstSize.has(s.deviceId)) firstSize.set(s.deviceId, { width: s.width, height: s.height });
    return { ...s, ...firstSize.get(s.deviceId) };
  };
})();
