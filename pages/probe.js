// The in-page probe. Loaded by every fixture page (and re-injected by the harness into pages that could not load it,
// such as a top-level data: URL). It only observes: each operation returns a plain JSON description of what the
// browser did, and the harness (in Node) decides the verdict. Frames are reached by postMessage, so the same
// operations work in cross-origin, sandboxed, srcdoc, data: and blob: frames on every engine and driver.
// Plain ES2019, no modules: it must run unchanged in every document the browsers load. Type-checked by tsc
// (tsconfig.pages.json) against the result shapes harness/probe-page.ts declares, through JSDoc only.
// @ts-check
// An outcome while it is being built: the members GumOutcome names, with `outcome` still a plain string.
/** @typedef {Omit<Partial<import('../harness/probe-page').GumOutcome>, 'outcome'> & { outcome: string }} GumOutcome */
(function installProbe() {
  'use strict';
  if (window.__probe) return;
  var SOURCE = '(' + installProbe.toString() + ')();';
  var frames = {};
  var pendingReplies = {};
  var nextId = 1;
  var keptStreams = [];

  function now() { return (typeof performance !== 'undefined' ? performance.now() : Date.now()); }
  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

  // realm: another realm's constructors ({DOMException, OverconstrainedError, TypeError}) that also count: an error made
  // in a removed iframe's realm is an instance of that realm's DOMException, not this one's. domExceptionRealm says which.
  function describeError(e, realm) {
    if (e === null || e === undefined) return { name: String(e), message: '' };
    var own = typeof DOMException !== 'undefined' && e instanceof DOMException;
    var other;
    try { other = !own && !!realm && typeof realm.DOMException === 'function' && e instanceof realm.DOMException; } catch (x) { other = false; }
    var ownOc = typeof OverconstrainedError !== 'undefined' && e instanceof OverconstrainedError;
    var otherOc;
    try { otherOc = !ownOc && !!realm && typeof realm.OverconstrainedError === 'function' && e instanceof realm.OverconstrainedError; } catch (x) { otherOc = false; }
    var d = {
      name: e && e.name !== undefined ? String(e.name) : typeof e,
      message: e && e.message !== undefined ? String(e.message) : String(e),
      messageType: typeof e.message,
      className: e && e.constructor ? String(e.constructor.name) : typeof e,
      isDOMException: own || other,
      isOverconstrainedError: ownOc || otherOc,
      isTypeError: e instanceof TypeError || (!!realm && typeof realm.TypeError === 'function' && e instanceof realm.TypeError),
      isError: e instanceof Error,
    };
    if (realm && (own || other)) d.domExceptionRealm = own ? 'this document' : 'the other realm';
    if (e && 'constraint' in e) d.constraint = e.constraint === undefined ? null : String(e.constraint);
    return d;
  }

  function describeTrack(t) {
    var d = { kind: t.kind, label: t.label, id: t.id, readyState: t.readyState, enabled: t.enabled, muted: t.muted };
    try { d.settings = t.getSettings(); } catch (e) { d.settings = { error: describeError(e) }; }
    try { d.capabilities = t.getCapabilities ? t.getCapabilities() : null; } catch (e) { d.capabilities = { error: describeError(e) }; }
    return d;
  }

  function summarize(r) {
    if (r.outcome === 'resolved') {
      var kinds = r.tracks.map(function (t) { return t.kind; }).sort(); // track order is not specified
      return 'resolved: ' + (kinds.length ? kinds.join('+') : 'no tracks');
    }
    if (r.outcome === 'rejected' || r.outcome === 'threw') {
      var c = r.error.constraint !== undefined ? '(' + JSON.stringify(r.error.constraint) + ')' : '';
      return (r.outcome === 'threw' ? 'threw ' : '') + r.error.name + c;
    }
    if (r.outcome === 'pending') return 'pending after ' + r.waitedMs + ' ms';
    return r.outcome;
  }

  // Picks the getUserMedia entry point a check asks for; the legacy callback forms are wrapped so that every
  // call is observed the same way (sync throw vs. promise vs. callbacks).
  // nav: the Navigator whose legacy method is called (a removed iframe's, for detachedGum).
  function entryPoint(via, mediaDevices, nav) {
    var md = mediaDevices || navigator.mediaDevices;
    if (!via || via === 'mediaDevices') {
      if (!md) return { missing: 'navigator.mediaDevices is ' + (md === null ? 'null' : 'undefined') };
      if (typeof md.getUserMedia !== 'function') return { missing: 'navigator.mediaDevices.getUserMedia is ' + typeof md.getUserMedia };
      return { call: function (c) { return md.getUserMedia(c); } };
    }
    var n = nav || navigator;
    var legacy = n[via];
    if (typeof legacy !== 'function') return { missing: 'navigator.' + via + ' is ' + typeof legacy };
    return {
      // Called outside the promise executor, so a synchronous throw is seen as one ('threw'), not as a callback.
      call: function (c) {
        /** @type {{ resolve: (v: unknown) => void, reject: (e: unknown) => void }} */
        var settle = { resolve: function () {}, reject: function () {} };
        var p = new Promise(function (resolve, reject) { settle = { resolve: resolve, reject: reject }; });
        legacy.call(n, c, settle.resolve, settle.reject);
        return p;
      },
    };
  }

  async function gum(args) {
    args = args || {};
    var waitMs = args.waitMs === undefined ? 8000 : args.waitMs;
    var ep = entryPoint(args.via, args.mediaDevices, args.navigator);
    if (ep.missing) return { outcome: 'no-api', detail: ep.missing, summary: 'no API: ' + ep.missing };
    var t0 = now();
    var promise;
    try {
      promise = ep.call(args.constraints);
    } catch (e) {
      var thrown = { outcome: 'threw', error: describeError(e, args.realm), ms: Math.round(now() - t0) };
      thrown.summary = summarize(thrown);
      return thrown;
    }
    var r = { returnedPromise: promise instanceof Promise || (!!promise && typeof promise.then === 'function') };
    // The promise's own then() is called with this document's callbacks: their reaction jobs run in this realm. Adopting
    // it (Promise.resolve) would run its then() in a job of the promise's realm, which never runs when that realm is a
    // removed iframe's (HTML: no script in a document that is not fully active), hiding how it settled.
    var outcome = new Promise(function (resolve) {
      if (!promise || typeof promise.then !== 'function') { resolve({ outcome: 'resolved', stream: promise }); return; }
      promise.then(
        function (stream) { resolve({ outcome: 'resolved', stream: stream }); },
        function (e) { resolve({ outcome: 'rejected', error: describeError(e, args.realm) }); });
    });
    var settled = await Promise.race([outcome, sleep(waitMs).then(function () { return { outcome: 'pending' }; })]);
    r.outcome = settled.outcome;
    r.ms = Math.round(now() - t0);
    if (settled.outcome === 'pending') r.waitedMs = waitMs;
    if (settled.outcome === 'rejected') r.error = settled.error;
    if (settled.outcome === 'resolved') {
      var stream = settled.stream;
      r.isMediaStream = typeof MediaStream !== 'undefined' && stream instanceof MediaStream;
      r.streamActive = stream && stream.active;
      r.tracks = stream && stream.getTracks ? stream.getTracks().map(describeTrack) : [];
      if (args.video && stream) r.video = await videoSize(stream, args.videoWaitMs);
      if (args.keep) keptStreams.push(stream);
      else if (stream && stream.getTracks) {
        stream.getTracks().forEach(function (t) { t.stop(); });
        r.afterStop = stream.getTracks().map(function (t) { return t.readyState; });
        r.afterStopSettings = stream.getTracks().map(function (t) {
          var s = t.getSettings(), kept = {};
          ['deviceId', 'groupId', 'facingMode'].forEach(function (k) { if (k in s) kept[k] = s[k]; });
          return kept;
        });
      }
    }
    r.summary = summarize(r);
    return r;
  }

  // A muted <video> element playing the stream, and whether its metadata arrived within waitMs. With shown, it is in
  // the page (where frames are drawn from it). play() can stay pending (WebKit, after a frame-rate change): metadata
  // is enough, so play() is not waited on past a second.
  async function videoElementFor(stream, waitMs, shown) {
    var v = document.createElement('video');
    v.muted = true;
    v.playsInline = true;
    if (shown) {
      v.autoplay = true;
      v.style.cssText = 'position:fixed;left:0;top:0;width:320px;height:240px';
      document.body.appendChild(v);
    }
    v.srcObject = stream;
    var ok = await Promise.race([
      new Promise(function (r) { v.onloadedmetadata = function () { r(true); }; }),
      sleep(waitMs).then(function () { return false; }),
    ]);
    if (ok) try { await Promise.race([v.play(), sleep(1000)]); } catch (e) { /* autoplay policy: metadata is enough */ }
    return { v: v, ok: ok };
  }

  // The size a <video> element reports for the stream: what a page would actually see.
  async function videoSize(stream, waitMs) {
    if (!stream.getVideoTracks().length) return null;
    // A track whose settings give no size cannot pass a constraint check, and may never deliver a frame (WebKitGTK
    // given {width: {}} by a shim that strips exact/min/max): waiting up to 8 s for one would change nothing.
    var s = stream.getVideoTracks()[0].getSettings();
    if (typeof s.width !== 'number' || typeof s.height !== 'number') return { error: 'not read: getSettings() gives no width and height' };
    // 8 s, not 3: WebKitGTK's first frame reached a new <video> in 3-5 s on a loaded 2-core machine (2026-12-02, its
    // constraint checks 250 ms each alone), and a bound met by slowness reads as a wrong size. A stream that never
    // delivers a frame still ends here, as "no loadedmetadata".
    var wait = waitMs || 8000;
    var el = await videoElementFor(stream, wait, false);
    var v = el.v, ok = el.ok;
    var d = ok ? { videoWidth: v.videoWidth, videoHeight: v.videoHeight } : { error: 'no loadedmetadata within ' + wait / 1000 + ' s' };
    v.srcObject = null;
    return d;
  }

  function stopKept() {
    var n = 0;
    keptStreams.forEach(function (s) { s.getTracks().forEach(function (t) { if (t.readyState === 'live') n++; t.stop(); }); });
    keptStreams = [];
    return { stopped: n };
  }

  async function permissionState(name) {
    try {
      if (!navigator.permissions || !navigator.permissions.query) return 'no navigator.permissions';
      return (await navigator.permissions.query({ name: name })).state;
    } catch (e) {
      return 'query threw ' + describeError(e).name;
    }
  }

  async function permissions() {
    return { camera: await permissionState('camera'), microphone: await permissionState('microphone') };
  }

  function env() {
    var md;
    try { md = navigator.mediaDevices; } catch (e) { md = 'threw ' + e.name; }
    var origin;
    try { origin = self.origin; } catch (e) { origin = 'threw'; }
    return {
      href: String(location.href).slice(0, 200),
      origin: origin,
      isSecureContext: self.isSecureContext,
      mediaDevices: md === undefined ? 'undefined' : md === null ? 'null' : typeof md === 'string' ? md : typeof md,
      getUserMedia: md && typeof md === 'object' ? typeof md.getUserMedia : 'n/a',
      legacy: {
        getUserMedia: typeof navigator.getUserMedia,
        webkitGetUserMedia: typeof navigator.webkitGetUserMedia,
        mozGetUserMedia: typeof navigator.mozGetUserMedia,
      },
      topLevel: window.top === window,
      interfaces: {
        MediaDevices: typeof window.MediaDevices,
        MediaDeviceInfo: typeof window.MediaDeviceInfo,
        InputDeviceInfo: typeof /** @type {any} */ (window).InputDeviceInfo,
      },
      visibility: document.visibilityState,
      focus: document.hasFocus(),
    };
  }

  async function enumerate() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.enumerateDevices) return { outcome: 'no-api' };
    try {
      var list = await navigator.mediaDevices.enumerateDevices();
      var again = await navigator.mediaDevices.enumerateDevices();
      return {
        outcome: 'resolved',
        devices: list.map(function (d) {
          var caps = null;
          if (d.getCapabilities) { try { caps = d.getCapabilities(); } catch (e) { caps = null; } }
          var proto = Object.getPrototypeOf(d);
          var name = proto && proto.constructor ? proto.constructor.name : String(proto);
          return { kind: d.kind, deviceId: d.deviceId, groupId: d.groupId, label: d.label, capabilities: caps, interfaceName: name };
        }),
        newObjectsEachCall: list.every(function (d) { return again.indexOf(d) === -1; }),
      };
    } catch (e) {
      return { outcome: 'rejected', error: describeError(e) };
    }
  }

  // getUserMedia on the MediaDevices of an iframe that has been removed from the document (not fully active).
  // args.via: a legacy navigator.* form of the removed iframe's Navigator instead. The iframe's constructors are kept:
  // errors made in its realm are instances of those, not of this document's.
  async function detachedGum(args) {
    var f = document.createElement('iframe');
    f.src = 'about:blank';
    document.body.appendChild(f);
    var win = f.contentWindow;
    var nav = win.navigator;
    var md = nav.mediaDevices;
    // Taken before removal: a detached window may no longer expose its constructors.
    var realm = { DOMException: win.DOMException, OverconstrainedError: win.OverconstrainedError, TypeError: win.TypeError };
    f.remove();
    if (!md && (!args.via || args.via === 'mediaDevices')) {
      return { outcome: 'no-api', detail: 'iframe navigator.mediaDevices missing before detach', summary: 'no API' };
    }
    return gum({ constraints: args.constraints, waitMs: args.waitMs, mediaDevices: md, navigator: nav, via: args.via, realm: realm });
  }

  // ------------------------------------------------------------------ frames

  function frameHtml(title) {
    return '<!doctype html><meta charset="utf-8"><title>' + title + '</title><body><script>' +
      SOURCE.replace(/<\/script/gi, '<\\/script') + '</script></body>';
  }

  // An about:blank document runs no script of its own: its creator (same origin) puts the probe in it, as a page
  // writing into a blank frame or popup would.
  function injectProbe(doc) {
    var s = doc.createElement('script');
    s.textContent = SOURCE;
    (doc.body || doc.documentElement || doc).appendChild(s);
  }

  // Creates an iframe described by spec and waits until it loaded and its probe said hello (or did not).
  // spec: { id, src | srcdoc:true | data:true | blob:true | blank:true, allow?, sandbox?, waitMs? }
  // blank: no src at all, so the frame keeps its initial about:blank document (inheriting this document's origin).
  async function frame(spec) {
    var f = document.createElement('iframe');
    f.id = spec.id;
    if (spec.allow !== undefined) f.setAttribute('allow', spec.allow);
    if (spec.sandbox !== undefined) f.setAttribute('sandbox', spec.sandbox);
    var url;
    if (spec.src) url = spec.src;
    else if (spec.data) url = 'data:text/html;charset=utf-8,' + encodeURIComponent(frameHtml('data frame'));
    else if (spec.blob) url = URL.createObjectURL(new Blob([frameHtml('blob frame')], { type: 'text/html' }));
    var record = { element: f, ready: null };
    frames[spec.id] = record;
    var ready = new Promise(function (r) { record.ready = r; });
    var loaded = new Promise(function (r) { f.addEventListener('load', function () { r(true); }, { once: true }); });
    if (spec.srcdoc) f.srcdoc = frameHtml('srcdoc frame');
    else if (!spec.blank) f.src = url;
    document.body.appendChild(f);
    var t0 = now();
    if (spec.blank) {
      try { injectProbe(f.contentDocument); } catch (e) { /* no access: scriptRan stays false */ }
      var blankHello = await Promise.race([ready, sleep(spec.waitMs || 8000).then(function () { return null; })]);
      return { id: spec.id, loaded: !!f.contentDocument, scriptRan: !!blankHello, frameOrigin: blankHello ? blankHello.origin : null, ms: Math.round(now() - t0) };
    }
    var didLoad = await Promise.race([loaded, sleep(spec.waitMs || 8000).then(function () { return false; })]);
    var hello = await Promise.race([ready, sleep(didLoad ? 1500 : 0).then(function () { return null; })]);
    return { id: spec.id, loaded: didLoad, scriptRan: !!hello, frameOrigin: hello ? hello.origin : null, ms: Math.round(now() - t0) };
  }

  // Opens a popup with window.open and waits for its probe's hello. spec: { id, url | blank:true, waitMs? }.
  // blank: window.open('about:blank'); the probe is injected once its document is complete (a same-origin about:blank
  // that a later load would replace would lose it). The popup is then addressed by id, like a frame.
  async function popup(spec) {
    var t0 = now();
    var w = window.open(spec.blank ? 'about:blank' : spec.url, '_blank');
    if (!w) return { id: spec.id, opened: false, loaded: false, scriptRan: false, frameOrigin: null, ms: Math.round(now() - t0) };
    var record = { element: null, win: w, ready: null };
    frames[spec.id] = record;
    var ready = new Promise(function (r) { record.ready = r; });
    var waitMs = spec.waitMs || 8000;
    if (spec.blank) {
      var deadline = now() + waitMs;
      while (now() < deadline) {
        try { if (w.document && w.document.readyState === 'complete') break; } catch (e) { break; }
        await sleep(20);
      }
      await sleep(100);
      try { injectProbe(w.document); } catch (e) { /* no access: scriptRan stays false */ }
    }
    var hello = await Promise.race([ready, sleep(waitMs).then(function () { return null; })]);
    var href;
    try { href = String(w.location.href).slice(0, 200); } catch (e) { href = 'cross-origin'; }
    return { id: spec.id, opened: true, loaded: !!hello, scriptRan: !!hello, frameOrigin: hello ? hello.origin : null, href: href, ms: Math.round(now() - t0) };
  }

  // The page makes an HTML Blob, takes a blob: URL for it and navigates itself there (a document "loaded from
  // JavaScript code"). Navigation starts after this reply has been sent; the harness waits for the new document.
  function navigateToBlob() {
    var url = URL.createObjectURL(new Blob([frameHtml('blob document')], { type: 'text/html' }));
    setTimeout(function () { location.href = url; }, 50);
    return { url: url };
  }

  function callFrame(path, op, args, timeoutMs) {
    var id = spec0(path[0]);
    var rec = frames[id];
    if (!rec) return Promise.resolve({ outcome: 'harness-error', detail: 'no frame ' + id });
    var win = rec.win || rec.element.contentWindow;
    if (!win || win.closed) return Promise.resolve({ outcome: 'frame-gone', summary: 'frame has no window' });
    var msgId = 'm' + (nextId++);
    return new Promise(function (resolve) {
      var timer = setTimeout(function () {
        delete pendingReplies[msgId];
        resolve({ outcome: 'no-reply', summary: 'frame script did not answer (scripts blocked or frame not loaded)' });
      }, timeoutMs || 15000);
      pendingReplies[msgId] = function (result) { clearTimeout(timer); resolve(result); };
      win.postMessage({ __probe: 'call', id: msgId, path: path.slice(1), op: op, args: args, timeoutMs: timeoutMs }, '*');
    });
  }
  function spec0(x) { return String(x); }

  window.addEventListener('message', function (ev) {
    var m = ev.data;
    if (!m || typeof m !== 'object' || !m.__probe) return;
    if (m.__probe === 'hello') {
      Object.keys(frames).forEach(function (k) {
        var w = frames[k].win || frames[k].element.contentWindow;
        if (w === ev.source && frames[k].ready) frames[k].ready(m);
      });
    } else if (m.__probe === 'reply') {
      var cb = pendingReplies[m.id];
      if (cb) { delete pendingReplies[m.id]; cb(m.result); }
    } else if (m.__probe === 'call' && (ev.source === window.parent || (window.opener && ev.source === window.opener))) {
      dispatch(m.path, m.op, m.args, m.timeoutMs).then(function (result) {
        /** @type {Window} */ (ev.source).postMessage({ __probe: 'reply', id: m.id, result: result }, '*');
      });
    }
  });

  // Exactly what the seed's own code does: `navigator.mediaDevices.getUserMedia(c)`, with no existence test, so an
  // insecure context shows what a page really gets (a TypeError thrown from reading a property of undefined).
  async function literalGum(args) {
    var t0 = now();
    /** @type {GumOutcome} */
    var r;
    try {
      var p = navigator.mediaDevices.getUserMedia(args.constraints);
      r = await Promise.race([
        p.then(function (s) { s.getTracks().forEach(function (t) { t.stop(); }); return { outcome: 'resolved' }; },
          function (e) { return { outcome: 'rejected', error: describeError(e) }; }),
        sleep(args.waitMs || 8000).then(function () { return { outcome: 'pending', waitedMs: args.waitMs || 8000 }; }),
      ]);
    } catch (e) {
      r = { outcome: 'threw', error: describeError(e) };
    }
    r.ms = Math.round(now() - t0);
    r.summary = r.outcome === 'resolved' ? 'resolved' : summarize(r);
    return r;
  }

  // navigator.mediaDevices.getSupportedConstraints() as data, with each member's type and the result's class.
  function supportedConstraints() {
    var md = navigator.mediaDevices;
    if (!md || typeof md.getSupportedConstraints !== 'function') {
      return { outcome: 'no-api', summary: 'no API: getSupportedConstraints is ' + (md ? typeof md.getSupportedConstraints : 'n/a') };
    }
    try {
      var s = md.getSupportedConstraints();
      var value = {};
      var types = {};
      for (var k in s) { value[k] = s[k]; types[k] = typeof s[k]; }
      var proto = s === null || typeof s !== 'object' ? null : Object.getPrototypeOf(s);
      return {
        outcome: 'resolved', value: value, types: types, type: s === null ? 'null' : typeof s,
        plainObject: proto === Object.prototype, summary: Object.keys(value).length + ' names',
      };
    } catch (e) {
      return { outcome: 'threw', error: describeError(e), summary: 'threw ' + describeError(e).name };
    }
  }

  // getUserMedia(args.constraints), then track.applyConstraints(args.apply) on its first args.kind track: the
  // track before and after (settings, capabilities, getConstraints()), and how the call settled.
  async function applyConstraintsOp(args) {
    var waitMs = args.waitMs === undefined ? 8000 : args.waitMs;
    var g = await gum({ constraints: args.constraints, waitMs: waitMs, keep: true });
    if (g.outcome !== 'resolved') return { outcome: 'gum-' + g.outcome, gum: g, summary: 'getUserMedia ' + g.summary };
    var stream = keptStreams.pop();
    var track = stream.getTracks().filter(function (t) { return t.kind === args.kind; })[0];
    var r = { gum: g };
    if (!track) {
      stream.getTracks().forEach(function (t) { t.stop(); });
      return { outcome: 'no-track', gum: g, summary: 'no ' + args.kind + ' track' };
    }
    r.before = describeTrack(track);
    var t0 = now();
    try {
      var p = track.applyConstraints(args.apply);
      /** @type {GumOutcome} */
      var settled = await Promise.race([
        Promise.resolve(p).then(function () { return { outcome: 'resolved' }; },
          function (e) { return { outcome: 'rejected', error: describeError(e) }; }),
        sleep(waitMs).then(function () { return { outcome: 'pending', waitedMs: waitMs }; }),
      ]);
      r.outcome = settled.outcome;
      if (settled.error) r.error = settled.error;
      if (settled.waitedMs) r.waitedMs = settled.waitedMs;
    } catch (e) {
      r.outcome = 'threw';
      r.error = describeError(e);
    }
    r.ms = Math.round(now() - t0);
    r.after = describeTrack(track);
    try { r.constraintsAfter = track.getConstraints(); } catch (e) { r.constraintsAfter = { error: describeError(e) }; }
    if (args.video && track.kind === 'video') r.video = await videoSize(stream);
    stream.getTracks().forEach(function (t) { t.stop(); });
    r.summary = r.outcome === 'resolved' ? 'applyConstraints resolved' : 'applyConstraints ' + summarize(r);
    return r;
  }

  // ------------------------------------------------------------------ captured content
  // What a track carries, read the way a page would: audio through an AnalyserNode, video drawn from a <video> element
  // onto a small canvas. Only measurements come back; the harness judges them.

  /** @returns {Promise<import('../harness/probe-page').AudioContent>} */
  async function audioContent(track, a) {
    var AC = window.AudioContext || /** @type {any} */ (window).webkitAudioContext;
    if (!AC) return { via: 'AnalyserNode', contextState: 'none', sampleRate: 0, windows: 0, maxRms: 0, peak: 0, dominantHz: null, error: 'no AudioContext' };
    var ctx = new AC();
    try { if (ctx.state !== 'running') await Promise.race([ctx.resume(), sleep(1000)]); } catch (e) { /* reported as its state */ }
    if (ctx.state !== 'running' && typeof MediaRecorder !== 'undefined') {
      // An AudioContext that cannot run reads zeros whatever the track carries; a recording decoded offline does not.
      var suspended = ctx.state;
      try { await ctx.close(); } catch (e) { /* not observed */ }
      return recordedAudio(track, a, suspended);
    }
    var src = ctx.createMediaStreamSource(new MediaStream([track]));
    var an = ctx.createAnalyser();
    an.fftSize = 2048;
    // Connected to the destination through a silent gain so that every engine pulls the graph.
    var mute = ctx.createGain();
    mute.gain.value = 0;
    src.connect(an);
    an.connect(mute);
    mute.connect(ctx.destination);
    // Each reading is its own window: the default smoothing (0.8) would carry earlier windows' spectra, an onset's
    // included, into the one read.
    an.smoothingTimeConstant = 0;
    var buf = new Float32Array(an.fftSize);
    var freq = new Float32Array(an.frequencyBinCount);
    var power = new Float64Array(an.frequencyBinCount);
    /** @type {import('../harness/probe-page').AudioContent} */
    var d = { via: 'AnalyserNode', contextState: ctx.state, sampleRate: ctx.sampleRate, windows: 0, maxRms: 0, peak: 0, dominantHz: null };
    function read() {
      an.getFloatTimeDomainData(buf);
      return level(buf, 0, buf.length);
    }
    var t0 = now();
    while (now() - t0 < 1500) {
      await sleep(50);
      var w = read();
      d.windows++;
      d.peak = Math.max(d.peak, w.peak);
      d.maxRms = Math.max(d.maxRms, w.rms);
      an.getFloatFrequencyData(freq);
      for (var k = 1; k < freq.length; k++) power[k] += Math.pow(10, freq[k] / 10);
    }
    if (d.maxRms > 0) d.dominantHz = Math.round((strongestBin(power) * ctx.sampleRate) / an.fftSize);
    if (a.stop) {
      track.stop();
      await sleep(300);
      var after = 0;
      var t1 = now();
      while (now() - t1 < 700) { await sleep(50); after = Math.max(after, read().peak); }
      d.peakAfterStop = after;
    }
    d.contextState = ctx.state;
    try { await ctx.close(); } catch (e) { /* closing is not what is observed */ }
    return d;
  }

  /** RMS and largest magnitude of the n samples of d from start. */
  function level(d, start, n) {
    var ss = 0, pk = 0;
    for (var i = start; i < start + n; i++) { ss += d[i] * d[i]; pk = Math.max(pk, Math.abs(d[i])); }
    return { rms: Math.sqrt(ss / n), peak: pk };
  }

  /** The bin (from 1: bin 0 is the DC offset) with the most power. */
  function strongestBin(power) {
    var best = 1;
    for (var k = 2; k < power.length; k++) if (power[k] > power[best]) best = k;
    return best;
  }

  /**
   * Loudness of mono samples per 2048-sample window, and the dominant frequency: the strongest bin of the windows'
   * power spectra summed (a plain DFT of each window), so that one glitched window cannot move it.
   */
  function measureSamples(d, sampleRate) {
    var N = 2048, maxRms = 0, peak = 0, windows = 0;
    var cos = new Float64Array(N), sin = new Float64Array(N), power = new Float64Array(N / 2);
    for (var i = 0; i < N; i++) { cos[i] = Math.cos((2 * Math.PI * i) / N); sin[i] = Math.sin((2 * Math.PI * i) / N); }
    for (var start = 0; start + N <= d.length; start += N) {
      var win = level(d, start, N);
      peak = Math.max(peak, win.peak);
      maxRms = Math.max(maxRms, win.rms);
      windows++;
      if (win.rms === 0) continue;
      for (var k = 1; k < N / 2; k++) {
        var re = 0, im = 0, j = 0;
        // j = k * n mod N, the twiddle factor's index; N is a power of two.
        for (var n = 0; n < N; n++, j = (j + k) & (N - 1)) { re += d[start + n] * cos[j]; im -= d[start + n] * sin[j]; }
        power[k] += re * re + im * im;
      }
    }
    return { maxRms: maxRms, peak: peak, windows: windows, dominantHz: maxRms > 0 ? Math.round((strongestBin(power) * sampleRate) / N) : null };
  }

  // The track recorded for 1.5 s (MediaRecorder) and decoded offline. With stop, the recording ends with the track, so
  // what follows stop() is not read this way.
  /** @returns {Promise<import('../harness/probe-page').AudioContent>} */
  async function recordedAudio(track, a, contextState) {
    var rec = new MediaRecorder(new MediaStream([track]));
    var chunks = [];
    rec.ondataavailable = function (e) { chunks.push(e.data); };
    var stopped = new Promise(function (r) { rec.onstop = r; });
    rec.start();
    await sleep(1500);
    if (rec.state !== 'inactive') rec.stop();
    await Promise.race([stopped, sleep(3000)]);
    /** @type {import('../harness/probe-page').AudioContent} */
    var d = { via: 'MediaRecorder', contextState: contextState, sampleRate: 0, windows: 0, maxRms: 0, peak: 0, dominantHz: null };
    try {
      var decoded = await new OfflineAudioContext(1, 1, 48000).decodeAudioData(await new Blob(chunks).arrayBuffer());
      var m = measureSamples(decoded.getChannelData(0), decoded.sampleRate);
      d.sampleRate = decoded.sampleRate;
      d.windows = m.windows;
      d.maxRms = m.maxRms;
      d.peak = m.peak;
      d.dominantHz = m.dominantHz;
    } catch (e) {
      d.error = 'recording could not be decoded: ' + describeError(e).name;
    }
    if (a.stop) track.stop();
    return d;
  }

  /** @returns {Promise<import('../harness/probe-page').VideoContent>} */
  async function videoContent(track, a) {
    var el = await videoElementFor(new MediaStream([track]), 8000, true);
    var v = el.v;
    /** @type {import('../harness/probe-page').VideoContent} */
    var d = { videoWidth: 0, videoHeight: 0, samples: [], changes: [], fps: null, fpsFrom: null, callbacksPerSecond: null };
    if (!el.ok) { v.srcObject = null; v.remove(); d.error = 'no loadedmetadata within 8 s'; return d; }
    d.videoWidth = v.videoWidth;
    d.videoHeight = v.videoHeight;
    var canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    var g = canvas.getContext('2d', { willReadFrequently: true });
    var prev = null;
    function sample() {
      g.drawImage(v, 0, 0, 64, 48);
      var px = g.getImageData(0, 0, 64, 48).data;
      var luma = new Array(64 * 48);
      var sum = 0, max = 0;
      for (var i = 0; i < luma.length; i++) {
        var y = 0.2126 * px[4 * i] + 0.7152 * px[4 * i + 1] + 0.0722 * px[4 * i + 2];
        luma[i] = y;
        sum += y;
        if (y > max) max = y;
      }
      var change = null;
      if (prev) {
        var diff = 0;
        for (var j = 0; j < luma.length; j++) diff += Math.abs(luma[j] - prev[j]);
        change = Math.round((diff / luma.length) * 100) / 100;
      }
      prev = luma;
      return { meanLuma: Math.round(sum / luma.length), maxLuma: Math.round(max), change: change };
    }
    var frames = 0;
    var counting = true;
    // The first and last callback of the counting window, with the frames presented so far: a loaded machine runs
    // fewer rendering updates, so fewer callbacks, while presentedFrames still counts every frame the element showed.
    /** @type {{ open: boolean, first: { t: number, presented: number | null } | null, last: { t: number, presented: number | null } | null }} */
    var win = { open: false, first: null, last: null };
    var rvfc = typeof v.requestVideoFrameCallback === 'function';
    /**
     * The frames whose callbacks came after stop(): when each was captured (captureTime, where the engine gives it) and
     * presented (the callback's time where the engine gives no presentationTime).
     * @type {{ captured: number | null, presented: number }[]}
     */
    var afterStop = [];
    var stopAt = -1;
    function onFrame(t, meta) {
      frames++;
      if (stopAt >= 0)
        afterStop.push({
          captured: meta && typeof meta.captureTime === 'number' ? meta.captureTime : null,
          presented: meta && typeof meta.presentationTime === 'number' ? meta.presentationTime : t,
        });
      if (win.open) {
        win.last = { t: t, presented: meta && typeof meta.presentedFrames === 'number' ? meta.presentedFrames : null };
        if (!win.first) win.first = win.last;
      }
      if (counting) v.requestVideoFrameCallback(onFrame);
    }
    if (rvfc) v.requestVideoFrameCallback(onFrame);
    // A disabled track's black frames, like the first frames of any track, take a moment to reach the element.
    await sleep(400);
    var f0 = frames;
    var t0 = now();
    win.open = true;
    for (var n = 0; n < 8; n++) {
      var s1 = sample();
      d.samples.push({ meanLuma: s1.meanLuma, maxLuma: s1.maxLuma });
      if (s1.change !== null) d.changes.push(s1.change);
      await sleep(125);
    }
    win.open = false;
    if (rvfc) {
      d.callbacksPerSecond = Math.round(((frames - f0) * 1000 * 10) / (now() - t0)) / 10;
      var w0 = win.first, w1 = win.last;
      var span = w0 && w1 ? w1.t - w0.t : 0;
      if (w0 && w1 && span >= 250 && w0.presented !== null && w1.presented !== null) {
        d.fps = Math.round(((w1.presented - w0.presented) * 1000 * 10) / span) / 10;
        d.fpsFrom = 'presentedFrames';
      } else {
        d.fps = d.callbacksPerSecond;
        d.fpsFrom = 'callbacks';
      }
    }
    if (a.stop) {
      stopAt = now();
      track.stop();
      await sleep(300);
      sample();
      await sleep(700);
      d.changeAfterStop = sample().change;
      // A callback, and even a frame's presentation, is late when rendering lags (a loaded machine: WebKitGTK presented
      // frames captured before stop() 300 ms and more after it): a frame counts as delivered after stop() when it was
      // captured after it, and where the engine gives no captureTime, when it was presented 300 ms or more after it.
      d.framesAfterStop = rvfc
        ? afterStop.filter(function (f) { return f.captured !== null ? f.captured >= stopAt : f.presented >= stopAt + 300; }).length
        : null;
      var withCaptureTime = afterStop.filter(function (f) { return f.captured !== null; }).length;
      d.afterStopBy = !afterStop.length ? null : withCaptureTime === afterStop.length ? 'captureTime' : withCaptureTime ? 'both' : 'presentationTime';
      d.callbacksAfterStop = rvfc ? afterStop.length : null;
    }
    counting = false;
    v.srcObject = null;
    v.remove();
    return d;
  }

  async function captureContent(a) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return { outcome: 'no-api', summary: 'no API' };
    var settled = await Promise.race([
      navigator.mediaDevices.getUserMedia(a.kind === 'audio' ? { audio: true } : { video: true }).then(
        function (stream) { return { stream: stream }; },
        function (e) { return { error: describeError(e) }; }),
      sleep(8000).then(function () { return null; }),
    ]);
    if (!settled) return { outcome: 'pending', summary: 'getUserMedia pending after 8000 ms' };
    if (settled.error) return { outcome: 'rejected', error: settled.error, summary: 'getUserMedia rejected: ' + settled.error.name };
    var stream = settled.stream;
    var track = stream.getTracks().filter(function (t) { return t.kind === a.kind; })[0];
    if (!track) {
      stream.getTracks().forEach(function (t) { t.stop(); });
      return { outcome: 'no-track', summary: 'no ' + a.kind + ' track' };
    }
    if (a.disable) track.enabled = false;
    var r = { outcome: 'resolved', track: describeTrack(track), summary: '' };
    try {
      if (a.kind === 'audio') r.audio = await audioContent(track, a);
      else r.video = await videoContent(track, a);
    } finally {
      stream.getTracks().forEach(function (t) { t.stop(); });
    }
    r.summary = 'resolved';
    return r;
  }

  // Two captures at once: the first kept live while the second is made, both described while both are live.
  async function gumTwice(a) {
    var before = keptStreams.length;
    var first = await gum({ constraints: a.first, keep: true, waitMs: 8000 });
    var firstStream = first.outcome === 'resolved' ? keptStreams[before] : null;
    var second = await gum({ constraints: a.second, keep: true, waitMs: 8000 });
    var r = {
      first: first,
      second: second,
      // The first capture's tracks as they are once the second one is live (or has failed).
      firstNow: firstStream ? firstStream.getTracks().map(describeTrack) : [],
    };
    stopKept();
    return r;
  }

  var ops = {
    env: env, literalGum: literalGum, gum: gum, permissions: permissions, enumerate: enumerate, detachedGum: detachedGum,
    frame: frame, stopKept: stopKept,
    popup: popup, navigateToBlob: navigateToBlob,
    supportedConstraints: supportedConstraints, applyConstraints: applyConstraintsOp, captureContent: captureContent, gumTwice: gumTwice,
    removeFrame: function (a) { var r = frames[a.id]; if (r) { if (r.win) r.win.close(); else r.element.remove(); } return { removed: !!r }; },
    // Runs gum, then reads permission states: used by the prompt checks.
    gumThenPermissions: async function (a) { var g = await gum(a); return { gum: g, permissions: await permissions() }; },
  };

  async function dispatch(path, op, args, timeoutMs) {
    try {
      if (path && path.length) return await callFrame(path, op, args, timeoutMs);
      if (!ops[op]) return { outcome: 'harness-error', detail: 'unknown probe op ' + op };
      return await ops[op](args || {});
    } catch (e) {
      return { outcome: 'harness-error', detail: 'probe op ' + op + ' threw', error: describeError(e) };
    }
  }

  window.__probe = { call: dispatch, source: SOURCE };
  // Frames say hello to their parent, popups to their opener.
  var creator = window.parent !== window ? window.parent : window.opener;
  if (creator) {
    var origin;
    try { origin = self.origin; } catch (e) { origin = 'unknown'; }
    creator.postMessage({ __probe: 'hello', origin: origin }, '*');
  }
})();
