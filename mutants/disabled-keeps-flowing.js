// mutant: enabled = false is remembered by the track object but the media keeps flowing (no silence, no black frames)
// kills: captured-content/audio/disabled-is-silent, captured-content/video/disabled-is-black, real-devices/microphone/disabled-is-silent
(() => {
  const enabled = new WeakMap();
  Object.defineProperty(MediaStreamTrack.prototype, 'enabled', {
    configurable: true,
    get() {
      return enabled.has(this) ? enabled.get(this) : true;
    },
    set(v) {
      enabled.set(this, Boolean(v));
    },
  });
})();
