import { check, expect, PROMPT } from '../harness/check';
import { isUnobservable } from '../harness/types';

const SEED_REJECT = 'If no camera exists with this resolution or higher, then the returned promise will be rejected with OverconstrainedError, and the user will not be prompted.';
const SEED_CONSTRAINT = 'The error is an object of type OverconstrainedError, and has a constraint property whose string value is the name of a constraint which was impossible to meet';

check({
  id: 'overconstrained/width-exact-impossible',
  title: 'video width {exact: 99999} rejects with OverconstrainedError whose constraint is "width"',
  area: 'overconstrained', seed: SEED_CONSTRAINT, expected: 'rejected OverconstrainedError("width")',
}, async ({ open, url, observe }) => {
  const page = await open(url('a'));
  const r = await page.gum({ video: { width: { exact: 99999 } } });
  observe(r);
  expect(r.outcome).toBe('rejected');
  expect(r.error?.name).toBe('OverconstrainedError');
  expect(r.error?.constraint).toBe('width');
});

check({
  id: 'overconstrained/no-prompt-before-rejection',
  title: 'an impossible width {exact: 99999} rejects without prompting the user',
  area: 'overconstrained', seed: SEED_REJECT,
  spec: 'SelectSettings failure rejects with OverconstrainedError before the permission request.',
  expected: 'OverconstrainedError, no prompt (or, where prompts are not visible: settled at once and permission still "prompt")',
}, async ({ open, url, observe }) => {
  const page = await open(url('a'), PROMPT);
  const { gum, permissions } = await page.gumThenPermissions({ video: { width: { exact: 99999 } } }, { waitMs: 3000 });
  const prompts = page.prompts();
  observe({ ...gum, prompts, permissionsAfter: permissions, summary: `${gum.summary}; prompts: ${isUnobservable(prompts) ? 'not visible' : prompts.length}; camera: ${permissions.camera}` });
  expect(gum.outcome).toBe('rejected');
  expect(gum.error?.name).toBe('OverconstrainedError');
  if (isUnobservable(prompts)) expect(permissions.camera).toBe('prompt');
  else expect(prompts).toEqual([]);
});
