// Which engine a project runs, and how one --project pattern selects both of an engine's lanes.
import { expect, test } from '@playwright/test';
import { laneOf } from './check';
import { engineOfProject, engineProjectPattern, laneProject } from './lanes';

test('both lanes of an engine are that engine; other projects are none', () => {
  expect(engineOfProject(laneProject('firefox', 'main'))).toBe('firefox');
  expect(engineOfProject(laneProject('firefox', 'waits'))).toBe('firefox');
  expect(engineOfProject('unit')).toBeUndefined();
  expect(engineOfProject('safari-waits')).toBeUndefined();
  expect(engineOfProject('-waits')).toBeUndefined();
});

test("an engine's --project pattern selects both of its lanes and no other engine's", () => {
  const pattern = new RegExp(`^${engineProjectPattern('webkit').replace('*', '.*')}$`);
  expect(pattern.test(laneProject('webkit', 'main'))).toBe(true);
  expect(pattern.test(laneProject('webkit', 'waits'))).toBe(true);
  expect(pattern.test(laneProject('chromium', 'waits'))).toBe(false);
});

test('a check waits in its own lane when it says so or its area waits out a bound, else it runs in the main lane', () => {
  expect(laneOf({ id: 'permissions/unanswered-prompt-stays-pending', waits: 'a request left pending for 3 s' })).toBe('waits');
  expect(laneOf({ id: 'indicator/camera-capture-shown' })).toBe('waits');
  expect(laneOf({ id: 'captured-content/video/frame-rate-near-setting' })).toBe('waits');
  expect(laneOf({ id: 'permissions/denied-gives-not-allowed' })).toBe('main');
  expect(laneOf({ id: 'constraints/width/exact' })).toBe('main');
});
