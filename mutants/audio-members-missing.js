// mutant: audio tracks leave sampleRate and channelCount out of getSettings() and getCapabilities()
// kills: success/audio-settings-have-every-supported-member, success/audio-capabilities-have-every-supported-member
(() => {
  for (const name of ['getSettings', 'getCapabilities']) {
    const real = MediaStreamTrack.prototype[name];
    if (!real) continue;
    MediaStreamTrack.prototype[name] = function () {
      const d = real.call(this);
      if (this.kind !== 'audio') return d;
      const { sampleRate, channelCount, ...rest } = d;
      return rest;
    };
  }
})();
