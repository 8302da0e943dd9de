// mutant: stop() ends the track object's state but the media keeps flowing to its consumers
// kills: captured-content/audio/stopped-is-silent, captured-content/video/stopped-no-new-frames, indicator/cleared-after-stop
(() => {
  const rs = Object.getOwnPropertyDescriptor(MediaStreamTrack.prototype, 'readyState').get;
  const ended = new WeakSet();
  MediaStreamTrack.prototype.stop = function () { ended.add(this); };
  Object.defineProperty(MediaStreamTrack.prototype, 'readyState', {
    get() { return ended.has(this) ? 'ended' : rs.call(this); },
    configurable: true,
  });
})();
