// mutant: every `exact` in getUserMedia() and applyConstraints() constraints is treated as an `ideal` (a required value becomes a mere preference)
// kills: constraints/apply/impossible-exact-keeps-settings, constraints/resizeMode/exact-invalid, constraints/groupId/exact-unknown, constraints/seed/device-exact-gone, constraints/facingMode/exact, constraints/seed/facing-environment-exact
//
// Impossible exact values then resolve with the nearest setting instead of rejecting with OverconstrainedError,
// and possible ones only pull the setting towards them.
(() => {
  if (typeof MediaDevices === 'undefined') return;
  const isDict = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const loosenSet = (set) => {
    if (!isDict(set)) return set;
    const out = {};
    for (const [name, v] of Object.entries(set)) {
      if (name === 'advanced' && Array.isArray(v)) out[name] = v.map(loosenSet);
      else if (isDict(v) && 'exact' in v) {
        const { exact, ...rest } = v;
        out[name] = { ...rest, ideal: exact };
      } else out[name] = v;
    }
    return out;
  };
  const realGum = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    const loose = isDict(c) ? { ...c, ...(isDict(c.audio) ? { audio: loosenSet(c.audio) } : {}), ...(isDict(c.video) ? { video: loosenSet(c.video) } : {}) } : c;
    return realGum.call(this, loose);
  };
  const realApply = MediaStreamTrack.prototype.applyConstraints;
  MediaStreamTrack.prototype.applyConstraints = function (c) {
    return realApply.call(this, loosenSet(c));
  };
})();
