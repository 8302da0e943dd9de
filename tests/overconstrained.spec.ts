import { check, expect, PROMPT } from '../harness/check';
import { isUnobservable } from '../harness/types';
import { expectNoPrompt, readPrompts } from './browser-ui';
import { SEED_CONSTRAINT_NAMED, SEED_MIN_NO_PROMPT } from './seed-quotes';

check(
  {
    id: 'overconstrained/width-exact-impossible',
    title: 'video width {exact: 99999} rejects with OverconstrainedError whose constraint is "width"',
    seed: SEED_CONSTRAINT_NAMED,
    expected: 'rejected OverconstrainedError("width")',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'));
    const r = await page.gum({ video: { width: { exact: 99999 } } });
    observe(r);
    expect(r.outcome).toBe('rejected');
    expect(r.error?.name).toBe('OverconstrainedError');
    expect(r.error?.constraint).toBe('width');
  },
);

check(
  {
    id: 'overconstrained/no-prompt-before-rejection',
    title: 'an impossible width {exact: 99999} rejects without prompting the user',
    seed: SEED_MIN_NO_PROMPT,
    spec: 'SelectSettings failure rejects with OverconstrainedError before the permission request.',
    expected: 'OverconstrainedError, no prompt (or, where prompts are not visible: settled at once and permission still "prompt")',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), PROMPT);
    const { gum, permissions } = await page.gumThenPermissions({ video: { width: { exact: 99999 } } }, { waitMs: 3000 });
    const seen = readPrompts(page);
    observe({
      ...gum,
      prompts: seen.prompts,
      permissionsAfter: permissions,
      summary: `${gum.summary}; ${seen.note}; camera: ${permissions.camera}`,
    });
    expect(gum).toRejectWith('OverconstrainedError');
    if (isUnobservable(seen.prompts)) expect(permissions.camera).toBe('prompt');
    else expectNoPrompt(seen);
  },
);
