import { check, expect } from '../harness/check';
import type { HostKey } from '../harness/hosts';

// Which origins are secure contexts, and what getUserMedia looks like in each (seed: "Privacy and security").
const ORIGINS: { key: string; host: HostKey; scheme: 'http' | 'https'; secure: boolean; label: string }[] = [
  { key: 'https', host: 'a', scheme: 'https', secure: true, label: 'https://a.test' },
  { key: 'http-localhost', host: 'localhost', scheme: 'http', secure: true, label: 'http://localhost' },
  { key: 'http-127.0.0.1', host: 'loopback4', scheme: 'http', secure: true, label: 'http://127.0.0.1' },
  { key: 'http-sub-localhost', host: 'sublocalhost', scheme: 'http', secure: true, label: 'http://app.localhost' },
  { key: 'http-non-loopback', host: 'insecure', scheme: 'http', secure: false, label: 'http://insecure.test (not loopback)' },
];

const SEED_SECURE = 'A secure context is, in short, a page loaded using HTTPS or the file:/// URL scheme, or a page loaded from localhost.';
const SEED_UNDEFINED = 'If the current document isn\'t loaded securely, navigator.mediaDevices will be undefined, and you cannot use getUserMedia().';
const SEED_TYPEERROR = 'Attempting to access getUserMedia() in this situation will result in a TypeError.';

for (const o of ORIGINS) {
  check({
    id: `secure-context/${o.key}/is-secure-context`,
    title: `${o.label} is ${o.secure ? '' : 'not '}a secure context`,
    area: 'secure-context', seed: SEED_SECURE, expected: `isSecureContext === ${o.secure}`,
  }, async ({ open, url, observe }) => {
    const page = await open(url(o.host, '/index.html', o.scheme));
    const env = await page.env();
    observe({ ...env, summary: `isSecureContext=${env.isSecureContext}` });
    expect(env.isSecureContext).toBe(o.secure);
  });

  check({
    id: `secure-context/${o.key}/media-devices`,
    title: `navigator.mediaDevices is ${o.secure ? 'an object' : 'undefined'} on ${o.label}`,
    area: 'secure-context', seed: SEED_UNDEFINED, expected: o.secure ? 'mediaDevices: object, getUserMedia: function' : 'mediaDevices: undefined',
  }, async ({ open, url, observe }) => {
    const page = await open(url(o.host, '/index.html', o.scheme));
    const env = await page.env();
    observe({ ...env, summary: `mediaDevices=${env.mediaDevices}, getUserMedia=${env.getUserMedia}` });
    if (o.secure) {
      expect(env.mediaDevices).toBe('object');
      expect(env.getUserMedia).toBe('function');
    } else {
      expect(env.mediaDevices).toBe('undefined');
    }
  });

  check({
    id: `secure-context/${o.key}/get-user-media`,
    title: o.secure ? `getUserMedia resolves on ${o.label} with permission granted` : `calling getUserMedia on ${o.label} throws TypeError`,
    area: 'secure-context', seed: o.secure ? SEED_SECURE : SEED_TYPEERROR,
    expected: o.secure ? 'resolved: video track' : 'threw TypeError',
  }, async ({ open, url, observe }) => {
    const page = await open(url(o.host, '/index.html', o.scheme));
    const r = await page.literalGum({ video: true });
    observe(r);
    if (o.secure) {
      expect(r.outcome).toBe('resolved');
    } else {
      expect(r.outcome).toBe('threw');
      expect(r.error?.name).toBe('TypeError');
    }
  });
}
