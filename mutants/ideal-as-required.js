// mutant: every ideal (`{ideal: x}`, and a bare value outside `advanced`) in getUserMedia() constraints is treated as `exact` (a preference becomes a requirement)
// kills: constraints/facingMode/bare, constraints/seed/facing-user, constraints/seed/device-preferred-gone, constraints/latency/ideal, constraints/sampleSize/ideal
//
// A preference no device can meet then rejects with OverconstrainedError instead of resolving with the nearest
// setting (the seed: "Plain values are inherently ideal").
(() => {
  if (typeof MediaDevices === 'undefined') return;
  const isDict = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const tightenSet = (set) => {
    if (!isDict(set)) return set;
    const out = {};
    for (const [name, v] of Object.entries(set)) {
      if (name === 'advanced') out[name] = v;
      else if (isDict(v) && 'ideal' in v) {
        const { ideal, ...rest } = v;
        out[name] = { ...rest, exact: ideal };
      } else if (isDict(v)) out[name] = v;
      else out[name] = { exact: v };
    }
    return out;
  };
  const realGum = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    const tight = isDict(c) ? { ...c, ...(isDict(c.audio) ? { audio: tightenSet(c.audio) } : {}), ...(isDict(c.video) ? { video: tightenSet(c.video) } : {}) } : c;
    return realGum.call(this, tight);
  };
})();
