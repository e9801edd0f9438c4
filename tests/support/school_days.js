// The demo school's school days, read from its calendar in the SQLite file,
// as attune's SchoolTime decides them: a weekday inside a half-term that is
// not an INSET day or a holiday. Dates are 'YYYY-MM-DD' in London time.
'use strict';

function londonToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function schoolDays(server) {
  const rows = server.sql("SELECT kind || '|' || starts_on || '|' || ends_on FROM calendar_entries WHERE school_id = 1")
    .split('\n').filter(Boolean).map((r) => r.split('|'));
  const isSchoolDay = (day) => {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    let inTerm = false;
    for (const [kind, from, to] of rows) {
      if (day < from || day > to) continue;
      if (kind === 'half_term') inTerm = true;
      if (kind === 'inset' || kind === 'holiday') return false;
    }
    return inTerm;
  };
  const step = (day, dir) => {
    for (let i = 1; i <= 400; i++) {
      const d = addDays(day, dir * i);
      if (isSchoolDay(d)) return d;
    }
    throw new Error(`no school day near ${day}`);
  };
  return {
    isSchoolDay,
    next: (day) => step(day, 1),
    previous: (day) => step(day, -1),
    // `n` school days after `day` (0: the day itself).
    after: (day, n) => { let d = day; for (let i = 0; i < n; i++) d = step(d, 1); return d; },
    // The latest school day on or before today.
    latest: () => { const t = londonToday(); return isSchoolDay(t) ? t : step(t, -1); },
    // A weekend or holiday day before today.
    closedDay: () => { let d = londonToday(); while (isSchoolDay(d)) d = addDays(d, -1); return d; },
  };
}

module.exports = { schoolDays, londonToday, addDays };
