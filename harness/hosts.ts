// The host names the fixture server answers to. All resolve to 127.0.0.1 inside the test browsers only, except the
// IPv6 literal [::1], which every engine connects to itself (the fixture server listens on ::1 with the same ports).

/** Two HTTPS sites for cross-origin cases, one HTTP site whose name is not loopback (an insecure context). */
export const HOSTS = {
  a: 'a.test',
  b: 'b.test',
  c: 'c.test',
  insecure: 'insecure.test',
  localhost: 'localhost',
  loopback4: '127.0.0.1',
  loopback6: '[::1]',
  sublocalhost: 'app.localhost',
} as const;
export type HostKey = keyof typeof HOSTS;

/** Names that must be mapped to loopback by the browser (the rest resolve to loopback by themselves). */
export const MAPPED_HOSTS = [HOSTS.a, HOSTS.b, HOSTS.c, HOSTS.insecure];

/** Names the leaf certificate covers. */
export const CERT_NAMES = [HOSTS.a, HOSTS.b, HOSTS.c, HOSTS.localhost, HOSTS.sublocalhost, '127.0.0.1', '::1'];
