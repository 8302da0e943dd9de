// mutant: camera tracks carry black frames while reporting themselves enabled and live
// kills: captured-content/video/not-black, captured-content/video/changes-over-time
(() => {
  const real = MediaDevices.prototype.getUserMedia;
  const setEnabled = Object.getOwnPropertyDescriptor(MediaStreamTrack.prototype, 'enabled').set;
  MediaDevices.prototype.getUserMedia = function (c) {
    return real.call(this, c).then((s) => {
      for (const t of s.getVideoTracks()) {
        setEnabled.call(t, false);
        Object.defineProperty(t, 'enabled', { get: () => true, set: () => {}, configurable: true });
      }
      return s;
    });
  };
})();
