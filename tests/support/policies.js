// Bringing a school's policy into force as its admin does: uploaded through
// the policies page (pasted into the form), then activated from today.
'use strict';
const assert = require('node:assert/strict');
const { londonToday } = require('./school_days');

// `admin`: a signed-in Browser of the school's admin. Returns the new
// version's id.
async function bringIntoForce(admin, policyText, note) {
  await admin.get('/policies');
  const saved = await admin.post('/policies', { multipart: { csrf_token: admin.csrf, policy: policyText, note } });
  assert.equal(saved.status, 303, saved.text.slice(0, 2000));
  const id = saved.headers.get('location').split('/').pop();
  await admin.get(`/policies/${id}`);
  const on = await admin.post(`/policies/${id}/activate`, { form: { csrf_token: admin.csrf, active_from: londonToday() } });
  assert.equal(on.status, 303, on.text.slice(0, 2000));
  return id;
}

module.exports = { bringIntoForce };
