// A failing cell's reproduction: what the check did (the pages it opened, with which permissions and devices, and every
// probe operation, in which document), recorded as it ran, and turned into what a bug report needs: the page URLs and a
// snippet to paste into that page's console. Pure but for the recording, which check.ts and probe-page.ts do.
import type { PermissionProfile, SessionEnvironment } from './types';

export type ReproStep =
  | { open: string; session: number; permissions: PermissionProfile; env?: SessionEnvironment }
  | { session: number; path: string[]; op: string; args: unknown };

/** A journal of one attempt; sessions are numbered in the order the check opened them. */
export class ReproJournal {
  readonly steps: ReproStep[] = [];
  private sessions = 0;

  /** A page opened (or, given its number, one already open navigated to a new document). */
  opened(url: string, permissions: PermissionProfile, env: SessionEnvironment, existing?: number): number {
    const session = existing ?? ++this.sessions;
    this.steps.push({ open: url, session, permissions, ...(env.devices || env.fault ? { env } : {}) });
    return session;
  }

  called(session: number, path: string[], op: string, args: unknown): void {
    this.steps.push({ session, path, op, args });
  }
}

const js = (v: unknown): string => JSON.stringify(v ?? {});

/** One probe operation as the console statements a person would type for it. */
export function statementsFor(op: string, args: unknown): string[] {
  const a = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  const show = 's.getTracks().map((t) => [t.kind, t.label, t.readyState, t.getSettings()])';
  switch (op) {
    case 'gum':
    case 'literalGum':
    case 'gumThenPermissions': {
      const via = a['via'] as string | undefined;
      const lines =
        via && via !== 'mediaDevices'
          ? [
              `navigator.${via}(${js(a['constraints'])}, (s) => console.log('success', ${show}), (e) => console.log('error', e.name, e.message, e.constraint));`,
            ]
          : [
              `try { const s = await navigator.mediaDevices.getUserMedia(${js(a['constraints'])}); console.log(${show}); ` +
                `s.getTracks().forEach((t) => t.stop()); } catch (e) { console.log(e.name, e.message, e.constraint, e instanceof DOMException); }`,
            ];
      if (op === 'gumThenPermissions')
        lines.push(`for (const name of ['camera', 'microphone']) console.log(name, (await navigator.permissions.query({ name })).state);`);
      return lines;
    }
    case 'detachedGum':
      return [
        `const f = document.body.appendChild(document.createElement('iframe')); const md = f.contentWindow.navigator.mediaDevices; f.remove();`,
        `md.getUserMedia(${js(a['constraints'])}).then((s) => console.log('resolved', s), (e) => console.log(e.name, e.message)); // still pending after a few seconds?`,
      ];
    case 'applyConstraints':
      return [
        `const s = await navigator.mediaDevices.getUserMedia(${js(a['constraints'])}); const t = s.get${a['kind'] === 'audio' ? 'Audio' : 'Video'}Tracks()[0];`,
        `console.log('before', t.getSettings()); try { await t.applyConstraints(${js(a['apply'])}); } catch (e) { console.log(e.name, e.constraint); }`,
        `console.log('after', t.getSettings(), t.getConstraints()); t.stop();`,
      ];
    case 'enumerate':
      return [
        `console.log((await navigator.mediaDevices.enumerateDevices()).map((d) => [d.kind, d.label, d.deviceId, d.groupId, d.constructor.name]));`,
      ];
    case 'supportedConstraints':
      return [`console.log(navigator.mediaDevices.getSupportedConstraints());`];
    case 'permissions':
      return [`for (const name of ['camera', 'microphone']) console.log(name, (await navigator.permissions.query({ name })).state);`];
    case 'env':
      return [`console.log(isSecureContext, location.origin, typeof navigator.mediaDevices, typeof navigator.mediaDevices?.getUserMedia);`];
    case 'stopKept':
      return [`// stop the tracks kept above: s.getTracks().forEach((t) => t.stop());`];
    case 'frame': {
      const attrs = [
        a['src'] ? `src = ${js(a['src'])}` : a['srcdoc'] ? 'srcdoc = (a document running these statements)' : '',
        a['data'] ? 'src = a data: URL of such a document' : '',
        a['blob'] ? 'src = a blob: URL of such a document' : '',
        a['allow'] !== undefined ? `allow = ${js(a['allow'])}` : '',
        a['sandbox'] !== undefined ? `sandbox = ${js(a['sandbox'])}` : '',
      ].filter(Boolean);
      return [
        `// add an <iframe> (${attrs.join(', ') || 'no src: about:blank'}) as frame "${String(a['id'])}"; the statements marked with it run in its console context`,
      ];
    }
    case 'popup':
      return [
        `// window.open(${a['blank'] ? "'about:blank'" : js(a['url'])}) as popup "${String(a['id'])}"; the statements marked with it run in that window`,
      ];
    case 'navigateToBlob':
      return [
        `location.href = URL.createObjectURL(new Blob([document.documentElement.outerHTML], { type: 'text/html' })); // then continue in the blob: document`,
      ];
    case 'removeFrame':
      return [`// remove ${String(a['id'])}`];
    default:
      return [`// probe operation ${op}(${js(args)})`];
  }
}

/** A permission profile in words, as a repro and a timeout name it. */
export const profileText = (p: PermissionProfile): string =>
  `camera ${p.camera === 'prompt' ? 'prompt left unanswered' : p.camera}, microphone ${p.microphone === 'prompt' ? 'prompt left unanswered' : p.microphone}`;

/** The console snippet: each page to open, then the statements for it, frames and popups named where they run. */
export function reproSnippet(steps: ReproStep[], devices: string): string {
  const out: string[] = [];
  for (const s of steps) {
    if ('open' in s) {
      const env = s.env?.devices && s.env.devices !== 'default' ? `, device set "${s.env.devices}"` : '';
      out.push(`// page ${s.session}: open ${s.open} with ${profileText(s.permissions)} (${devices} devices${env}), then in its console:`);
      continue;
    }
    const where = s.path.length ? `  // in ${s.path.join(' > ')} of page ${s.session}` : '';
    for (const line of statementsFor(s.op, s.args)) out.push(`${line}${where}`);
  }
  return out.join('\n');
}

/** The text of a bug report for one failing cell. */
export function bugReport(r: {
  check: string;
  title: string;
  browser: string;
  version: string;
  expected: unknown;
  observed: string;
  reason?: string;
  spec?: string;
  seed?: string;
  snippet: string;
}): string {
  return [
    `${r.browser} ${r.version}: ${r.title}`,
    '',
    `What happens: ${r.observed}${r.reason ? ` (${r.reason})` : ''}`,
    `What is expected: ${typeof r.expected === 'string' ? r.expected : JSON.stringify(r.expected)}`,
    ...(r.spec ? [`Spec: ${r.spec}`] : []),
    ...(r.seed ? [`MDN: "${r.seed}"`] : []),
    '',
    'Steps to reproduce (test hosts on loopback, served by `npm run serve` in gum-conformance: use the port it prints):',
    r.snippet,
    '',
    `Found by gum-conformance check ${r.check}.`,
  ].join('\n');
}
