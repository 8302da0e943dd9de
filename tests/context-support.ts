// Shared by secure-context.spec.ts and document-source.spec.ts: one table row per way of getting a document (an
// origin, a file, a data:/blob: URL, an inheriting frame or popup), and the same questions asked of each row's document:
// isSecureContext, navigator.mediaDevices, the legacy navigator.* entry points, the seed's literal call, and a real
// request. Each check opens the row's document itself, in a fresh session with camera and microphone granted.
import { check, expect, type OpenedPage } from '../harness/check';
import type { GumOutcome, LiteralGumOutcome, PageEnv, ProbePage } from '../harness/probe-page';
import { expectGum, gumSummary, originLabel } from './policy-support';

export const SEED_SECURE =
  'A secure context is, in short, a page loaded using HTTPS or the file:/// URL scheme, or a page loaded from localhost.';
export const SEED_UNDEFINED =
  "If the current document isn't loaded securely, navigator.mediaDevices will be undefined, and you cannot use getUserMedia().";
export const SEED_TYPEERROR = 'Attempting to access getUserMedia() in this situation will result in a TypeError.';
export const SEED_IMPOSSIBLE =
  "If a document isn't loaded in a secure context, the navigator.mediaDevices property is undefined, making access to getUserMedia() impossible.";
export const SEED_NOT_ALLOWED =
  'This will happen if the browsing context is insecure (that is, the page was loaded using HTTP rather than HTTPS).';

const SPEC_SECURE_CONTEXT_ATTR =
  '[SameObject, SecureContext] readonly attribute MediaDevices mediaDevices: exposed exactly in secure contexts.';
const SPEC_INTERFACES =
  'mediacapture-main declares MediaDevices, MediaDeviceInfo and InputDeviceInfo [Exposed=Window, SecureContext]; WebIDL: an interface with [SecureContext] is exposed only where the realm is a secure context, so its interface object is absent elsewhere (WPT: mediacapture-streams/idlharness.https.window.js and its insecure-context counterpart).';
const INTERFACES = ['MediaDevices', 'MediaDeviceInfo', 'InputDeviceInfo'] as const;
const SPEC_TYPE_ERROR =
  "Follows the spec: navigator.mediaDevices is [SecureContext], so in an insecure context it is undefined and reading getUserMedia from it throws a TypeError (the seed's TypeError entry agrees; its NotAllowedError entry does not, see seed-not-allowed-error).";
const SPEC_SEED_CLAIM =
  'Follows the seed, not the spec: the spec makes navigator.mediaDevices [SecureContext], so in an insecure context there is no getUserMedia to reject with anything and the literal call throws a TypeError (see get-user-media).';
const SPEC_LEGACY_INSECURE =
  'partial interface Navigator { [SecureContext] undefined getUserMedia(constraints, successCallback, errorCallback) }: the legacy form is secure-context only too; a prefixed form exposed here would reopen what [SecureContext] closes.';
const SPEC_LEGACY_SECURE =
  'The legacy Navigator.getUserMedia is optional ("Implementations do not need to implement this interface"), but it is [SecureContext] like mediaDevices: what an engine exposes in one secure context it exposes in every secure context.';

export const LEGACY_NAMES = ['getUserMedia', 'webkitGetUserMedia', 'mozGetUserMedia'] as const;
const ENTRY_POINTS = ['mediaDevices', ...LEGACY_NAMES] as const;

/** What entering a row's context gave: the page addressing its document, or what went wrong on the way. */
export interface Entered {
  page: ProbePage;
  /** The session's top-level page as opened (its prompts() say what the engine asked the user). */
  top?: OpenedPage;
  /** The document that made this one (parent, opener), when it is still there: the legacy check's reference. */
  creator?: ProbePage;
  /** How the document was reached (frame load, popup, navigation), recorded with every observation. */
  how?: Record<string, unknown>;
  /** The document could not be reached (frame script did not run, navigation did not happen): the check fails. */
  problem?: string;
  /** The engine or driver gives no way to reach this document (e.g. no popup window): the check is unsupported. */
  unobservable?: string;
}

export interface Fixtures {
  open: (url: string) => Promise<OpenedPage>;
  url: (
    host: 'a' | 'insecure' | 'localhost' | 'loopback4' | 'loopback6' | 'sublocalhost',
    path?: string,
    scheme?: 'http' | 'https',
  ) => string;
}

export interface ContextRow {
  /** Id segment: `<area>/<key>/<question>`. */
  key: string;
  /** How the document is named in titles: "http://127.0.0.1", "an about:blank iframe made by https://a.test". */
  label: string;
  secure: boolean;
  /** The seed sentence the row's secure-context verdict rests on. */
  seed?: string;
  /** What the spec says about this row, where it sharpens or contradicts the seed. */
  spec?: string;
  /** Also check the seed's NotAllowedError claim for this insecure row. */
  seedNotAllowed?: boolean;
  /** The legacy check compares a secure row with this top-level page (default https://a.test) when there is no creator. */
  reference?: (fx: Fixtures) => string;
  enter: (fx: Fixtures) => Promise<Entered>;
}

