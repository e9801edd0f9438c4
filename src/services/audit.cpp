#include "services/audit.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace attune {

namespace {

AuditEntry EntryOf(const Principal* principal, const std::string& action,
                   const std::string& subject_type, long long subject_id, const std::string& detail,
                   const std::string& ip) {
  AuditEntry e;
  if (principal) {
    e.school_id = principal->school_id;
    e.staff_id = principal->staff_id;
  }
  e.at = Now();
  e.action = action;
  e.subject_type = subject_type;
  e.subject_id = subject_id;
  e.detail = detail;
  e.ip = ip;
  return e;
}

// What a reader is told when the read cannot be put in the audit log.
Status NotShown(const std::string& action, const Status& st) {
  spdlog::error("audit entry '{}' not written: {}", action, st.ToString());
  return Status::Unavailable(
      "This could not be shown just now: reading it must be written to the audit log, and "
      "the log could not be written. Nothing has been changed; please try again in a moment.");
}

}  // namespace

void Audit(AuditStore& store, const Principal* principal, const std::string& action,
           const std::string& subject_type, long long subject_id, const std::string& detail,
           const std::string& ip) {
  Status st = store.AppendAudit(EntryOf(principal, action, subject_type, subject_id, detail, ip));
  if (!st.ok()) spdlog::error("audit entry '{}' not written: {}", action, st.ToString());
}

Status AuditRead(AuditStore& store, const Principal& principal, const std::string& action,
                 const std::string& subject_type, long long subject_id, const std::string& detail,
                 const std::string& ip) {
  AuditEntry e = EntryOf(&principal, action, subject_type, subject_id, detail, ip);
  if (principal.reads) {
    principal.reads->entries.push_back(std::move(e));
    return Status::Ok();
  }
  Status st = store.AppendAuditSoon(e);
  return st.ok() ? st : NotShown(action, st);
}

namespace {

// One entry of `action` for `ids` (of `subject_type`), read by `by`; the id
// itself when there is one, else every one of them in `subjects`.
Status WriteRead(AuditStore& store, const Principal& by, const char* action,
                 const char* subject_type, std::vector<long long> ids, const std::string& detail,
                 const std::string& ip) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  ids.erase(std::remove(ids.begin(), ids.end(), 0), ids.end());
  if (ids.empty()) return Status::Ok();
  AuditEntry e = EntryOf(&by, action, subject_type, ids.size() == 1 ? ids.front() : 0, detail, ip);
  if (ids.size() > 1) e.subjects = std::move(ids);
  // Queued with the next group commit: the reader does not wait on the disk.
  Status st = store.AppendAuditSoon(e);
  return st.ok() ? st : NotShown(action, st);
}

const char* kRestrictedRead = "incident.read_restricted";
const char* kSensitiveRead = "pupil.read_sensitive";

// Notes `ids` in the `kind` list of the request's ledger, or, outside a
// request, writes the read at once.
Status Note(AuditStore& store, const Principal& by, std::vector<long long> ReadLedger::*kind,
            const char* action, const char* subject_type, const std::vector<long long>& ids,
            const std::string& ip) {
  if (!by.reads) return WriteRead(store, by, action, subject_type, ids, "", ip);
  auto& ledger = (*by.reads).*kind;
  ledger.insert(ledger.end(), ids.begin(), ids.end());
  return Status::Ok();
}

}  // namespace

Status NoteRestrictedRead(AuditStore& store, const Principal& by,
                          const std::vector<long long>& incident_ids, const std::string& ip) {
  return Note(store, by, &ReadLedger::restricted_records, kRestrictedRead, "incident", incident_ids,
              ip);
}

Status NoteSensitiveRead(AuditStore& store, const Principal& by,
                         const std::vector<long long>& pupil_ids, const std::string& ip) {
  return Note(store, by, &ReadLedger::sensitive_pupils, kSensitiveRead, "pupil", pupil_ids, ip);
}

Status AuditRequestReads(AuditStore& store, const Principal& by, const std::string& route,
                         const std::string& ip) {
  if (!by.reads) return Status::Ok();
  ReadLedger read = std::move(*by.reads);
  *by.reads = ReadLedger{};
  for (const auto& e : read.entries) {
    Status st = store.AppendAuditSoon(e);
    if (!st.ok()) return NotShown(e.action, st);
  }
  ATTUNE_RETURN_IF_ERROR(
      WriteRead(store, by, kRestrictedRead, "incident", read.restricted_records, route, ip));
  return WriteRead(store, by, kSensitiveRead, "pupil", read.sensitive_pupils, route, ip);
}

}  // namespace attune

