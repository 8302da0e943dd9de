// mutant: in a child frame, getUserMedia ignores permissions policy and sandboxing: a kind the frame may not use is made up (canvas video, WebAudio audio, posing as a device), so the request resolves instead of rejecting
// kills: frames/cross-origin/no-allow/, frames/same-origin/allow-camera-none/, frames/cross-origin/repeated-declaration-star-then-none/, frames/cross-origin/allow-camera-invalid-origin/, frames/nested/cross-in-same-camera-none/, frames/sandbox/allow-scripts, frames/srcdoc-sandboxed/, policy/permissions-policy/camera-none/same-origin-frame/
//
// It never rejects with a wrong error name (it does not reject at all), and the made-up tracks are live, of the
// requested kinds, and carry device-like labels: a suite that only inspects error names when a promise rejects sees
// nothing to object to. The frame checks assert the rejection itself, so they catch it (where an engine's made-up
// tracks lack settings.deviceId, as in Firefox and WebKitGTK, the cell also says so). Kinds the frame may really use
// are still captured for real, so a two-kind request mixes real and made-up tracks.
(() => {
  if (typeof MediaDevices === 'undefined' || window.top === window) return;
  const real = MediaDevices.prototype.getUserMedia;

  function madeUp(kind) {
    let track;
    if (kind === 'video') {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 480;
      const g = canvas.getContext('2d');
      g.fillStyle = '#3a6';
      g.fillRect(0, 0, 640, 480);
      track = canvas.captureStream(30).getVideoTracks()[0];
    } else {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      const ctx = new Ctx();
      const osc = ctx.createOscillator();
      const dest = ctx.createMediaStreamDestination();
      osc.connect(dest);
      osc.start();
      track = dest.stream.getAudioTracks()[0];
    }
    try {
      Object.defineProperty(track, 'label', { value: kind === 'video' ? 'Integrated Camera' : 'Built-in Microphone' });
    } catch (e) { /* label stays empty */ }
    return track;
  }

  MediaDevices.prototype.getUserMedia = function (constraints) {
    const md = this;
    return real.call(md, constraints).catch(async (e) => {
      if (!e || (e.name !== 'NotAllowedError' && e.name !== 'SecurityError') || !constraints) throw e;
      const stream = new MediaStream();
      for (const kind of ['audio', 'video']) {
        if (!constraints[kind]) continue;
        let got = null;
        try { got = await real.call(md, { [kind]: constraints[kind] }); } catch (_) { got = null; }
        for (const t of got ? got.getTracks() : [madeUp(kind)]) stream.addTrack(t);
      }
      return stream;
    });
  };
})();
