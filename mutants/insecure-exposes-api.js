// mutant: in an insecure context, a naive polyfill (the seed's pattern) defines navigator.mediaDevices with a getUserMedia that resolves with a made-up stream
// kills: secure-context/http-non-loopback/, document-source/data-url-top-level/, document-source/blob-url-top-level-insecure-creator/, document-source/about-blank-iframe-insecure-creator/, document-source/srcdoc-iframe-insecure-creator/
(() => {
  if (window.isSecureContext || navigator.mediaDevices !== undefined) return;
  // As the seed's polyfill does: an own property on navigator where [SecureContext] left none.
  navigator.mediaDevices = {};
  navigator.mediaDevices.getUserMedia = function (constraints) {
    if (!constraints || (!constraints.audio && !constraints.video)) return Promise.reject(new TypeError('no media type requested'));
    // Working-looking: a live video track from a canvas and an audio track from WebAudio.
    const tracks = [];
    if (constraints.video) {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 480;
      canvas.getContext('2d').fillRect(0, 0, 640, 480);
      tracks.push(...canvas.captureStream(30).getVideoTracks());
    }
    if (constraints.audio && typeof AudioContext !== 'undefined') {
      const ctx = new AudioContext();
      const dest = ctx.createMediaStreamDestination();
      ctx.createOscillator().connect(dest);
      tracks.push(...dest.stream.getAudioTracks());
    }
    return Promise.resolve(new MediaStream(tracks));
  };
})();
