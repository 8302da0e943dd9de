// mutant: an `advanced` constraint set that no device can satisfy fails the whole getUserMedia() call with OverconstrainedError instead of being skipped
// kills: constraints/width/advanced, constraints/height/advanced, constraints/frameRate/advanced, constraints/facingMode/advanced, constraints/deviceId/advanced, constraints/groupId/advanced
//
// Each advanced set is tried on its own first (its bare values made exact, as they are inside `advanced`); the first
// one the engine cannot satisfy rejects the call with the engine's own OverconstrainedError.
(() => {
  if (typeof MediaDevices === 'undefined') return;
  const isDict = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const required = (set) => Object.fromEntries(Object.entries(set).map(([n, v]) => [n, isDict(v) ? v : { exact: v }]));
  const realGum = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = async function (c) {
    for (const kind of ['audio', 'video']) {
      const sets = isDict(c) && isDict(c[kind]) && Array.isArray(c[kind].advanced) ? c[kind].advanced : [];
      for (const set of sets) {
        if (!isDict(set)) continue;
        try {
          const probe = await realGum.call(this, { [kind]: required(set) });
          probe.getTracks().forEach((t) => t.stop());
        } catch (e) {
          if (e && e.name === 'OverconstrainedError') throw e;
        }
      }
    }
    return realGum.call(this, c);
  };
})();
