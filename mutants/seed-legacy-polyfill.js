// mutant: the seed's own polyfill, verbatim from "Using the new API in older browsers" (the two if blocks; the usage example after them is left out, it would capture in every document)
// Informational: no "kills" line. On a modern engine it is a no-op in secure contexts (mediaDevices.getUserMedia exists);
// in an insecure context it creates navigator.mediaDevices = {} whose getUserMedia rejects with a plain Error, since no
// engine exposes webkitGetUserMedia/mozGetUserMedia there. Run: GUM_SHIM=mutants/seed-legacy-polyfill.js npm run matrix -- --grep 'secure-context/|document-source/'
// Older browsers might not implement mediaDevices at all, so we set an empty object first
if (navigator.mediaDevices === undefined) {
  navigator.mediaDevices = {};
}

// Some browsers partially implement mediaDevices. We can't just assign an object
// with getUserMedia as it would overwrite existing properties.
// Here, we will just add the getUserMedia property if it's missing.
if (navigator.mediaDevices.getUserMedia === undefined) {
  navigator.mediaDevices.getUserMedia = function(constraints) {

    // First get ahold of the legacy getUserMedia, if present
    var getUserMedia = navigator.webkitGetUserMedia || navigator.mozGetUserMedia;

    // Some browsers just don't implement it - return a rejected promise with an error
    // to keep a consistent interface
    if (!getUserMedia) {
      return Promise.reject(new Error('getUserMedia is not implemented in this browser'));
    }

    // Otherwise, wrap the call to the old navigator.getUserMedia with a Promise
    return new Promise(function(resolve, reject) {
      getUserMedia.call(navigator, constraints, resolve, reject);
    });
  }
}
