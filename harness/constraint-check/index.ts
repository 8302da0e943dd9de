// Glue between an engine and the spec oracle (harness/oracle/): reads the devices the engine really reports,
// turns them into oracle DeviceDescriptions, runs getUserMedia() / applyConstraints() in the page and the
// oracle on the same constraints, and says whether they agree. Pure Node-side logic apart from the ProbePage
// calls, so the checks (tests/constraints*.spec.ts) and the fuzzer (harness/cli/fuzz.ts) share it.
//
// What the oracle is fed (never hand-written device models):
// - getSupportedConstraints(): names the engine does not list are dropped the way WebIDL drops unknown
//   dictionary members, and score 0 in the fitness distance.
// - Devices: enumerateDevices() after a granted getUserMedia({audio:true, video:true}) (ids are exposed then),
//   and for each input device the getCapabilities() of an unconstrained track opened on exactly that device
//   (the spec defines InputDeviceInfo.getCapabilities() as exactly that; engines disagree with themselves, see
//   the constraints/device-capabilities-* checks). InputDeviceInfo.getCapabilities() is only the fallback when
//   the device cannot be opened on its own. The unconstrained track's settings are the device's defaults (they
//   only order the oracle's examples; they never change a distance).
// - Capabilities are ranges, never native modes: no engine reports its camera's real modes. The oracle then
//   assumes that crop-and-scale reaches every size and frame rate inside the ranges (its modelling choice 2)
//   and guesses native modes only for resizeMode "none" (choice 3). A cell whose verdict depends on that guess
//   says so (`notes`).
//
// Tolerances (an engine's reported value is snapped to the constraint's value before the oracle sees it):
// - frameRate: within 1% of a frame rate the constraints mention (cameras report 29.97 for 30, or 30.00003).
// - aspectRatio: when width and height are integers, a ratio the constraints mention counts as met if it is
//   reachable by moving width or height by at most one pixel (1000x563 for 16:9): sizes are whole pixels.
// - gap: distances are sums of ratios of doubles, so a gap below 1e-6 is zero.
//
// Files: engine-model.ts (reading the devices: page I/O), tolerances.ts (snapping and formatting), gum-verdict.ts and
// apply-verdict.ts (the verdicts; pure apart from the run* helpers that call the page).
export * from './engine-model';
export * from './tolerances';
export * from './gum-verdict';
export * from './apply-verdict';
