// Switches a running Firefox's permission and device prefs, so one browser serves every permission profile and fake
// device set instead of one browser each (a launch costs about 4.5 s of CPU, measured on firefox-esr 140; a full run
// launched 18). Firefox keeps camera and microphone decisions in prefs (permissions.default.camera / .microphone) and
// takes a device set from prefs too (media.video_loopback_dev / media.audio_loopback_dev naming a device that does not
// exist), all read at each request. WebDriver BiDi cannot set prefs, its permissions.setPermission rejects camera and
// microphone (UnsupportedOperationError, "Bug 1609427", in ESR 140 and 153), and Marionette cannot open a session beside
// BiDi's. A temporary WebExtension with an experiment API (privileged code in the parent process, allowed in ESR and
// unbranded builds with extensions.experiments.enabled) sets those four prefs, and nothing else, when the harness asks:
// its background page long-polls a loopback HTTP server of this module's own. It is installed over BiDi
// (webExtension.install) as the browser starts, through the hook patches/playwright-core+1.64.1.patch adds. A build that
// refuses the extension (a release build: no experiment APIs) keeps one browser per profile and device set.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The prefs the extension may set; it refuses any other. */
export const SWITCHABLE_PREFS = [
  'permissions.default.camera',
  'permissions.default.microphone',
  'media.audio_loopback_dev',
  'media.video_loopback_dev',
] as const;
export type SwitchablePrefs = Record<(typeof SWITCHABLE_PREFS)[number], number | string>;
/** What the prefs must be at launch for the extension to install and run. */
export const SWITCH_LAUNCH_PREFS = { 'extensions.experiments.enabled': true };
/** How long a started browser's extension may take to call in before the browser is taken to be one without it. */
const CALL_IN_MS = 5_000;
const SET_MS = 10_000;

export type BidiSend = (method: string, params: unknown) => Promise<unknown>;

// The extension: the experiment sets those prefs only, each to a value of its type; the background page asks the
// harness what to set (a request held open until there is something), sets it, and says so with its next request.
const MANIFEST = {
  manifest_version: 2,
  name: 'gum-conformance prefs',
  version: '1.0',
  browser_specific_settings: { gecko: { id: 'prefs@gum-conformance.test' } },
  permissions: ['http://127.0.0.1/*'],
  experiment_apis: {
    gumPrefs: {
      schema: 'schema.json',
      parent: { scopes: ['addon_parent'], script: 'api.js', paths: [['gumPrefs']] },
    },
  },
  background: { scripts: ['background.js'] },
};
const SCHEMA = [
  {
    namespace: 'gumPrefs',
    functions: [
      {
        name: 'set',
        type: 'function',
        async: true,
        parameters: [{ name: 'prefs', type: 'object', additionalProperties: { type: 'any' } }],
      },
    ],
  },
];
const API = `/* global ExtensionAPI, Services */
const ALLOWED = ${JSON.stringify(SWITCHABLE_PREFS)};
const read = (name) =>
  Services.prefs.getPrefType(name) === Services.prefs.PREF_INT ? Services.prefs.getIntPref(name) : Services.prefs.getStringPref(name, '');
this.gumPrefs = class extends ExtensionAPI {
  getAPI() {
    return {
      gumPrefs: {
        async set(prefs) {
          for (const [name, value] of Object.entries(prefs)) {
            if (!ALLOWED.includes(name) || !['number', 'string'].includes(typeof value)) throw new Error('not a pref to switch: ' + name);
          }
          for (const [name, value] of Object.entries(prefs)) {
            if (typeof value === 'number') Services.prefs.setIntPref(name, value);
            else Services.prefs.setStringPref(name, value);
          }
          return Object.fromEntries(ALLOWED.map((name) => [name, read(name)]));
        },
      },
    };
  }
};
`;
const background = (url: string): string => `const URL_ = ${JSON.stringify(url)};
(async () => {
  // A build without experiment APIs installs the extension without its API: say so at once.
  if (!browser.gumPrefs) return void fetch(URL_ + '?absent=1');
  let done = '';
  for (;;) {
    let command;
    try {
      command = await (await fetch(URL_ + '?done=' + encodeURIComponent(done), { cache: 'no-store' })).json();
    } catch {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    let result;
    try {
      result = await browser.gumPrefs.set(command.prefs);
    } catch (e) {
      result = { error: String(e) };
    }
    done = JSON.stringify({ id: command.id, result });
  }
})();
`;

interface Pending {
  id: number;
  prefs: SwitchablePrefs;
  resolve: (result: Record<string, unknown>) => void;
  reject: (e: Error) => void;
}

/** One browser's line to its extension. */
class Line {
  calledIn = false;
  private held: ServerResponse | undefined;
  private queue: Pending[] = [];
  private sent = new Map<number, Pending>();
  private next = 0;
  private readonly callIn: Promise<void>;
  private calledInNow!: () => void;
  constructor() {
    this.callIn = new Promise((r) => (this.calledInNow = r));
  }

