// reports/junit.xml: the matrix for CI systems that read JUnit XML, built with junit-report-builder. One test suite per
// engine build, one test case per cell (classname: the area). What is red is what the gate fails on: a cell that differs
// from its recorded expectation is a <failure> (a harness error an <error>); a recorded failure or an unsupported cell
// that matches its record is <skipped>, with a property saying which ("expected failure" or "unsupported") and why.
import builder from 'junit-report-builder';
import { recordedObservation } from '../expectations';
import type { Cell, Matrix } from '../types';

const key = (c: { engine: string; check: string }) => `${c.engine}\u0000${c.check}`;

export function renderJUnit(m: Matrix, deviating: { engine: string; check: string }[]): string {
  const junit = builder.newBuilder().name(`${m.suite.name} ${m.suite.version}`);
  const off = new Set(deviating.map(key));
  const areaOf = new Map(m.checks.map((c) => [c.id, c.area]));
  const titleOf = new Map(m.checks.map((c) => [c.id, c.title]));
  for (const e of m.engines) {
    const suite = junit
      .testSuite()
      .name(`${e.id} ${e.version}`)
      .timestamp(m.generated)
      .property('browser', `${e.browser} ${e.version}`)
      .property('driver', e.driver)
      .property('executable', e.executable);
    for (const c of m.cells.filter((x: Cell) => x.engine === e.id)) {
      const observed = c.verdict === 'unsupported' || c.verdict === 'error' ? (c.reason ?? '') : recordedObservation(c.observed);
      const tc = suite
        .testCase()
        .className(areaOf.get(c.check) ?? c.check.split('/')[0])
        .name(`${c.check} ${titleOf.get(c.check) ?? ''}`.trim())
        .time(c.ms / 1000)
        .property('verdict', c.verdict);
      if (c.expectation) tc.property('expectation', `${c.expectation.verdict}: ${c.expectation.reason}`);
      // system-out is a CDATA section, which cannot contain its own terminator.
      if (c.verdict !== 'pass')
        tc.standardOutput(
          `observed: ${observed}\nexpected: ${typeof c.expected === 'string' ? c.expected : JSON.stringify(c.expected)}`.replace(
            /]]>/g,
            ']] >',
          ),
        );
      if (c.verdict === 'error') tc.error(observed, 'harness error');
      else if (off.has(key(c)))
        tc.failure(`${c.verdict}: ${observed}`, c.expectation ? 'changed from its recorded expectation' : 'not recorded');
      else if (c.verdict === 'fail') tc.skipped().property('skipped', `expected failure: ${c.expectation?.reason ?? ''}`);
      else if (c.verdict === 'unsupported') tc.skipped().property('skipped', `unsupported: ${observed}`);
    }
  }
  return junit.build();
}
