// Documents that do not come straight from an http(s) URL (seed: "Document source security"): a data: URL opened at
// top level as if typed, a blob: document a page navigates itself to, about:blank and srcdoc iframes made by a secure
// and by an insecure page, and popups. Each is asked the secure-context questions of context-support.ts.
import { check, expect } from '../harness/check';
import { contextChecks, type ContextRow, type Entered, type Fixtures } from './context-support';
import { loadSummary, originLabel, originOf } from './policy-support';
import { SEED_SRCDOC, SEED_TOP_LEVEL_ONLY } from './seed-quotes';

const SEED_DATA_BLOB =
  'A document loaded using a data:// or blob:// URL which has no origin (such as when one of these URLs is typed by the user into the address bar) cannot call getUserMedia().';
const SEED_INHERIT = "These kinds of URLs loaded from JavaScript code inherit the script's permissions.";

const SPEC_DATA_SECURE =
  'HTML: an environment is a secure context if Is url potentially trustworthy? of its top-level creation URL is "Potentially Trustworthy"; Secure Contexts returns that for every data: URL (step 2). A data: document opened at top level is therefore a secure context by the letter of both specs.';

const DATA_URL = `data:text/html;charset=utf-8,${encodeURIComponent('<!doctype html><meta charset="utf-8"><title>typed data: URL</title><p>data: document</p>')}`;

type Creator = 'a' | 'insecure';
const CREATOR_LABEL: Record<Creator, string> = { a: 'https://a.test', insecure: 'http://insecure.test' };

// ------------------------------------------------------------------------------------------------ how each document is reached

async function typedDataUrl({ open }: Fixtures): Promise<Entered> {
  const page = await open(DATA_URL);
  return { page, top: page, how: { url: 'data:text/html,…' } };
}

function blobTopLevel(creator: Creator) {
  return async ({ open, url }: Fixtures): Promise<Entered> => {
    const page = await open(url(creator));
    const nav = await page.navigateToBlob();
    const how = { creator: originLabel(originOf(url(creator))), navigatedTo: nav.href?.startsWith('blob:') ? 'blob: URL' : nav.href };
    if (nav.href !== nav.url)
      return {
        page,
        top: page,
        how,
        problem: `the page's navigation to its blob: URL did not happen (top level is ${nav.href ?? 'unreadable'})`,
      };
    return { page, top: page, how };
  };
}

function frameOf(creator: Creator, kind: 'blank' | 'srcdoc') {
  return async ({ open, url }: Fixtures): Promise<Entered> => {
    const top = await open(url(creator));
    const f = await top.frame({ [kind]: true });
    const how = { creator: originLabel(originOf(url(creator))), load: f.load };
    if (!f.load.scriptRan) return { page: f.page, top, creator: top, how, problem: loadSummary(f.load) };
    return { page: f.page, top, creator: top, how };
  };
}

function popupOf(target: 'same-origin' | 'blank') {
  return async ({ open, url }: Fixtures): Promise<Entered> => {
    const top = await open(url('a'));
    const p = await top.popup(target === 'blank' ? { blank: true } : { url: url('a') });
    const how = { opener: 'https://a.test', load: p.load };
    // window.open() giving no window is not something a page's getUserMedia can be judged on.
    if (!p.load.opened)
      return {
        page: p.page,
        how,
        unobservable:
          'window.open() returned null: this browser or its driver opened no popup window, so no popup document exists to observe',
      };
    if (!p.load.scriptRan)
      return { page: p.page, top, creator: top, how, problem: `popup opened, its probe did not answer (href ${p.load.href})` };
    return { page: p.page, top, creator: top, how };
  };
}

// ------------------------------------------------------------------------------------------------ the rows

