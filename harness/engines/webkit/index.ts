// WebKit engine: WebKitGTK (WebKit2 4.1 API) driven in-process by a small GJS program (driver.js).
//
// Why not Playwright or WebKitWebDriver: Playwright cannot drive stock WebKitGTK, and WebDriver automation grants
// every getUserMedia prompt. The GJS driver answers `permission-request` itself, so 'granted', 'denied' and an
// unanswered prompt are all real, and every prompt is observed (see driver.js).
//
// Launch: one gjs process per engine, one WebView (own ephemeral data + WebContext) per session, in a shared
// Xvfb (harness/display.ts). Host names: WebKitGTK has no host-resolver option, so every view uses a loopback
// HTTP proxy started here that maps the test host names to 127.0.0.1 and nothing else; http stays http and
// https is an end-to-end CONNECT tunnel, so secure-context decisions remain the browser's own.
// TLS trust: WebKitGTK cannot be told to trust a CA per profile, only to accept a given certificate for a host
// (allow_tls_certificate_for_host). So: LaunchOptions.leafCertPem, if it is issued by the test CA, is accepted for
// each name in its subjectAltName. Any other certificate (another fixture server, a leaf not passed in) is handled
// on the first CONNECT to its host:port: the proxy fetches the server's certificate itself, verifies it against the
// test CA and the host name with Node's TLS stack, and only then has the driver accept exactly that leaf for that
// host. A certificate not issued by the test CA is never accepted: WebKit fails the load, the driver records the
// TLS error, and goto() rejects saying so.
//
// Custom builds: LaunchOptions.executablePath (from GUM_WEBKIT) is not a browser binary here but a WebKitGTK build:
// a directory (or a file inside one) containing libwebkit2gtk-4.1.so* and WebKit2-4.1.typelib, searched a few
// levels deep (e.g. WebKitBuild/GTK/Release with lib/ and lib/girepository-1.0/ inside). LD_LIBRARY_PATH and
// GI_TYPELIB_PATH are pointed at what is found, and WEBKIT_EXEC_PATH at the directory holding WebKitWebProcess
// if present, so the build's own auxiliary processes are used. The system gjs loads it; info.executable reports
//
// Files: engine.ts (the Engine), driver-connection.ts (the gjs child's protocol), driver.js (the gjs program),
// certificates.ts (TLS trust), build.ts (custom builds); the proxy is ../loopback-proxy.ts.
export { launchWebKit } from './engine';
