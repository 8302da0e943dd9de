// mutant: microphone tracks carry silence while reporting themselves enabled and live
// kills: captured-content/audio/not-silent, captured-content/audio/stopped-is-silent, captured-content/audio/real-sine-frequency, real-devices/microphone/carries-sound
(() => {
  const real = MediaDevices.prototype.getUserMedia;
  const setEnabled = Object.getOwnPropertyDescriptor(MediaStreamTrack.prototype, 'enabled').set;
  MediaDevices.prototype.getUserMedia = function (c) {
    return real.call(this, c).then((s) => {
      for (const t of s.getAudioTracks()) {
        setEnabled.call(t, false);
        Object.defineProperty(t, 'enabled', { get: () => true, set: () => {}, configurable: true });
      }
      return s;
    });
  };
})();
