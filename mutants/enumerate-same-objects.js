// mutant: enumerateDevices() hands back the objects of its first call again (a cache)
// kills: device-exposure/enumerate-returns-new-objects
(() => {
  const real = MediaDevices.prototype.enumerateDevices;
  let cached;
  MediaDevices.prototype.enumerateDevices = function () {
    if (!cached) cached = real.call(this);
    return cached.then((list) => list.slice());
  };
})();
