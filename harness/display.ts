// A shared, reference-counted X display (Xvfb) for engines that need one (WebKitGTK; headful runs of others).
//
// One Xvfb per Node process, started on first acquire and stopped when the last user releases it. Xvfb picks a
// free display number itself (-displayfd), which is race-free against other workers starting their own.
// If DISPLAY is set and GUM_USE_DISPLAY=1, that display is used as is (e.g. to watch a run on a desktop).

import { spawn, type ChildProcess } from 'node:child_process';
import { killWhenWeDie } from './outlive-guard';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface DisplayLease {
  /** Value for the DISPLAY environment variable, e.g. ":99". */
  display: string;
  release(): Promise<void>;
}

interface Server {
  display: string;
  xvfb: ChildProcess;
  watchdog?: ChildProcess;
  exited: Promise<void>;
}

let server: Promise<Server> | null = null;
let users = 0;

export function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':')) {
    const candidate = path.join(dir || '.', name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

export async function acquireDisplay(): Promise<DisplayLease> {
  if (process.env.GUM_USE_DISPLAY === '1' && process.env.DISPLAY) {
    return { display: process.env.DISPLAY, release: async () => {} };
  }
  users++;
  if (!server) server = startXvfb();
  let started: Server;
  try {
    started = await server;
  } catch (e) {
    users--;
    server = null;
    throw e;
  }
  let released = false;
  return {
    display: started.display,
    release: async () => {
      if (released) return;
      released = true;
      if (--users > 0) return;
      server = null;
      stop(started);
      await started.exited;
    },
  };
}

function stop(s: Server): void {
  if (s.xvfb.exitCode === null && s.xvfb.signalCode === null) s.xvfb.kill('SIGTERM');
  s.watchdog?.kill('SIGKILL');
}

async function startXvfb(): Promise<Server> {
  const binary = findOnPath('Xvfb');
  if (!binary) throw new Error('display: Xvfb not found; run `npm run provision` or `apt-get install xvfb`');
  // fd 3 is where Xvfb writes the display number it chose; -nolisten tcp keeps it to the unix socket.
  // -noreset: by default Xvfb resets when its last client disconnects, and a client connecting during the reset
  // (the next engine launch right after one closed) gets "cannot open display" — seen here.
  const xvfb = spawn(binary, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-noreset'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  xvfb.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => xvfb.once('exit', () => resolve()));
  const killOnExit = () => stop(server_);
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail('no display number after 10 s'), 10_000);
    function fail(why: string) {
      clearTimeout(timer);
      xvfb.kill('SIGKILL');
      const tail = stderr.trim().split('\n').slice(-3).join(' | ');
      reject(new Error(`display: Xvfb failed to start: ${why}${tail ? `: ${tail}` : ''}`));
    }
    const fd3 = xvfb.stdio[3] as NodeJS.ReadableStream;
    fd3.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    xvfb.once('error', (e) => fail(e.message));
    xvfb.once('exit', (code, signal) => fail(`exited (${signal ?? code})`));
  });
  // Do not keep the event loop alive for Xvfb's sake; lifetime is governed by release() and process exit.
  xvfb.unref();
  for (const s of [xvfb.stdio[2], xvfb.stdio[3]]) (s as unknown as { unref?: () => void } | null)?.unref?.();

  const watchdog = killWhenWeDie(xvfb);

  const server_: Server = { display, xvfb, watchdog, exited };
  process.once('exit', killOnExit);
  exited.then(() => process.removeListener('exit', killOnExit));
  return server_;
}