  /** The extension is installed but its experiment API is not there (a build that does not allow them). */
  absent(res: ServerResponse): void {
    res.end('null');
    this.calledInNow();
  }

  /** A request from the extension: the outcome of the last command, and a wait for the next. */
  request(done: string, res: ServerResponse): void {
    this.calledIn = true;
    this.calledInNow();
    if (done) {
      const { id, result } = JSON.parse(done) as { id: number; result: Record<string, unknown> };
      const p = this.sent.get(id);
      this.sent.delete(id);
      if (p && typeof result['error'] === 'string') p.reject(new Error(`firefox: prefs not set: ${result['error']}`));
      else p?.resolve(result);
    }
    this.held?.end('null');
    this.held = res;
    this.flush();
  }

  async waitCallIn(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((r) => (timer = setTimeout(r, ms)));
    await Promise.race([this.callIn, late]);
    clearTimeout(timer);
    return this.calledIn;
  }

  set(prefs: SwitchablePrefs): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const p: Pending = { id: ++this.next, prefs, resolve, reject };
      const timer = setTimeout(() => reject(new Error('firefox: the prefs extension did not answer')), SET_MS);
      const settle =
        <A extends unknown[]>(f: (...a: A) => void) =>
        (...a: A) => {
          clearTimeout(timer);
          f(...a);
        };
      p.resolve = settle(resolve);
      p.reject = settle(reject);
      this.queue.push(p);
      this.flush();
    });
  }

  /** Sends the next command, if there is one and a request from the extension is waiting for it. */
  private flush(): void {
    if (!this.held) return;
    const p = this.queue.shift();
    if (!p) return;
    const res = this.held;
    this.held = undefined;
    this.sent.set(p.id, p);
    res.end(JSON.stringify({ id: p.id, prefs: p.prefs }));
  }

  close(): void {
    this.held?.end('null');
    this.held = undefined;
    for (const p of [...this.queue, ...this.sent.values()]) p.reject(new Error('firefox: browser closed'));
    this.queue = [];
    this.sent.clear();
  }
}

/** A started browser's switch: set(prefs) gives the browser those prefs, and checks that it has them. */
export interface PrefSwitch {
  set(prefs: SwitchablePrefs): Promise<void>;
  close(): void;
}

/** The extension's files and the loopback server its background pages call; one per Firefox engine. */
export class PrefSwitchboard {
  private server: Server | undefined;
  private port = 0;
  private readonly lines = new Map<string, Line>();
  private readonly dirs: string[] = [];
  private counter = 0;

  private async listen(): Promise<number> {
    if (this.server) return this.port;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const line = this.lines.get(url.pathname.slice(1));
      res.setHeader('content-type', 'application/json');
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('cache-control', 'no-store');
      if (!line) {
        res.statusCode = 404;
        res.end('null');
        return;
      }
      if (url.searchParams.has('absent')) line.absent(res);
      else line.request(url.searchParams.get('done') ?? '', res);
    });
    // Loopback only; a held request must not be cut by the server's idle timeouts.
    server.requestTimeout = 0;
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    server.unref();
    this.server = server;
    this.port = (server.address() as { port: number }).port;
    return this.port;
  }

  /**
   * Prepares the extension for one browser about to start: `install` (given the BiDi session once it exists) installs
   * it; `connected` then says within a few seconds whether its background page called in (the switch), or not (null).
   */
  async prepare(): Promise<{ install: (send: BidiSend) => Promise<void>; connected: () => Promise<PrefSwitch | null> }> {
    const port = await this.listen();
    const token = `b${++this.counter}-${process.pid}`;
    const line = new Line();
    this.lines.set(token, line);
    const dir = mkdtempSync(join(tmpdir(), 'gum-firefox-extension-'));
    this.dirs.push(dir);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(MANIFEST));
    writeFileSync(join(dir, 'schema.json'), JSON.stringify(SCHEMA));
    writeFileSync(join(dir, 'api.js'), API);
    writeFileSync(join(dir, 'background.js'), background(`http://127.0.0.1:${port}/${token}`));
    let installed = false;
    const drop = () => {
      this.lines.delete(token);
      line.close();
    };
    return {
      install: async (send) => {
        try {
          await send('webExtension.install', { extensionData: { type: 'path', path: dir } });
          installed = true;
        } catch {
          // A build without webExtension.install or experiment APIs: one browser per profile and device set.
        }
      },
      connected: async () => {
        if (!installed || !(await line.waitCallIn(CALL_IN_MS))) {
          drop();
          return null;
        }
        return {
          set: async (want) => {
            const got = await line.set(want);
            for (const [name, value] of Object.entries(want)) {
              if (got[name] !== value) throw new Error(`firefox: ${name} reads ${String(got[name])} after setting ${String(value)}`);
            }
          },
          close: drop,
        };
      },
    };
  }

  close(): void {
    for (const line of this.lines.values()) line.close();
    this.lines.clear();
    this.server?.close();
    this.server = undefined;
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}
