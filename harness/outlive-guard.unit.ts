// A daemon started under killWhenWeDie ends when the process that started it is killed outright.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('a daemon ends when its starter is killed with SIGKILL, where no exit handler runs', async () => {
  // The starter: a Node process that starts `sleep` under the guard and prints its pid.
  const starter = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `const { spawn } = require('node:child_process');
       const { killWhenWeDie } = require(${JSON.stringify(join(__dirname, 'outlive-guard.ts'))});
       const daemon = spawn('sleep', ['60'], { stdio: 'ignore' });
       killWhenWeDie(daemon);
       process.stdout.write(String(daemon.pid) + "\\n");
       setInterval(() => {}, 1000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const pid = await new Promise<number>((resolve) => starter.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
  expect(alive(pid)).toBe(true);
  starter.kill('SIGKILL');
  await expect.poll(() => alive(pid), { timeout: 5_000 }).toBe(false);
});
