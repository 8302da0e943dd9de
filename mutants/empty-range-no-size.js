// mutant: a video request with an empty range ({width: {}}) gets a track whose getSettings() has no width or height
// (what WebKitGTK 2.50 does)
// kills: constraints/width/empty-range, constraints/height/empty-range
(() => {
  const real = MediaDevices.prototype.getUserMedia;
  const emptyRange = (v) => v && typeof v === 'object' && ['width', 'height'].some((k) => v[k] && typeof v[k] === 'object' && !Object.keys(v[k]).length);
  MediaDevices.prototype.getUserMedia = function (c) {
    return real.call(this, c).then((s) => {
      if (c && emptyRange(c.video)) {
        for (const t of s.getVideoTracks()) {
          const get = t.getSettings.bind(t);
          t.getSettings = () => {
            const r = { ...get() };
            delete r.width;
            delete r.height;
            return r;
          };
        }
      }
      return s;
    });
  };
})();