namespace attune {

Result<std::vector<AuditEntry>> ReadAuditLog(AuditStore& store, const Principal& by,
                                             AuditQuery query) {
  if (query.limit < 1 || query.limit > kMaxAuditRead) {
    return Status::Invalid("Show between 1 and " + std::to_string(kMaxAuditRead) + " entries",
                           "limit");
  }
  if (query.offset < 0) return Status::Invalid("offset cannot be negative", "offset");
  query.school_id = by.school_id;
  return store.ListAudit(query);
}

Result<long long> CountAuditLog(AuditStore& store, const Principal& by, AuditQuery query) {
  query.school_id = by.school_id;
  return store.CountAudit(query);
}

namespace {

// Every action written to the log and what it means. A new action is added
// here, so the audit page describes it and offers it as a filter.
constexpr std::pair<const char*, const char*> kWords[] = {
    {"sign_in", "Signed in"},
    {"sign_in_failed", "Sign-in failed"},
    {"sign_in_throttled", "Sign-in paused after repeated failures"},
    {"sign_in.password", "Signed in (password or school account); asked for the second step"},
    {"second_factor.failed", "A two-step sign-in code did not work"},
    {"second_factor.throttled", "Two-step sign-in paused after repeated wrong codes"},
    {"second_factor.enrolled", "Set up two-step sign-in"},
    {"second_factor.recovery_code_used", "Signed in with a recovery code"},
    {"second_factor.recovery_codes_made", "Made new recovery codes"},
    {"second_factor.reset", "Reset someone's two-step sign-in"},
    {"oidc.sign_in_refused", "Sign-in through the school's Microsoft or Google refused"},
    {"sign_out", "Signed out"},
    {"password_changed", "Changed their password"},
    {"password_change_failed", "Password change refused"},
    {"api_token_created", "API token created"},
    {"pupil.read_sensitive", "Viewed a pupil's special category details"},
    {"staff.added", "Added a member of staff"},
    {"staff.role_changed", "Changed a role"},
    {"staff.deactivated", "Deactivated an account"},
    {"staff.reactivated", "Reactivated an account"},
    {"staff.restricted_access_granted",
     "Gave someone a role that reads safeguarding records or special category details"},
    {"pupil.read_contacts", "Viewed parents' contact details for a call home"},
    {"pupil.profile_saved", "Updated a pupil's personal profile"},
    {"incident.record", "Made a record"},
    {"export.csv", "Downloaded a list (CSV)"},
    {"incident.read_restricted", "Read a restricted (safeguarding) record"},
    {"incident.parent_notice_sent", "Sent the parent notice after a physical intervention"},
    {"action.complete", "Completed a follow-up action"},
    {"action.reassign", "Passed on a follow-up action"},
    {"restorative.record", "Recorded a restorative conversation"},
    {"restorative.repair", "Marked a repair done"},
    {"restorative.no_repair", "Recorded why a repair will not happen"},
    {"contact.log", "Logged contact with a parent or carer"},
    {"plan.start", "Started a plan"},
    {"plan.decline", "Declined a proposed plan"},
    {"plan.end", "Ended a plan"},
    {"suspension.decide", "Made the headteacher's suspension decision"},
    {"suspension.parent_notice", "Marked parents and carers told of a suspension"},
    {"suspension.la_notice", "Marked the local authority told of a suspension"},
    {"incident.undo", "Undid a record just made"},
    {"amends.record", "Recorded amends a pupil proposed"},
    {"policy.uploaded", "Uploaded a policy version"},
    {"policy.activated", "Put a policy version in force"},
    {"staff.training_recorded", "Recorded staff training"},
    {"mail.retry", "Asked for a failed email to be tried again"},
    {"mis_import.checked", "Checked an export from the MIS (nothing changed)"},
    {"mis_import.applied", "Imported pupils, staff and classes from the MIS"},
    {"mis_import.refused", "An upload from the MIS could not be read"},
    {"family.added", "Added a parent or carer's account"},
    {"family.invited", "Invited a parent or carer to sign in"},
    {"family.invitation_accepted", "A parent or carer set their password from the invitation"},
    {"family.access_stopped", "Stopped a parent or carer's access"},
    {"family.shared", "Approved a record for the family to see"},
    {"family.withheld", "Decided a record is not for the family"},
    {"family.withdraw", "Took a record back from the family"},
    {"family.reply", "A parent or carer replied to a note"},
    {"family.digest", "A parent or carer chose a weekly email or one a note"},
    {"family.view_asked", "Asked the family for their view of a plan"},
    {"family.view_given", "A parent or carer gave their view of a plan"},
    {"family.view_closed", "Stopped asking the family for their view"},
    {"plan.read", "Read a plan"},
    {"plan.entry", "Wrote a plan's daily entry"},
    {"plan.review", "Reviewed a plan"},
    {"plan.sign", "Signed a plan"},
    {"plan.pupil_turn", "Started the pupil's turn on a shared device"},
    {"plan.pupil_words", "A pupil wrote their own words in their plan"},
    {"plan.pupil_code_throttled", "Too many wrong codes for a pupil's turn (throttled)"},
    {"survey.create", "Wrote a pupil voice survey"},
    {"survey.codes_issued", "Ran a survey and printed its codes"},
    {"survey.close", "Closed a survey"},
    {"survey.code_throttled", "Too many wrong survey codes (throttled)"},
    {"group.read", "The school's figures read by its trust or local authority (no pupil named)"},
    {"group.read_notices", "The local authority read the notices sent to it (no pupil named)"},
};

}  // namespace

std::string DescribeAuditAction(const std::string& action) {
  for (const auto& [key, words] : kWords) {
    if (action == key) return words;
  }
  return action;
}

const std::vector<std::string>& AuditActionKinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> out;
    for (const auto& [key, words] : kWords) out.push_back(key);
    return out;
  }();
  return kinds;
}

}  // namespace attune
