// Real capture devices (GUM_DEVICES=real): a PulseAudio daemon with a sine-wave source, which every engine lists as
// a real microphone. This machine has no camera, so real-device video requests meet no device at all.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ConfigError } from './errors';

/** The frequency of the sine source the harness loads (a captured-content check compares the dominant frequency). */
export const SINE_HZ = 440;

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15_000 });

/** Starts PulseAudio with a sine source if none is running; returns a function that stops what it started. */
export function ensureRealAudioDevice(): () => void {
  if (!existsSync('/usr/bin/pulseaudio') || !existsSync('/usr/bin/pactl')) {
    throw new ConfigError('GUM_DEVICES=real needs pulseaudio and pactl (Debian: pulseaudio pulseaudio-utils)');
  }
  let started = false;
  if (run('pactl', ['info']).status !== 0) {
    const r = run('pulseaudio', ['-D', '--exit-idle-time=-1', '--disallow-exit']);
    if (r.status !== 0) throw new ConfigError(`pulseaudio would not start: ${(r.stderr || '').trim().split('\n').pop()}`);
    started = true;
  }
  const sources = run('pactl', ['list', 'short', 'sources']).stdout ?? '';
  let moduleId: string | undefined;
  if (!/sine/i.test(sources)) {
    moduleId = (run('pactl', ['load-module', 'module-sine-source', `frequency=${SINE_HZ}`]).stdout ?? '').trim() || undefined;
    // The engines open the default source for {audio: true}: make it the sine, not a sink's monitor.
    if (moduleId) run('pactl', ['set-default-source', 'sine_input']);
  }
  return () => {
    if (moduleId) run('pactl', ['unload-module', moduleId]);
    if (started) run('pulseaudio', ['-k']);
  };
}
