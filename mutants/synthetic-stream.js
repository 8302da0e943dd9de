// mutant: getUserMedia opens the devices, then hands back synthetic tracks (a canvas and an oscillator) in their place
// kills: indicator/camera-capture-shown, indicator/microphone-capture-shown, real-devices/microphone/audio-only, real-devices/microphone/listed-after-capture
(() => {
  const real = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    return real.call(this, c).then((s) => {
      const out = new MediaStream();
      if (s.getVideoTracks().length) {
        const canvas = document.createElement('canvas');
        canvas.width = 640;
        canvas.height = 480;
        const g = canvas.getContext('2d');
        setInterval(() => { g.fillStyle = `hsl(${Date.now() % 360}, 80%, 50%)`; g.fillRect(0, 0, 640, 480); }, 33);
        out.addTrack(canvas.captureStream(30).getVideoTracks()[0]);
      }
      if (s.getAudioTracks().length) {
        const ctx = new AudioContext();
        const osc = ctx.createOscillator();
        const dest = ctx.createMediaStreamDestination();
        osc.connect(dest);
        osc.start();
        out.addTrack(dest.stream.getAudioTracks()[0]);
      }
      s.getTracks().forEach((t) => t.stop());
      return out;
    });
  };
})();
