// mutant: a request for audio and video resolves with the video track only
// kills: success/audio-and-video, success/tracks-have-labels, success/stop-ends-tracks
(() => {
  const real = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    return real.call(this, c).then((s) => {
      if (c && c.audio && c.video) for (const t of s.getAudioTracks()) { s.removeTrack(t); t.stop(); }
      return s;
    });
  };
})();
