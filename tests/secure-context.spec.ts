import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PAGES_DIR } from '../harness/run-config';
import { contextChecks, SEED_SECURE, type ContextRow, type Fixtures } from './context-support';

// Which origins are secure contexts, and what getUserMedia looks like in each (seed: "Privacy and security").
type Host = Parameters<Fixtures['url']>[0];
const origin = (
  key: string,
  host: Host,
  scheme: 'http' | 'https',
  secure: boolean,
  label: string,
  extra: Partial<ContextRow> = {},
): ContextRow => ({
  key,
  label,
  secure,
  ...extra,
  enter: async ({ open, url }) => {
    const page = await open(url(host, '/index.html', scheme));
    return { page, top: page };
  },
});

const SPEC_LOOPBACK =
  'Secure Contexts, Is origin potentially trustworthy?: a host in 127.0.0.0/8 or ::1/128 is potentially trustworthy, whatever the scheme.';
const SPEC_FILE =
  'Secure Contexts, Is origin potentially trustworthy?: step 6, a file: origin is potentially trustworthy (its origin is opaque in HTML, yet engines treat file: as secure).';

const FILE_URL = pathToFileURL(join(PAGES_DIR, 'index.html')).href;

const ORIGINS: ContextRow[] = [
  // The https row's legacy entry points are compared with another secure origin than itself.
  origin('https', 'a', 'https', true, 'https://a.test', { reference: ({ url }) => url('localhost', '/index.html', 'http') }),
  origin('http-localhost', 'localhost', 'http', true, 'http://localhost'),
  origin('http-127.0.0.1', 'loopback4', 'http', true, 'http://127.0.0.1'),
  origin('http-sub-localhost', 'sublocalhost', 'http', true, 'http://app.localhost'),
  origin('http-non-loopback', 'insecure', 'http', false, 'http://insecure.test (not loopback)', { seedNotAllowed: true }),
  // IPv6 loopback: an IP literal, which every engine must recognise itself (no name mapping involved).
  origin('http-ipv6-loopback', 'loopback6', 'http', true, 'http://[::1]', { spec: SPEC_LOOPBACK }),
  origin('https-ipv6-loopback', 'loopback6', 'https', true, 'https://[::1]', { spec: SPEC_LOOPBACK }),
  {
    key: 'file',
    label: 'a file:/// page (pages/index.html)',
    secure: true,
    seed: SEED_SECURE,
    spec: SPEC_FILE,
    enter: async ({ open }) => {
      const page = await open(FILE_URL);
      return { page, top: page };
    },
  },
];

for (const o of ORIGINS) contextChecks('secure-context', o);
