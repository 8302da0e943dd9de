// A daemon the harness starts must not outlive it. 'exit' handlers do not run when this Node process is killed
// outright (SIGKILL, SIGTERM without a handler, a crash), so a tiny watchdog shell holds a pipe from us: when that pipe
// closes (we died) it kills the daemon.
import { spawn, type ChildProcess } from 'node:child_process';

/** Starts the watchdog for `child`; kill the returned process once the child is stopped on purpose. */
export function killWhenWeDie(child: ChildProcess): ChildProcess {
  const watchdog = spawn('/bin/sh', ['-c', `read _ignored; kill ${child.pid} 2>/dev/null`], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // Neither the watchdog nor its pipe keeps the event loop alive.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return watchdog;
}
