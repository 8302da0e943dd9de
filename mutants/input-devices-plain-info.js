// mutant: enumerateDevices() lists input devices as plain MediaDeviceInfo-like objects, not InputDeviceInfo
// kills: device-exposure/after-capture/input-devices-are-input-device-info
(() => {
  const real = MediaDevices.prototype.enumerateDevices;
  MediaDevices.prototype.enumerateDevices = function () {
    return real.call(this).then((list) =>
      list.map((d) => (d.kind.endsWith('input') ? Object.setPrototypeOf({ kind: d.kind, deviceId: d.deviceId, groupId: d.groupId, label: d.label }, MediaDeviceInfo.prototype) : d)),
    );
  };
})();
