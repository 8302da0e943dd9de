// Seed traceability: which checks verify each sentence of the seed page (traceability/seed-claims.json), and what
// every engine did about each claim in a run. Pure: no I/O; the CLI (harness/cli/trace.ts) and the reporter read
// the files and pass their contents in. claims-file.ts: the file and its patterns; seed-text.ts: the seed's sentences;
// check-list.ts: the suite's checks from --list; judge.ts: claims against a matrix; render.ts: the HTML section.
export * from './claims-file';
export * from './seed-text';
export * from './check-list';
export * from './judge';
export * from './render';
