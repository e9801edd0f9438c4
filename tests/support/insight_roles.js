// Who insight answers how (src/model/permissions.cpp): every role, those
// holding insight.school (the whole school's figures), and those holding
// insight.pupils (pupils with most records, by name).
'use strict';
const ROLES = ['teacher', 'support', 'pastoral', 'senco', 'dsl', 'senior', 'admin'];
const SCHOOL_WIDE = ['pastoral', 'senco', 'dsl', 'senior'];
const LISTS_PUPILS = ['pastoral', 'senior'];
module.exports = { ROLES, SCHOOL_WIDE, LISTS_PUPILS };