const ROWS: (ContextRow & { origin?: 'opaque' | Creator })[] = [
  {
    key: 'data-url-top-level',
    label: 'a data: URL opened at top level (as if typed)',
    secure: false,
    origin: 'opaque',
    seed: SEED_DATA_BLOB,
    spec: 'Follows the seed, which lists it among the insecure ways to load a document. The spec disagrees about the secure context (see spec-secure-context).',
    enter: typedDataUrl,
  },
  {
    key: 'blob-url-top-level',
    label: 'a blob: document an https://a.test page navigated itself to',
    secure: true,
    origin: 'a',
    seed: SEED_INHERIT,
    spec: "HTML: a document loaded from a blob: URL gets the origin of the URL's creator, so it is secure like its creator, and default allowlist self lets it use getUserMedia.",
    enter: blobTopLevel('a'),
  },
  {
    key: 'blob-url-top-level-insecure-creator',
    label: 'a blob: document an http://insecure.test page navigated itself to',
    secure: false,
    seed: SEED_INHERIT,
    seedNotAllowed: true,
    spec: "HTML: the blob: document gets the origin of the URL's creator, an insecure one: not a secure context.",
    enter: blobTopLevel('insecure'),
  },
  ...(['a', 'insecure'] as Creator[]).flatMap((c): (ContextRow & { origin?: Creator })[] => [
    {
      key: `about-blank-iframe-${c === 'a' ? 'secure' : 'insecure'}-creator`,
      label: `an about:blank iframe made by ${CREATOR_LABEL[c]}`,
      secure: c === 'a',
      seedNotAllowed: c !== 'a',
      origin: c === 'a' ? 'a' : undefined,
      spec: "HTML: an iframe's initial about:blank document inherits its creator's origin, and is a secure context exactly when its top-level document is (the top-level creation URL decides).",
      enter: frameOf(c, 'blank'),
    },
    {
      key: `srcdoc-iframe-${c === 'a' ? 'secure' : 'insecure'}-creator`,
      label: `a srcdoc iframe made by ${CREATOR_LABEL[c]}`,
      secure: c === 'a',
      seedNotAllowed: c !== 'a',
      seed: SEED_SRCDOC,
      spec:
        c === 'a'
          ? "Follows the spec, not the seed: an about:srcdoc document has its parent's origin (it is not origin-less), is a secure context under a secure top level, and default allowlist self lets it use getUserMedia."
          : "HTML: an about:srcdoc document has its parent's origin; under an insecure top level it is not a secure context.",
      enter: frameOf(c, 'srcdoc'),
    },
  ]),
  {
    key: 'popup-same-origin',
    label: 'a same-origin https popup (window.open from https://a.test)',
    secure: true,
    seed: SEED_TOP_LEVEL_ONLY,
    spec: 'A popup is a top-level browsing context: an https document in it is a secure context like any other.',
    enter: popupOf('same-origin'),
  },
  {
    key: 'popup-about-blank',
    label: "an about:blank popup (window.open('about:blank') from https://a.test)",
    secure: true,
    origin: 'a',
    seed: SEED_TOP_LEVEL_ONLY,
    spec: "HTML: window.open('about:blank') gives a top-level about:blank document with its opener's origin; about:blank is a potentially trustworthy URL.",
    enter: popupOf('blank'),
  },
];

for (const row of ROWS) {
  contextChecks('document-source', row);

  if (row.origin) {
    const want = row.origin;
    check(
      {
        id: `document-source/${row.key}/origin`,
        title:
          want === 'opaque'
            ? `${row.label} has an opaque origin ("null")`
            : `${row.label} has its creator's origin (${CREATOR_LABEL[want]})`,
        seed: want === 'opaque' ? SEED_DATA_BLOB : row.seed,
        spec: row.spec,
        expected: want === 'opaque' ? 'self.origin "null"' : `self.origin ${CREATOR_LABEL[want]}`,
      },
      async ({ open, url, observe, unsupported }) => {
        const e = await row.enter({ open, url });
        if (e.unobservable) unsupported(e.unobservable);
        const env = e.problem ? null : await e.page.env();
        observe({ ...env, how: e.how, summary: env ? `self.origin ${originLabel(env.origin)}` : e.problem });
        expect(e.problem, e.problem).toBeUndefined();
        expect(env!.origin).toBe(want === 'opaque' ? 'null' : originOf(url(want)));
      },
    );
  }
}

check(
  {
    id: 'document-source/data-url-top-level/spec-secure-context',
    title: 'a data: URL opened at top level is a secure context, as the HTML and Secure Contexts specs define it',
    seed: SEED_DATA_BLOB,
    spec: `Follows the spec, not the seed (see is-secure-context for the seed's reading). ${SPEC_DATA_SECURE}`,
    expected: "isSecureContext === true (the spec's rule)",
  },
  async ({ open, url, observe }) => {
    const e = await typedDataUrl({ open, url });
    const env = await e.page.env();
    observe({ ...env, how: e.how, summary: `isSecureContext=${env.isSecureContext}` });
    expect(env.isSecureContext).toBe(true);
  },
);