const legacySummary = (l: PageEnv['legacy']) => LEGACY_NAMES.map((n) => `${n}=${l[n]}`).join(', ');

async function enter(row: ContextRow, fx: Fixtures, unsupported: (r: string) => void): Promise<Entered> {
  const e = await row.enter(fx);
  if (e.unobservable) unsupported(e.unobservable);
  return e;
}

/** Fails the check with the reason when the row's document was not reached (the observation says so). */
function expectReached(e: Entered): void {
  expect(e.problem, e.problem).toBeUndefined();
}

/** isSecureContext, mediaDevices, legacy entry points, the literal call and a real request, for one row. */
export function contextChecks(area: string, row: ContextRow): void {
  const on = row.label;

  check(
    {
      id: `${area}/${row.key}/is-secure-context`,
      title: `${on} is ${row.secure ? '' : 'not '}a secure context`,
      seed: row.seed ?? SEED_SECURE,
      spec: row.spec,
      expected: `isSecureContext === ${row.secure}`,
    },
    async ({ open, url, observe, unsupported }) => {
      const e = await enter(row, { open, url }, unsupported);
      const env = e.problem ? null : await e.page.env();
      observe({ ...env, how: e.how, summary: env ? `isSecureContext=${env.isSecureContext}` : e.problem });
      expectReached(e);
      expect(env!.isSecureContext).toBe(row.secure);
    },
  );

  check(
    {
      id: `${area}/${row.key}/media-devices`,
      title: `navigator.mediaDevices is ${row.secure ? 'an object' : 'undefined'} on ${on}`,
      seed: SEED_UNDEFINED,
      spec: SPEC_SECURE_CONTEXT_ATTR,
      expected: row.secure ? 'mediaDevices: object, getUserMedia: function' : 'mediaDevices: undefined',
    },
    async ({ open, url, observe, unsupported }) => {
      const e = await enter(row, { open, url }, unsupported);
      const env = e.problem ? null : await e.page.env();
      observe({ ...env, how: e.how, summary: env ? `mediaDevices=${env.mediaDevices}, getUserMedia=${env.getUserMedia}` : e.problem });
      expectReached(e);
      if (row.secure) {
        expect(env!.mediaDevices).toBe('object');
        expect(env!.getUserMedia).toBe('function');
      } else {
        expect(env!.mediaDevices).toBe('undefined');
      }
    },
  );

  check(
    {
      id: `${area}/${row.key}/interface-objects`,
      title: `the MediaDevices, MediaDeviceInfo and InputDeviceInfo interface objects are ${row.secure ? 'exposed' : 'absent'} on ${on}`,
      seed: SEED_UNDEFINED,
      spec: SPEC_INTERFACES,
      expected: `typeof each === "${row.secure ? 'function' : 'undefined'}"`,
    },
    async ({ open, url, observe, unsupported }) => {
      const e = await enter(row, { open, url }, unsupported);
      const env = e.problem ? null : await e.page.env();
      const found = env?.interfaces;
      observe({ ...env, how: e.how, summary: found ? INTERFACES.map((n) => `${n}: ${found[n]}`).join(', ') : e.problem });
      expectReached(e);
      expect(found).toEqual(Object.fromEntries(INTERFACES.map((n) => [n, row.secure ? 'function' : 'undefined'])));
    },
  );

  check(
    {
      id: `${area}/${row.key}/legacy-entry-points`,
      title: row.secure
        ? `${on} exposes the same legacy navigator.getUserMedia / webkitGetUserMedia / mozGetUserMedia as another secure context`
        : `none of the legacy navigator.getUserMedia / webkitGetUserMedia / mozGetUserMedia exists on ${on}`,
      seed: row.secure ? SEED_SECURE : SEED_IMPOSSIBLE,
      spec: row.secure ? SPEC_LEGACY_SECURE : SPEC_LEGACY_INSECURE,
      expected: row.secure ? 'typeof each = as on the reference secure page' : 'typeof each === "undefined"',
    },
    async ({ open, url, observe, unsupported }) => {
      const e = await enter(row, { open, url }, unsupported);
      const env = e.problem ? null : await e.page.env();
      if (!env) {
        observe({ how: e.how, summary: e.problem });
        expectReached(e);
        return;
      }
      if (!row.secure) {
        observe({ legacy: env.legacy, how: e.how, summary: legacySummary(env.legacy) });
        for (const n of LEGACY_NAMES) expect(env.legacy[n], `typeof navigator.${n}`).toBe('undefined');
        return;
      }
      // The reference: the creator when it is still there, else the row's own page navigated to a top-level secure
      // document (the same session: a second one would cost a context, and closing the first).
      let refPage: ProbePage | undefined = e.creator;
      if (!refPage) {
        const refUrl = (row.reference ?? ((fx) => fx.url('a')))({ open, url });
        if (e.top) await e.top.goto(refUrl);
        refPage = e.top ?? (await open(refUrl));
      }
      const ref = await refPage.env();
      const same = LEGACY_NAMES.every((n) => env.legacy[n] === ref.legacy[n]);
      observe({
        legacy: env.legacy,
        reference: { href: ref.href, isSecureContext: ref.isSecureContext, legacy: ref.legacy },
        how: e.how,
        summary: `${legacySummary(env.legacy)}; ${same ? 'same as' : `differs from ${legacySummary(ref.legacy)} on`} ${originLabel(ref.origin)}`,
      });
      expect(ref.isSecureContext, 'the reference page is a secure context').toBe(true);
      expect(env.legacy).toEqual(ref.legacy);
    },
  );

  check(
    {
      id: `${area}/${row.key}/get-user-media`,
      title: row.secure ? `getUserMedia resolves on ${on} with permission granted` : `calling getUserMedia on ${on} throws TypeError`,
      seed: row.secure ? (row.seed ?? SEED_SECURE) : SEED_TYPEERROR,
      spec: row.secure ? row.spec : SPEC_TYPE_ERROR,
      expected: row.secure ? 'resolved: video track' : 'threw TypeError',
    },
    async ({ open, url, observe, unsupported }) => {
      const e = await enter(row, { open, url }, unsupported);
      const r: LiteralGumOutcome | null = e.problem ? null : await e.page.literalGum({ video: true });
      observe(r ? { ...r, how: e.how, prompts: e.top?.prompts() } : { how: e.how, summary: e.problem });
      expectReached(e);
      if (row.secure) {
        expect(r!.outcome).toBe('resolved');
      } else {
        expect(r!.outcome).toBe('threw');
        expect(r!.error?.name).toBe('TypeError');
      }
    },
  );

  check(
    {
      id: `${area}/${row.key}/gum-audio-video`,
      title: row.secure
        ? `getUserMedia({audio:true, video:true}) on ${on} resolves with a camera and a microphone track`
        : `no getUserMedia entry point (navigator.mediaDevices or a legacy navigator.* form) can be called on ${on}`,
      seed: row.secure ? (row.seed ?? SEED_SECURE) : SEED_IMPOSSIBLE,
      spec: row.secure ? row.spec : SPEC_LEGACY_INSECURE,
      expected: row.secure ? 'resolved: audio+video (capture devices)' : 'no API for every entry point',
    },
    async ({ open, url, observe, unsupported }) => {
      const e = await enter(row, { open, url }, unsupported);
      if (e.problem) {
        observe({ how: e.how, summary: e.problem });
        expectReached(e);
        return;
      }
      if (row.secure) {
        const r = await e.page.gum({ audio: true, video: true });
        observe({ ...r, how: e.how, prompts: e.top?.prompts(), summary: gumSummary(r) });
        expectGum(r, true, ['audio', 'video']);
        return;
      }
      const tried: Record<string, GumOutcome> = {};
      for (const via of ENTRY_POINTS) tried[via] = await e.page.gum({ audio: true, video: true }, { via, waitMs: 3000 });
      observe({
        tried,
        how: e.how,
        summary: ENTRY_POINTS.map((v) => `${v}: ${tried[v].outcome === 'no-api' ? 'no API' : tried[v].summary}`).join(', '),
      });
      for (const via of ENTRY_POINTS) expect(tried[via].outcome, `via ${via}`).toBe('no-api');
    },
  );

  if (row.seedNotAllowed) {
    check(
      {
        id: `${area}/${row.key}/seed-not-allowed-error`,
        title: `getUserMedia on ${on} rejects with NotAllowedError, as the seed's NotAllowedError entry says of insecure contexts`,
        seed: SEED_NOT_ALLOWED,
        spec: SPEC_SEED_CLAIM,
        expected: "rejected NotAllowedError (the seed's claim)",
      },
      async ({ open, url, observe, unsupported }) => {
        const e = await enter(row, { open, url }, unsupported);
        const r = e.problem ? null : await e.page.literalGum({ video: true });
        observe(r ? { ...r, how: e.how } : { how: e.how, summary: e.problem });
        expectReached(e);
        expect(r!.outcome).toBe('rejected');
        expect(r!.error?.name).toBe('NotAllowedError');
      },
    );
  }
}
