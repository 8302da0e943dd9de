// The harness's error types, shared by the CLI, the fixtures and the reporter. Each says whose fault an outcome is,
// so no layer has to guess it from message text.

/** Bad input (an environment variable, a file, an argument): the CLI prints it as one line and exits 2. */
export class ConfigError extends Error {}

/**
 * Thrown by `unsupported()`: the engine or its driver gives no way to observe what the check needs. `declared` when the
 * engine's module says so once for every check (Engine.observes, canHold, canProvide): such a cell needs no
 * per-check expectation record.
 */
export class Unsupported extends Error {
  constructor(
    readonly reason: string,
    readonly declared = false,
  ) {
    super(`unsupported: ${reason}`);
  }
}

/** The engine could not be launched (after its retry): every check of it ends as `error` with this one line. */
export class EngineUnavailable extends Error {}

/**
 * A failed `expect()`: the browser did something other than what the check requires. Playwright's matchers mark
 * their errors with `matcherResult`; any other error is the harness's (or the driver's) fault.
 */
export function isExpectFailure(e: unknown): boolean {
  return e instanceof Error && 'matcherResult' in e && Boolean((e as { matcherResult?: unknown }).matcherResult);
}

/** firstLine() of whatever was thrown (an Error's message, or the value itself). */
export function errorLine(e: unknown): string {
  return firstLine(String((e as Error)?.message ?? e));
}

// eslint-disable-next-line no-control-regex -- ANSI colour codes are exactly what is removed
const ANSI_COLOUR = /\u001b\[[0-9;]*m/g;

/** The first meaningful lines of an error message, without ANSI colours: what a matrix cell shows. */
export function firstLine(s: string): string {
  return s
    .replace(ANSI_COLOUR, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' ')
    .slice(0, 400);
}
