// Shared by tests/constraints*.spec.ts (not a spec file itself): declares constraint checks from scenario rows.
// Every verdict comes from harness/constraint-check.ts, which compares the engine with the spec oracle fed the
// devices this engine reports in this run; nothing here knows what any engine should answer.
import { check, expect } from '../harness/check';
import { type CaseVerdict, type EngineModel, GAP_TOLERANCE, runGumCase } from '../harness/constraint-check';

export const AREA = 'constraints';

/** A constraints value as a page would write it: `{video: {width: {ideal: 1000}}}`. */
export function lit(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(lit).join(', ')}]`;
  if (typeof v === 'object' && v !== null) {
    return `{${Object.entries(v)
      .map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${lit(x)}`)
      .join(', ')}}`;
  }
  if (typeof v === 'number' && v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) return v.toExponential().replace('e+', 'e');
  return JSON.stringify(v) ?? String(v);
}

export const SEED_IDEAL =
  'Plain values are inherently ideal, which means that the first of our resolution examples above could have been written like this:';
export const SEED_GRAVITY =
  'An ideal value, when used, has gravity, which means that the browser will try to find the setting (and camera, if you have more than one), with the smallest fitness distance from the ideal values given.';
export const SEED_REQUIRE = 'To require a capability, use the keywords min, max, or exact (a.k.a. min == max).';
export const SPEC_ADVANCED =
  'SelectSettings step 5: advanced sets are tried in order, bare values inside them are exact, and a set no candidate satisfies is skipped (the call does not fail).';
export const EXPECTED_ORACLE =
  "as the spec oracle computes from this engine's devices: a minimal-distance setting, or the required rejection";

export interface GumScenario {
  /** `constraints/<id>`. */
  id: string;
  title: string;
  /** The getUserMedia() argument, or a function of the engine's devices (for deviceId / groupId). */
  constraints: object | ((m: EngineModel) => unknown);
  seed?: string;
  spec?: string;
  expected?: string;
}

/**
 * Asserts that the engine did what the oracle requires: the same rejection (error name, and for
 * OverconstrainedError an acceptable `constraint`), or a resolution with one track per requested kind whose
 * settings, and <video> size, are at the minimal fitness distance.
 */
export function expectAgreement(
  v: CaseVerdict & { outcome: { outcome: string; error?: { name: string; constraint?: string | null } } },
): void {
  const why = `${v.observed.summary}\n${v.problems.join('\n')}`;
  const j = v.judgement;
  if (j.outcome === 'reject') {
    expect(v.outcome.outcome, why).toBe('rejected');
    expect(v.outcome.error?.name, why).toBe(j.error);
    if (v.acceptableConstraints) expect(v.acceptableConstraints, why).toContain(v.outcome.error?.constraint);
    return;
  }
  expect(v.outcome.outcome, why).toBe('resolved');
  expect(v.kinds.map((k) => k.kind).sort(), why).toEqual(Object.keys(j.perKind).sort());
  for (const k of v.kinds) {
    expect(k.gap, `${k.kind} settings: ${why}`).toBeLessThanOrEqual(GAP_TOLERANCE);
    if (k.element) {
      expect('error' in k.element ? k.element.error : 'measured', why).toBe('measured');
      if (!('error' in k.element)) expect(k.element.gap, `video element: ${why}`).toBeLessThanOrEqual(GAP_TOLERANCE);
    }
  }
  expect(v.problems, why).toEqual([]);
}

/** One getUserMedia() check judged by the oracle. */
export function gumCheck(s: GumScenario): void {
  check(
    { id: `${AREA}/${s.id}`, title: s.title, seed: s.seed, spec: s.spec, expected: s.expected ?? EXPECTED_ORACLE },
    async ({ open, url, observe, deviceModel }) => {
      const page = await open(url('a'));
      const model = await deviceModel(page);
      const constraints = typeof s.constraints === 'function' ? (s.constraints as (m: EngineModel) => unknown)(model) : s.constraints;
      const v = await runGumCase(page, model, constraints);
      observe(v.observed);
      expectAgreement(v);
    },
  );
}

/** The last device of a kind: on engines with several cameras or microphones, not the default one. */
export function lastDevice(m: EngineModel, kind: 'videoinput' | 'audioinput'): EngineModel['devices'][number] {
  const list = m.devices.filter((d) => d.kind === kind);
  return list[list.length - 1] as EngineModel['devices'][number];
}

/** A well-formed device id that no device has: the last camera's id reversed (ids are opaque strings). */
export function vanishedId(m: EngineModel): string {
  const id = lastDevice(m, 'videoinput').deviceId;
  const rev = [...id].reverse().join('');
  return m.devices.some((d) => d.deviceId === rev) ? `${id}-gone` : rev;
}
