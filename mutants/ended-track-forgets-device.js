// mutant: getSettings() of an ended track drops deviceId and groupId
// kills: success/stopped-track-keeps-device-ids
(() => {
  const real = MediaStreamTrack.prototype.getSettings;
  MediaStreamTrack.prototype.getSettings = function () {
    const s = real.call(this);
    if (this.readyState !== 'ended') return s;
    const { deviceId, groupId, ...rest } = s;
    return rest;
  };
})();
