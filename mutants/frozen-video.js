// mutant: the camera track shows one frame and never another (a source that stalled), its settings untouched
// kills: captured-content/video/changes-over-time, captured-content/video/frame-rate-not-above-setting, captured-content/video/frame-rate-near-setting
(() => {
  const real = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    return real.call(this, c).then((s) => {
      for (const t of s.getVideoTracks()) {
        const settings = t.getSettings();
        const canvas = document.createElement('canvas');
        canvas.width = settings.width || 640;
        canvas.height = settings.height || 480;
        const g = canvas.getContext('2d');
        g.fillStyle = '#c0c0c0';
        g.fillRect(0, 0, canvas.width, canvas.height);
        g.fillStyle = '#202080';
        g.fillRect(canvas.width / 4, canvas.height / 4, canvas.width / 2, canvas.height / 2);
        const still = canvas.captureStream(0).getVideoTracks()[0];
        still.requestFrame && still.requestFrame();
        still.getSettings = () => settings;
        const stop = still.stop.bind(still);
        still.stop = () => { stop(); t.stop(); };
        s.removeTrack(t);
        s.addTrack(still);
      }
      return s;
    });
  };
})();
