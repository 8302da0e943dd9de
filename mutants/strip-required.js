// mutant: every required bound (`exact`, `min`, `max`) in getUserMedia() and applyConstraints() constraints is dropped; only `ideal` and bare values remain
// kills: overconstrained/width-exact-impossible, constraints/width/impossible-huge-min, constraints/height/impossible-huge-min, constraints/frameRate/impossible-huge-min, constraints/apply/impossible-exact-keeps-settings
//
// Impossible requests then resolve with whatever the device offers instead of rejecting with OverconstrainedError.
// Issue 8 measures with it that a run whose constraint checks mostly fail costs no more than a clean one.
(() => {
  if (typeof MediaDevices === 'undefined') return;
  const isDict = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const stripSet = (set) => {
    if (!isDict(set)) return set;
    const out = {};
    for (const [name, v] of Object.entries(set)) {
      if (name === 'advanced' && Array.isArray(v)) out[name] = v.map(stripSet);
      else if (isDict(v)) {
        const { exact: _e, min: _min, max: _max, ...rest } = v;
        out[name] = rest;
      } else out[name] = v;
    }
    return out;
  };
  const realGum = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    const loose = isDict(c) ? { ...c, ...(isDict(c.audio) ? { audio: stripSet(c.audio) } : {}), ...(isDict(c.video) ? { video: stripSet(c.video) } : {}) } : c;
    return realGum.call(this, loose);
  };
  const realApply = MediaStreamTrack.prototype.applyConstraints;
  MediaStreamTrack.prototype.applyConstraints = function (c) {
    return realApply.call(this, stripSet(c));
  };
})();
