// A JSON API client for tests: tokens by role, the parsed answer beside its
// status and text (a body that is not JSON leaves `json` null).
'use strict';

function apiAs(server, tokens) {
  return async function api(role, path, body) {
    const res = await fetch(server.base + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${tokens[role]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, json, text };
  };
}

// A token for each role's demo account (or each email given whole).
function tokensFor(server, roles) {
  const out = {};
  for (const role of roles) {
    const email = role.includes('@') ? role : `${role}@demo.attune.school`;
    out[role] = server.cli(['token', 'create', '--email', email]).trim().split('\n').pop();
  }
  return out;
}

module.exports = { apiAs, tokensFor };
