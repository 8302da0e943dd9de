// What pages/probe.js reads that the DOM typings do not declare: its own handle on the window, the legacy (callback)
// entry points, another realm's constructors, and InputDeviceInfo.getCapabilities() reached through MediaDeviceInfo.
// Type-checking only (tsconfig.pages.json); nothing here exists at run time.
type LegacyGum = (constraints: MediaStreamConstraints, success: (s: MediaStream) => void, failure: (e: unknown) => void) => void;
interface Window {
  __probe?: { call: (...args: unknown[]) => Promise<unknown>; source: string };
  DOMException: typeof DOMException;
  OverconstrainedError: new (constraint: string, message?: string) => Error;
  TypeError: TypeErrorConstructor;
}
interface Navigator {
  getUserMedia?: LegacyGum;
  webkitGetUserMedia?: LegacyGum;
  mozGetUserMedia?: LegacyGum;
}
interface MediaDeviceInfo {
  getCapabilities?(): MediaTrackCapabilities;
}
