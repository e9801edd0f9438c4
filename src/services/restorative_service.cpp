#include "services/restorative_service.h"

#include <algorithm>

#include "services/action_service.h"
#include "services/audit.h"
#include "services/authorization.h"
#include "services/incident_service.h"
#include "services/text.h"

namespace attune {
namespace {

Status CheckAnswers(const std::vector<std::string>& answers, const std::string& field) {
  if (answers.size() > RestorativePrompts().size()) {
    return Status::Invalid("One answer per question", field);
  }
  for (const auto& a : answers) {
    if (a.size() > kMaxNote) return Status::Invalid("An answer is too long", field);
  }
  return Status::Ok();
}

// "a, b, c or d": the reasons' ids, for the error that lists them.
std::string ReasonIds() {
  const auto& all = NoRepairReasons();
  std::string out;
  for (size_t k = 0; k < all.size(); ++k) {
    out += std::string(k == 0 ? "" : k + 1 == all.size() ? " or " : ", ") + all[k].id;
  }
  return out;
}

}  // namespace

Status RestorativeService::CheckIncident(const Principal& by, long long incident_id,
                                         Incident* out) {
  auto incident = store_.GetIncident(by.school_id, incident_id);
  if (!incident.ok()) return incident.status();
  if (!IncidentService::MayRead(by, *incident)) return Status::NotFound("No such record");
  if (out) *out = std::move(*incident);
  return Status::Ok();
}

Result<long long> RestorativeService::Record(const Principal& by, const RestorativeRequest& r,
                                             const std::string& ip) {
  Incident incident;
  ATTUNE_RETURN_IF_ERROR(CheckIncident(by, r.incident_id, &incident));
  bool in_it = std::any_of(incident.pupils.begin(), incident.pupils.end(),
                           [&](const IncidentPupil& p) { return p.pupil_id == r.pupil_id; });
  if (!in_it) return Status::Invalid("Choose a pupil who is in this record", "pupil_id");
  ATTUNE_RETURN_IF_ERROR(CheckAnswers(r.pupil_answers, "pupil_answers"));
  ATTUNE_RETURN_IF_ERROR(CheckAnswers(r.harmed_answers, "harmed_answers"));
  if (r.harmed.size() > 200)
    return Status::Invalid("Who was harmed: at most 200 characters", "harmed");
  if (r.agreement.size() > kMaxNote)
    return Status::Invalid("The agreement is too long", "agreement");
  bool said = !Trim(r.agreement).empty();
  for (const auto& a : r.pupil_answers) said = said || !Trim(a).empty();
  if (!said) {
    return Status::Invalid("Write down at least the pupil's answers or what was agreed",
                           "agreement");
  }
  RestorativeConversation c;
  c.school_id = by.school_id;
  c.incident_id = r.incident_id;
  c.pupil_id = r.pupil_id;
  c.led_by_staff_id = by.staff_id;
  c.adult_staff_id = r.adult_staff_id ? r.adult_staff_id : incident.recorded_by_staff_id;
  if (c.adult_staff_id) {
    auto adult = store_.GetStaff(by.school_id, c.adult_staff_id);
    if (adult.ok()) {
      c.adult_name = adult->name;
    } else if (r.adult_staff_id) {
      return Status::Invalid("Choose the adult involved from the staff list", "adult_staff_id");
    }
  }
  if (r.repaired && !c.adult_staff_id) {
    // Seed 004: "the repair takes place with the member of staff involved".
    return Status::Invalid(
        "Choose the adult in whose relationship the rupture happened: the repair is with them",
        "adult_staff_id");
  }
  Timestamp now = Now();
  c.held_at = r.held_at.value_or(now);
  if (c.held_at > now + std::chrono::minutes(10)) {
    return Status::Invalid("That time is still to come", "held_at");
  }
  c.shuttle = r.shuttle;
  c.harmed = Trim(r.harmed);
  c.pupil_answers = r.pupil_answers;
  c.harmed_answers = r.harmed_answers;
  c.agreement = Trim(r.agreement);
  c.review_on = r.review_on;
  long long id = 0;
  ATTUNE_RETURN_IF_ERROR(store_.RunInTransaction([&]() -> Status {
    auto created = store_.CreateRestorative(c);
    if (!created.ok()) return created.status();
    id = c.id = *created;
    Audit(store_, &by, "restorative.record", "incident", r.incident_id, "", ip);
    // The conversation itself is the restorative action for this pupil.
    ATTUNE_RETURN_IF_ERROR(CompleteOpenActions(
        store_, by, r.incident_id, r.pupil_id, {"restorative_conversation"},
        c.shuttle ? "Shuttle restorative conversation held" : "Restorative conversation held",
        c.held_at));
    if (r.repaired) ATTUNE_RETURN_IF_ERROR(Repair(by, c, c.held_at));
    return CloseIfSettled(store_, by.school_id, r.incident_id, now);
  }));
  return id;
}

Status RestorativeService::Repair(const Principal& by, const RestorativeConversation& c,
                                  Timestamp at) {
  ATTUNE_RETURN_IF_ERROR(store_.MarkRepaired(by.school_id, c.id, at));
  std::string with = c.adult_name.empty() ? "the adult involved" : c.adult_name;
  ATTUNE_RETURN_IF_ERROR(CompleteOpenActions(store_, by, c.incident_id, c.pupil_id,
                                             {"repair", "restorative_conversation"},
                                             "Repair done with " + with, at));
  // The record counts as repaired (repaired_at, repaired_in_time) only once
  // every pupil it asks a repair of has one: none awaited, none that will
  // not happen.
  auto awaited = store_.CountRepairsAwaited(by.school_id, c.incident_id);
  if (!awaited.ok()) return awaited.status();
  // `by` may read the record (checked by the caller), so sees all of these.
  auto not_happening =
      store_.ListNoRepairs(by.school_id, c.incident_id, 0, RestrictedReaderName(by.role));
  if (!not_happening.ok()) return not_happening.status();
  if (*awaited > 0 || !not_happening->empty()) return Status::Ok();
  return store_.SetIncidentRepaired(by.school_id, c.incident_id, at);
}

Status RestorativeService::MarkRepaired(const Principal& by, long long conversation_id,
                                        const std::string& ip) {
  auto c = store_.GetRestorative(by.school_id, conversation_id);
  if (!c.ok()) return c.status();
  ATTUNE_RETURN_IF_ERROR(CheckIncident(by, c->incident_id, nullptr));
  if (c->repaired) return Status::Conflict("The repair is already recorded");
  if (!c->adult_staff_id) {
    return Status::Invalid(
        "This conversation names no adult involved, and the repair is with them: record a "
        "conversation that names them, with the repair",
        "adult_staff_id");
  }
  Timestamp now = Now();
  return store_.RunInTransaction([&]() -> Status {
    ATTUNE_RETURN_IF_ERROR(Repair(by, *c, now));
    Audit(store_, &by, "restorative.repair", "incident", c->incident_id, "", ip);
    return CloseIfSettled(store_, by.school_id, c->incident_id, now);
  });
}

Status RestorativeService::RecordNoRepair(const Principal& by, const NoRepairRequest& r,
                                          const std::string& ip) {
  if (!RoleHas(by.role, Permission::kNoRepairRecord)) {
    return Status::Forbidden("Only a senior leader records why a repair will not happen");
  }
  ATTUNE_RETURN_IF_ERROR(CheckIncident(by, r.incident_id, nullptr));
  ActionQuery q;
  q.school_id = by.school_id;
  q.incident_id = r.incident_id;
  q.pupil_id = r.pupil_id;
  q.status = "";
  q.viewer_role = RestrictedReaderName(by.role);
  auto actions = store_.ListActions(q);
  if (!actions.ok()) return actions.status();
  bool asked = r.pupil_id && std::any_of(actions->begin(), actions->end(), [](const Action& a) {
                 return a.kind == "restorative_conversation" || a.kind == "repair";
               });
  if (!asked)
    return Status::Invalid("Choose a pupil whose repair this record asks for", "pupil_id");
  if (r.reason.empty()) return Status::Invalid("Choose why the repair will not happen", "reason");
  if (!IsNoRepairReason(r.reason)) {
    return Status::Invalid("Choose why the repair will not happen: " + ReasonIds(), "reason");
  }
  std::string note = Trim(r.note);
  if (note.empty()) {
    return Status::Invalid(
        "Say in a sentence or two what happened, such as when the repair was offered", "note");
  }
  if (note.size() > kMaxNote) return Status::Invalid("The note is too long", "note");
  auto talks =
      store_.ListRestorative(by.school_id, r.incident_id, 0, RestrictedReaderName(by.role), 0);
  if (!talks.ok()) return talks.status();
  if (RepairOutcomeOf(r.incident_id, r.pupil_id, *talks, {}).repaired_at) {
    return Status::Conflict("The repair is already recorded", "pupil_id");
  }
  NoRepair n;
  n.school_id = by.school_id;
  n.incident_id = r.incident_id;
  n.pupil_id = r.pupil_id;
  n.reason = r.reason;
  n.note = note;
  n.recorded_by_staff_id = by.staff_id;
  n.recorded_at = Now();
  return store_.RunInTransaction([&]() -> Status {
    ATTUNE_RETURN_IF_ERROR(store_.CreateNoRepair(n));
    Audit(store_, &by, "restorative.no_repair", "incident", r.incident_id,
          "pupil " + std::to_string(r.pupil_id) + ": " + r.reason, ip);
    ATTUNE_RETURN_IF_ERROR(CompleteOpenActions(
        store_, by, r.incident_id, r.pupil_id, {"restorative_conversation", "repair"},
        "Not repaired: " + NoRepairReasonWords(r.reason, r.pupil_word) + ". " + note,
        n.recorded_at));
    return CloseIfSettled(store_, by.school_id, r.incident_id, n.recorded_at);
  });
}

Result<std::vector<NoRepair>> RestorativeService::NoRepairs(const Principal& by,
                                                            long long incident_id,
                                                            long long pupil_id,
                                                            const std::string& ip) {
  if (incident_id) ATTUNE_RETURN_IF_ERROR(CheckIncident(by, incident_id, nullptr));
  return NotingRestricted(
      store_, by,
      store_.ListNoRepairs(by.school_id, incident_id, pupil_id, RestrictedReaderName(by.role)), ip);
}

Result<std::vector<RestorativeConversation>> RestorativeService::List(const Principal& by,
                                                                      long long incident_id,
                                                                      long long pupil_id,
                                                                      const std::string& ip,
                                                                      long long from_incident_id) {
  if (incident_id) ATTUNE_RETURN_IF_ERROR(CheckIncident(by, incident_id, nullptr));
  return NotingRestricted(store_, by,
                          store_.ListRestorative(by.school_id, incident_id, pupil_id,
                                                 RestrictedReaderName(by.role), from_incident_id),
                          ip);
}

Result<long long> RestorativeService::LogContact(const Principal& by, const ContactRequest& r,
                                                 const std::string& ip) {
  const auto& kinds = ContactKinds();
  if (std::find(kinds.begin(), kinds.end(), r.kind) == kinds.end()) {
    return Status::Invalid(
        "Choose how you were in touch: phone call, meeting, home visit, letter "
        "or positive note",
        "kind");
  }
  if (r.note.size() > kMaxNote) return Status::Invalid("The note is too long", "note");
  auto pupil = store_.GetPupil(by.school_id, r.pupil_id);
  if (!pupil.ok()) {
    return pupil.status().code() == StatusCode::kNotFound
               ? Status::Invalid("Choose a pupil on the school's roll", "pupil_id")
               : pupil.status();
  }
  if (r.incident_id) ATTUNE_RETURN_IF_ERROR(CheckIncident(by, r.incident_id, nullptr));
  Action action;
  if (r.action_id) {
    ActionService actions(store_);
    auto a = actions.Find(by, r.action_id);
    if (!a.ok()) return a.status();
    action = *a;
  }
  if (r.contact_id) {
    auto contacts = store_.ListContacts(by.school_id, r.pupil_id);
    if (!contacts.ok()) return contacts.status();
    bool theirs = std::any_of(contacts->begin(), contacts->end(),
                              [&](const Contact& c) { return c.id == r.contact_id; });
    if (!theirs) return Status::Invalid("Choose one of the pupil's contacts", "contact_id");
  }
  Timestamp now = Now();
  ContactLogEntry e;
  e.school_id = by.school_id;
  e.pupil_id = r.pupil_id;
  e.incident_id = r.incident_id ? r.incident_id : action.incident_id;
  e.action_id = r.action_id;
  e.contact_id = r.contact_id;
  e.kind = r.kind;
  e.note = Trim(r.note);
  e.at = r.at.value_or(now);
  e.staff_id = by.staff_id;
  // One transaction: a contact that cannot complete its action (one done
  // only by its own record) is not saved either.
  long long id = 0;
  ATTUNE_RETURN_IF_ERROR(store_.RunInTransaction([&]() -> Status {
    auto logged = store_.LogContact(e);
    if (!logged.ok()) return logged.status();
    id = *logged;
    Audit(store_, &by, "contact.log", "pupil", r.pupil_id, r.kind, ip);
    if (r.complete_action && r.action_id && action.status == "open") {
      ActionService actions(store_);
      std::string outcome = ContactKindLabel(r.kind) + (e.note.empty() ? "" : ": " + e.note);
      return actions.Complete(by, r.action_id, outcome, ip);
    }
    return Status::Ok();
  }));
  return id;
}

Result<std::vector<ContactLogEntry>> RestorativeService::Contacts(const Principal& by,
                                                                  long long pupil_id,
                                                                  long long incident_id,
                                                                  const std::string& ip) {
  if (incident_id) ATTUNE_RETURN_IF_ERROR(CheckIncident(by, incident_id, nullptr));
  return NotingRestricted(
      store_, by,
      store_.ListContactLog(by.school_id, pupil_id, incident_id, RestrictedReaderName(by.role)),
      ip);
}

}  // namespace attune
