// The HTTP server under hostile and careless clients (issue 10): header
// injection, open redirects, bodies over the limits in every encoding, slow
// and idle connections, forwarded addresses, cross-site requests, and
// attune's own page for every refusal. Each test failed on the cpp-httplib
// server this replaced.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { startServer, Browser, DEMO_PASSWORD } = require('../support/server');

let server;
test.before(async () => {
  // Idle connections are held for a minute, so the test can hold 1,000 of
  // them while it measures everyone else.
  server = await startServer({ env: { ATTUNE_KEEP_ALIVE_TIMEOUT: '60' } });
});
test.after(async () => { await server.stop(); });

// Resident memory of the server, in MB.
function rssMb() {
  const status = fs.readFileSync(`/proc/${server.pid()}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

// Sends `bytes` on a new connection and resolves with all the server
// answered before it closed the connection (or `wait` ms passed).
function rawExchange(bytes, wait = 5000) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => { socket.destroy(); resolve(answer); }, wait);
    socket.on('data', (d) => { answer += d.toString('latin1'); });
    socket.on('close', () => { clearTimeout(timer); resolve(answer); });
    socket.on('error', (e) => { if (!answer) reject(e); });
    socket.write(bytes);
  });
}

// A connection that asked for /healthz once and is kept open, idle.
function idleConnection() {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let answer = '';
    socket.state = { closed: false };
    socket.on('close', () => { socket.state.closed = true; });
    socket.on('error', () => {});
    socket.on('data', (d) => {
      answer += d.toString('latin1');
      if (/\r\n\r\nok/.test(answer) || /\r\n\r\n\{/.test(answer)) resolve(socket);
    });
    socket.once('connect', () => socket.write('GET /healthz HTTP/1.1\r\nHost: attune\r\n\r\n'));
    setTimeout(() => reject(new Error('no answer on an idle connection')), 10000);
  });
}

// A connection that sends a request head one byte every `every` ms, never
// finishing. Resolves its close time, if the server closes it.
function slowSender(every = 500) {
  const socket = net.connect(server.port, '127.0.0.1');
  const started = Date.now();
  const head = 'GET /healthz HTTP/1.1\r\nHost: attune\r\nX-Slow: ' + 'a'.repeat(10000);
  let i = 0;
  const timer = setInterval(() => {
    if (!socket.destroyed) socket.write(head[i++ % head.length]);
  }, every);
  socket.on('error', () => {});
  const closed = new Promise((resolve) => socket.on('close', () => {
    clearInterval(timer);
    resolve(Date.now() - started);
  }));
  return { socket, closed, stop: () => { clearInterval(timer); socket.destroy(); } };
}

async function timedGet(url, init) {
  const started = performance.now();
  const res = await fetch(url, init);
  await res.text();
  return { status: res.status, ms: performance.now() - started };
}

test('a CR LF in sign-in\'s next cannot add a header to the redirect (item 1)', async () => {
  const b = new Browser(server.base);
  await b.get('/sign-in?next=' + encodeURIComponent('/\r\nSet-Cookie: fixed=attacker'));
  const res = await b.post('/sign-in', {
    form: { csrf_token: b.csrf, email: 'teacher@demo.attune.school', password: DEMO_PASSWORD,
      next: '/\r\nSet-Cookie: fixed=attacker' },
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/');
  assert.ok(!res.headers.getSetCookie().some((c) => c.startsWith('fixed=')));
  // An address that decodes to CR LF is refused before it reaches a page.
  const raw = await rawExchange('GET /%0D%0ASet-Cookie:%20fixed=attacker HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
  assert.match(raw, /^HTTP\/1\.1 400/);
  assert.doesNotMatch(raw, /\r\nSet-Cookie: fixed=/i);
  assert.match(raw, /cannot be part of a path/);
});

test('sign-in follows only pages attune serves (item 2)', async () => {
  const cases = [
    ['/\t/evil.example', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/no-such-page', '/'],
    ['/pupils', '/pupils'],
  ];
  for (const [next, expected] of cases) {
    const b = new Browser(server.base);
    await b.get('/sign-in');
    const res = await b.post('/sign-in', {
      form: { csrf_token: b.csrf, email: 'pastoral@demo.attune.school', password: DEMO_PASSWORD, next },
    });
    assert.equal(res.status, 303, JSON.stringify(next));
    // The pastoral lead sets two-step sign-in up first (decision 0030),
    // then goes on where the sign-in would have.
    assert.equal(res.headers.get('location'), `/account/two-step?next=${expected}`, JSON.stringify(next));
  }
  // The path that sent someone to sign in comes back %-encoded.
  const res = await fetch(server.base + '/pupils', { redirect: 'manual' });
  assert.equal(res.headers.get('location'), '/sign-in?next=/pupils');
});

// Sends a chunked POST of up to `total` bytes; resolves { status, body,
// sentBeforeAnswer } as soon as the server answers.
function chunkedPost(urlPath, total, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: server.port, method: 'POST', path: urlPath,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked', ...headers },
    });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body, sentBeforeAnswer }));
      res.on('error', () => resolve({ status: res.statusCode, body, sentBeforeAnswer }));
    });
    req.on('error', (e) => { if (!answered) reject(e); });
    (function pump() {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) { req.once('drain', pump); return; }
      }
      if (!answered) req.end();
    })();
  });
}

test('a 50 MB chunked body without credentials is refused early, and memory is unchanged (item 3)', async () => {
  const before = rssMb();
  const answers = await Promise.all([1, 2, 3, 4, 5].map(() => chunkedPost('/sign-in', 50 << 20)));
  for (const a of answers) {
    assert.equal(a.status, 413);
    assert.match(a.body, /more than attune accepts before you sign in/);
    assert.match(a.body, /<html/);
    assert.ok(a.sentBeforeAnswer < 16 << 20, `the server read ${a.sentBeforeAnswer} bytes before answering`);
  }
  const grew = rssMb() - before;
  assert.ok(grew < 10, `the server grew by ${grew.toFixed(1)} MB`);
  // A declared length over the limit is refused before any of it is read.
  const raw = await rawExchange('POST /api/v1/incidents HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n', 3000);
  assert.match(raw, /^HTTP\/1\.1 413/);
  assert.match(raw, /"code":"bad_request"/);
});

test('with credentials the body limit holds too, for chunked bodies and declared lengths', async () => {
  const b = new Browser(server.base);
  await b.signIn('senior@demo.attune.school');
  const before = rssMb();
  const chunked = await chunkedPost('/policies', 50 << 20, { cookie: b.cookieHeader() });
  assert.equal(chunked.status, 413);
  assert.match(chunked.body, /This is more than attune accepts in one request \(1 MB\)/);
  assert.match(chunked.body, /<html/);
  assert.ok(rssMb() - before < 20);
});

test('an urlencoded form over 8 KB is read: a pasted policy reaches the checker (item 13)', async () => {
  const b = new Browser(server.base);
  await b.signIn('senior@demo.attune.school');
  const text = fs.readFileSync(path.join(__dirname, '../../policies/003_learning_partnership_west.toml'), 'utf8');
  assert.ok(text.length > 30000);
  const res = await b.post('/policies', { form: { csrf_token: b.csrf, policy: text, note: 'Pasted' } });
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /^\/policies\/\d+$/);
});

test('every refusal is attune\'s own page or JSON: oversized heads, malformed requests (item 13)', async () => {
  const big = await rawExchange(`GET /pupils HTTP/1.1\r\nHost: a\r\nX-Big: ${'b'.repeat(20000)}\r\n\r\n`);
  assert.match(big, /^HTTP\/1\.1 431/);
  assert.match(big, /The address and headers of this request are longer than attune accepts \(16 KB\)/);
  assert.match(big, /<html/);
  const garbage = await rawExchange('NOT HTTP AT ALL\r\n\r\n');
  assert.match(garbage, /^HTTP\/1\.1 400/);
  assert.match(garbage, /could not be read/);
  const apiGarbage = await rawExchange('POST /api/v1/incidents HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n');
  assert.match(apiGarbage, /^HTTP\/1\.1 400/);
  assert.match(apiGarbage, /application\/json/);
  const head = await rawExchange('HEAD /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
  assert.match(head, /^HTTP\/1\.1 200/);
  assert.match(head, /Content-Length: [1-9]/i);
  assert.match(head, /\r\n\r\n$/);
});

test('1,000 idle keep-alive connections and 100 slow senders do not slow anyone else (item 4)', async () => {
  const baseline = [];
  for (let i = 0; i < 20; i++) baseline.push((await timedGet(server.base + '/healthz')).ms);

  const idle = [];
  for (let batch = 0; batch < 10; batch++) {
    idle.push(...await Promise.all(Array.from({ length: 100 }, idleConnection)));
  }
  const slow = Array.from({ length: 100 }, () => slowSender(500));
  await new Promise((r) => setTimeout(r, 1500));

  const b = new Browser(server.base);
  const signIn = await b.signIn('teacher@demo.attune.school');
  assert.equal(signIn.status, 303);
  const during = [];
  for (let i = 0; i < 20; i++) {
    const h = await timedGet(server.base + '/healthz');
    assert.equal(h.status, 200);
    during.push(h.ms);
    const page = await timedGet(server.base + '/', { headers: { cookie: b.cookieHeader() } });
    assert.equal(page.status, 200);
    during.push(page.ms);
  }
  const worst = Math.max(...during);
  // The old server answered nothing at all while the slow senders stayed.
  assert.ok(worst < 1000, `slowest ordinary request ${worst.toFixed(1)} ms (baseline worst ${Math.max(...baseline).toFixed(1)} ms)`);
  assert.equal(idle.filter((s) => s.state.closed).length, 0, 'idle keep-alive connections were held');

  // Each slow sender is cut at its head's deadline (10 s), however it trickles.
  const closedAfter = await Promise.all(slow.map((s) => Promise.race([
    s.closed, new Promise((r) => setTimeout(() => r(Infinity), 15000)),
  ])));
  for (const s of slow) s.stop();
  for (const socket of idle) socket.destroy();
  const latest = Math.max(...closedAfter);
  assert.ok(latest < 13000, `a slow sender was still connected after ${latest} ms`);
  assert.ok(Math.min(...closedAfter) >= 9000, 'slow senders were given their 10 s');
});

test('cross-site state changes are refused even with a valid CSRF token', async () => {
  const b = new Browser(server.base);
  await b.signIn('senco@demo.attune.school');
  const form = { csrf_token: b.csrf, current_password: 'wrong', new_password: 'a new password 9', confirm_password: 'a new password 9' };
  const cross = await b.post('/account/password', { form, headers: { 'sec-fetch-site': 'cross-site' } });
  assert.equal(cross.status, 403);
  assert.match(cross.text, /came from another website/);
  const sibling = await b.post('/account/password', { form, headers: { 'sec-fetch-site': 'same-site' } });
  assert.equal(sibling.status, 403);
  const origin = await b.post('/account/password', { form, headers: { origin: 'https://evil.example' } });
  assert.equal(origin.status, 403);
  const opaque = await b.post('/account/password', { form, headers: { origin: 'null' } });
  assert.equal(opaque.status, 403);
  // From attune's own pages the request reaches the form's checks.
  const same = await b.post('/account/password', {
    form, headers: { 'sec-fetch-site': 'same-origin', origin: server.base },
  });
  assert.equal(same.status, 422);
  assert.match(same.text, /current password is not right/);
});

test('behind a trusted proxy the client is the address the proxy recorded (item 6)', async (t) => {
  const proxied = await startServer({ env: { ATTUNE_TRUST_PROXY: 'true' } });
  t.after(() => proxied.stop());
  const statuses = [];
  for (let i = 0; i < 22; i++) {
    const b = new Browser(proxied.base);
    const forged = `10.9.${i}.1, 192.0.2.${i}`;
    await b.get('/sign-in', { headers: { 'x-forwarded-for': forged } });
    const res = await b.post('/sign-in', {
      form: { csrf_token: b.csrf, email: `nobody${i}@demo.attune.school`, password: 'wrong', next: '' },
      headers: { 'x-forwarded-for': `${forged}, 198.51.100.7` },
    });
    statuses.push(res.status);
  }
  // 20 failures from one address, then throttled, whatever the client wrote.
  assert.deepEqual(statuses.slice(0, 20), Array(20).fill(401));
  assert.deepEqual(statuses.slice(20), [429, 429]);
  const ips = proxied.sql("SELECT DISTINCT ip FROM audit_log WHERE action IN ('sign_in_failed', 'sign_in_throttled')");
  assert.equal(ips, '198.51.100.7');
});

test('a missing static file gets attune\'s page, not bare text', async () => {
  const res = await fetch(server.base + '/static/no-such-file.js');
  assert.equal(res.status, 404);
  const text = await res.text();
  assert.match(text, /<html/);
  assert.match(text, /There is no file at this address/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
});

test('stopping closes idle connections at once and lets the server exit cleanly', async (t) => {
  const own = await startServer({ env: { ATTUNE_KEEP_ALIVE_TIMEOUT: '60' } });
  t.after(() => own.stop());
  const sockets = await Promise.all(Array.from({ length: 20 }, () => new Promise((resolve, reject) => {
    const socket = net.connect(own.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.once('data', () => resolve(socket));
    socket.once('connect', () => socket.write('GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n'));
    setTimeout(() => reject(new Error('no answer')), 5000);
  })));
  const closed = sockets.map((s) => new Promise((r) => s.on('close', r)));
  const started = Date.now();
  process.kill(own.pid(), 'SIGTERM');
  await Promise.all(closed);
  assert.equal(await own.exitCode(), 0);
  assert.ok(Date.now() - started < 5000, `stopping took ${Date.now() - started} ms`);
});
