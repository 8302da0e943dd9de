// Real capture devices: a PulseAudio daemon with a sine-wave source, which every engine lists as a real microphone.
// The default run starts one of its own (startAudioServer) for the sessions that ask for the machine's devices
// (DeviceSet 'real'); GUM_DEVICES=real runs everything on the machine's PulseAudio (ensureRealAudioDevice). This machine
// has no camera, so real-device video requests meet no device at all.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './errors';
import { killWhenWeDie } from './outlive-guard';
import type { DeviceMode, DeviceSet, Unobservable } from './types';

/** The frequency of the sine source the harness loads (a captured-content check compares the dominant frequency). */
export const SINE_HZ = 440;

/** The tone's source name: the default source, which engines open for {audio: true}. */
const TONE_SOURCE = 'sine_input';

/**
 * The microphone: a 440 Hz tone played into a sink nobody hears, taken from that sink's monitor through a remap source
 * (a plain source, as a microphone is, not a monitor). module-sine-source would be simpler, but it hands out its samples
 * in 2-second blocks whatever latency the reader asks for (measured with parec --latency-msec=20), so a page reading a
 * short window through an AnalyserNode heard silence most of the time. The tone is also looped with 20 ms latency into
 * a second silent sink, which keeps the chain at low latency from the start: otherwise the first reader waits up to 2 s
 * (the null sink's block while only the tone plays into it) for its first samples.
 */
const TONE_MODULES = [
  'module-null-sink sink_name=gum_tone rate=48000',
  `module-sine sink=gum_tone frequency=${SINE_HZ}`,
  `module-remap-source master=gum_tone.monitor source_name=${TONE_SOURCE} source_properties='device.description="Sine source at ${SINE_HZ} Hz"'`,
  'module-null-sink sink_name=gum_drain rate=48000',
  `module-loopback source=${TONE_SOURCE} sink=gum_drain latency_msec=20`,
];

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
  const moduleIds: string[] = [];
  if (!sources.includes(TONE_SOURCE)) {
    for (const m of TONE_MODULES) {
      const [name = '', ...args] = m.split(' ');
      const id = (run('pactl', ['load-module', name, args.join(' ')]).stdout ?? '').trim();
      if (id) moduleIds.push(id);
    }
    run('pactl', ['set-default-source', TONE_SOURCE]);
  }
  return () => {
    for (const id of moduleIds.reverse()) run('pactl', ['unload-module', id]);
    if (started) run('pulseaudio', ['-k']);
  };
}

/** Where the run's own audio server listens (set by global setup for the workers), or why there is none. */
export const AUDIO_SERVER_ENV = 'GUM_AUDIO_SERVER';
export const AUDIO_SERVER_MISSING_ENV = 'GUM_AUDIO_SERVER_MISSING';

/**
 * Starts a PulseAudio daemon of the run's own, on a socket in a private directory, with the sine source as its only
 * microphone: the machine's real capture path (PulseAudio, as a desktop has it) without touching a PulseAudio the user
 * may run. Only browsers given its address (PULSE_SERVER) see it. Returns the address and a stop function, or why it
 * could not start.
 */
export async function startAudioServer(): Promise<{ server: string; stop: () => void } | { missing: string }> {
  if (!existsSync('/usr/bin/pulseaudio')) return { missing: 'pulseaudio is not installed (Debian: pulseaudio)' };
  const dir = mkdtempSync(join(tmpdir(), 'gum-pulse-'));
  const socket = join(dir, 'native');
  const child = spawn(
    'pulseaudio',
    [
      '-n', // no default.pa: only the modules below
      '--daemonize=no',
      '--exit-idle-time=-1',
      '--use-pid-file=no',
      '--log-target=stderr',
      '-L',
      `module-native-protocol-unix socket=${socket} auth-anonymous=1`,
      ...TONE_MODULES.flatMap((m) => ['-L', m]),
    ],
    // PulseAudio keeps its runtime files and cookie under these: the run's directory, not the user's.
    {
      env: { ...process.env, PULSE_RUNTIME_PATH: dir, HOME: dir, XDG_RUNTIME_DIR: dir },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: false,
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  // A run that ends without its teardown (Ctrl-C, a crash, a SIGTERM) must not leave the daemon behind: measured, each
  // one left running takes 2 % of a core for good.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const watchdog = killWhenWeDie(child);
  const stop = () => {
    process.removeListener('exit', kill);
    kill();
    watchdog.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!existsSync(socket)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      const last = stderr.trim().split('\n').pop() ?? '';
      return { missing: `pulseaudio did not start${last ? `: ${last}` : ''}` };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const server = `unix:${socket}`;
  // The engines open the default source for {audio: true}: make it the sine, not the null sink's monitor.
  spawnSync('pactl', ['-s', server, 'set-default-source', TONE_SOURCE], { stdio: 'ignore', timeout: 5000 });
  return { server, stop };
}

/**
 * Why an engine cannot give a session the machine's devices (DeviceSet 'real') in a run on fake devices: the run has no
 * audio server. Undefined where it can (or where every session has them already, GUM_DEVICES=real).
 */
export function realDevicesMissing(devices: DeviceSet | undefined, mode: DeviceMode): Unobservable | undefined {
  if (devices !== 'real' || mode !== 'fake') return undefined;
  const audio = audioServer();
  return 'missing' in audio ? { unobservable: `no real microphone: ${audio.missing}` } : undefined;
}

/** The run's audio server for a browser's environment (PULSE_SERVER), or why there is none. */
export function audioServer(env: NodeJS.ProcessEnv = process.env): { server: string } | { missing: string } {
  const server = env[AUDIO_SERVER_ENV];
  if (server) return { server };
  return { missing: env[AUDIO_SERVER_MISSING_ENV] ?? 'the run started no audio server' };
}
