// The spec oracle for constraint resolution: pure functions, no browser, no I/O.
// constraints.ts — plain-data constraint types, WebIDL conversion, kinds, the allowed-required list, TypeErrors.
// fitness.ts     — the spec's fitness distance of one settings dictionary for one constraint set.
// candidates.ts  — the settings a device can take (regions), and finite samples of them.
// select.ts      — SelectSettings, judge() for getUserMedia, judgeApplyConstraints(), gap().
// fuzz-gen.ts    — seeded constraint generator and a delta-debugging reducer.

export * from './constraints';
export * from './fitness';
export * from './candidates';
export * from './select';
export * from './fuzz-gen';
