// Two-step sign-in for tests (decision 0030): an authenticator app in
// node, computing RFC 6238 codes with node's own HMAC-SHA-1 (an
// implementation apart from the server's liboath), on the server's clock
// (its Date header, so a server on a faked clock is answered in its time).
//
// The harness signs members in through the real pages: the first time a
// member whose role needs it signs in on a server, it sets two-step sign-in
// up on /account/two-step (reading the key from the page, as a person types
// it) and keeps the key and the recovery codes; later sign-ins give a code.
// The server accepts each 30-second step once per member, one step either
// side of now, so a member signing in again and again uses the next free
// step, and the recovery codes when none is free, making a new set while a
// step is free; a member signing in more often still waits for the next
// step, as a person would.
'use strict';
const crypto = require('node:crypto');

const STEP = 30;

// RFC 4648 base32 (spaces ignored) to bytes.
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    const i = alphabet.indexOf(c);
    if (i < 0) throw new Error(`not base32: ${c}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The RFC 6238 code (HMAC-SHA-1, dynamic truncation) of `key` at `step`.
function totpAt(key, step, digits = 6) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

// The server's clock, in seconds since 1970: its Date header.
async function serverSeconds(base) {
  const res = await fetch(base + '/healthz');
  await res.text();
  const date = res.headers.get('date');
  if (!date) throw new Error('the server sent no Date header');
  return Math.floor(Date.parse(date) / 1000);
}

// What the harness's app holds for each member on each server.
const apps = new Map();
const keyOf = (base, email) => `${base} ${email.toLowerCase()}`;

// The key shown on the set-up page (#two-step-key), from its HTML.
function keyFromPage(html) {
  const m = /id="two-step-key">([A-Z2-7 ]+)</.exec(html);
  if (!m) throw new Error('no key on the set-up page');
  return base32Decode(m[1]);
}

// The recovery codes on the page that shows them once.
function recoveryCodesFromPage(html) {
  return [...html.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]);
}

// Remembers a member's key (raw bytes) and the step of the code that set
// it up, on `base`.
function remember(base, email, key, step, recovery = []) {
  apps.set(keyOf(base, email), { key, lastStep: step, recovery });
}

function appFor(base, email) {
  return apps.get(keyOf(base, email));
}

// A code for a member that the server will take: the step after the last
// used, if it is within one of the server's now; otherwise, if `allowRecovery`,
// one of their recovery codes ({ recovery: true }); otherwise the wait for
// the next step.
async function nextCode(base, email, { allowRecovery = true } = {}) {
  const app = appFor(base, email);
  if (!app) throw new Error(`no authenticator for ${email} on ${base}`);
  for (;;) {
    const now = await serverSeconds(base);
    const step = Math.floor(now / STEP);
    const wanted = Math.max(app.lastStep + 1, step - 1);
    if (wanted <= step + 1) {
      app.lastStep = wanted;
      return { code: totpAt(app.key, wanted), step: wanted };
    }
    if (allowRecovery && app.recovery.length > 0) {
      return { code: app.recovery.shift(), recovery: true };
    }
    // The next step begins when the server's clock reaches it.
    const wait = ((wanted - 1) * STEP - now) * 1000 + 250;
    await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 250)));
  }
}

module.exports = {
  base32Decode, totpAt, serverSeconds, keyFromPage, recoveryCodesFromPage, remember, appFor,
  nextCode, STEP,
};
