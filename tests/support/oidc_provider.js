// A real OpenID provider for the sign-in tests (decision 0031): npm's
// certified `oidc-provider`, started by the test on a loopback port with
// its own RSA key, attune registered as a client, and a sign-in page of
// its own (email and password) for the people the test gives it. Stopped
// by the test at the end.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const PROVIDER_PASSWORD = 'provider-password-2026';

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function page(res, title, body, status = 200) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`);
}

// Starts a provider's server on a loopback port for the people in
// `accounts` ({ email: { email_verified = true, name } }, each signing in
// with PROVIDER_PASSWORD). Its clients are registered once attune's port is
// known, by register([{ client_id, client_secret, redirect_uris }]); until
// then it answers 503. Returns { issuer, port, jwksUrl, register(clients),
// rotateKey(), serveJwksFrom(url), stop() }: serveJwksFrom answers the
// provider's /jwks with another provider's keys (null: its own again), so
// that its tokens are signed by a key its issuer does not publish.
async function startOidcProvider({ accounts }) {
  const { default: Provider } = await import('oidc-provider');
  const newKey = () => {
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' };
  };
  let jwk = newKey();
  let registered = [];

  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  let provider = null;
  let callback = null;
  let jwksFrom = null;

  const register = (clients) => {
    registered = clients;
    provider = new Provider(issuer, {
      clients: clients.map((c) => ({
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        ...c,
      })),
      jwks: { keys: [jwk] },
      // Like Microsoft's and Google's, the ID token carries the email.
      conformIdTokenClaims: false,
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      async findAccount(ctx, id) {
        const account = accounts[id];
        if (!account) return undefined;
        return {
          accountId: id,
          async claims() {
            return { sub: `sub-${id}`, email: id, email_verified: account.email_verified !== false, name: account.name || id };
          },
        };
      },
      // A school's own application: no consent page.
      async loadExistingGrant(ctx) {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client.clientId,
          accountId: ctx.oidc.session.accountId,
        });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
      cookies: { keys: [crypto.randomBytes(16).toString('hex')] },
      pkce: { required: () => true },
    });
    provider.on('server_error', (ctx, err) => { console.error('oidc-provider:', err); });
    callback = provider.callback();
  };

  server.on('request', async (req, res) => {
    if (!provider) {
      res.writeHead(503);
      res.end();
      return;
    }
    try {
      const url = new URL(req.url, issuer);
      const login = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
      if (url.pathname === '/jwks' && jwksFrom) {
        const keys = await (await fetch(jwksFrom)).text();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(keys);
        return;
      }
      if (!login) {
        callback(req, res);
        return;
      }
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'POST' && login[2]) {
        const form = await readForm(req);
        const email = (form.get('email') || '').trim().toLowerCase();
        if (!accounts[email] || form.get('password') !== PROVIDER_PASSWORD) {
          page(res, 'Sign in to the test provider',
            `<p role="alert">That email or password is not right.</p>${loginForm(details.uid)}`, 400);
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: email } },
          { mergeWithLastSubmission: false });
        return;
      }
      page(res, 'Sign in to the test provider', loginForm(details.uid));
    } catch (err) {
      page(res, 'The test provider could not do that', `<p>${escapeHtml(err.message)}</p>`, 400);
    }
  });

  return {
    issuer,
    port,
    jwksUrl: `${issuer}/jwks`,
    register,
    // Signs from now on with a new key (and publishes it), as a provider
    // rotating its keys does.
    rotateKey() {
      jwk = newKey();
      register(registered);
    },
    serveJwksFrom(url) { jwksFrom = url; },
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function loginForm(uid) {
  return `<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<p><label for="email">Email</label><br><input id="email" name="email" type="email" autocomplete="username"></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password"></p>
<p><button type="submit">Sign in</button></p></form>`;
}

// Writes an attune.toml with an [[oidc]] table for each of `providers`
// ({ id, name, issuer, client_id, client_secret, email_domains }), for
// startServer's env: { ATTUNE_CONFIG: file }. Returns the file's path.
function writeOidcConfig(providers) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-oidc-'));
  const text = providers.map((p) => [
    '[[oidc]]',
    ...['id', 'name', 'issuer', 'client_id', 'client_secret'].map((k) => `${k} = ${JSON.stringify(p[k])}`),
    ...(p.email_domains ? [`email_domains = ${JSON.stringify(p.email_domains)}`] : []),
    '',
  ].join('\n')).join('\n');
  const file = path.join(dir, 'attune.toml');
  fs.writeFileSync(file, text);
  return file;
}

module.exports = { startOidcProvider, writeOidcConfig, PROVIDER_PASSWORD };
