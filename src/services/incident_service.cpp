#include "services/incident_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "services/action_service.h"
#include "services/audit.h"
#include "services/authorization.h"
#include "services/family_service.h"
#include "services/notification_service.h"
#include "services/outbox_service.h"

namespace attune {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

Status TooLong(const std::string& text, size_t max, const std::string& field,
               const std::string& what) {
  if (text.size() <= max) return Status::Ok();
  return Status::Invalid(what + " is too long: at most " + std::to_string(max) + " characters",
                         field);
}

// The notice to parents after a physical intervention (DESIGN.md §3), ready
// for the member of staff to check and send.
std::string ParentNotice(const Pupil& pupil, const Incident& i, const std::string& school) {
  const PhysicalIntervention& p = *i.physical;
  std::string text = "Dear parent or carer of " + pupil.DisplayName() + ",\n\n";
  text += "We are writing to let you know that on " +
          FormatLondon(i.occurred_at, "%A %e %B at %H:%M") +
          (i.place.empty() ? "" : ", in " + i.place) + ", staff used " + p.hold + " for about " +
          std::to_string(p.duration_minutes) + (p.duration_minutes == 1 ? " minute" : " minutes") +
          ", to keep " + (pupil.preferred_name.empty() ? pupil.first_name : pupil.preferred_name) +
          " and others safe.\n\n";
  if (!p.reason.empty()) text += "Why it was needed: " + p.reason + "\n";
  if (!p.de_escalation.empty()) text += "What we tried first: " + p.de_escalation + "\n";
  text += "Injuries: " + (p.injuries.empty() ? std::string("none recorded") : p.injuries) + "\n";
  if (!p.support_after.empty()) text += "Support afterwards: " + p.support_after + "\n";
  text += "\nWe would like to talk this through with you. Please contact " + school +
          " so we can agree together how best to support your child.\n";
  return text;
}

std::string Prefixed(const PupilDecision& d, size_t involved, const std::string& reason) {
  return involved > 1 ? d.name + ": " + reason : reason;
}

}  // namespace

Status IncidentService::Validate(const RecordRequest& r) {
  if (r.pupils.empty()) return Status::Invalid("Choose at least one pupil", "pupils");
  if (r.pupils.size() > kMaxPupils) {
    return Status::Invalid("At most " + std::to_string(kMaxPupils) + " pupils in one record",
                           "pupils");
  }
  std::set<long long> seen;
  bool involved = false;
  for (const auto& p : r.pupils) {
    if (p.id <= 0) return Status::Invalid("Each pupil needs an id", "pupils");
    if (!seen.insert(p.id).second) {
      return Status::Invalid("A pupil is listed twice; give each pupil one role", "pupils");
    }
    if (!Contains(PupilRoles(), p.role)) {
      return Status::Invalid("A pupil's role must be involved, affected or witness", "pupils");
    }
    involved = involved || p.role == "involved";
  }
  if (!involved) return Status::Invalid("At least one pupil must be involved", "pupils");
  if (r.category.empty()) return Status::Invalid("Choose what you saw", "category");
  ATTUNE_RETURN_IF_ERROR(TooLong(r.category, 100, "category", "The category"));
  ATTUNE_RETURN_IF_ERROR(TooLong(r.step, 100, "step", "The step"));
  ATTUNE_RETURN_IF_ERROR(TooLong(r.place, 100, "location", "The place"));
  ATTUNE_RETURN_IF_ERROR(TooLong(r.lesson, 100, "lesson", "The lesson"));
  ATTUNE_RETURN_IF_ERROR(TooLong(r.antecedent, kMaxNote, "antecedent", "What happened before"));
  ATTUNE_RETURN_IF_ERROR(TooLong(r.behaviour, kMaxNote, "notes", "What you saw"));
  ATTUNE_RETURN_IF_ERROR(TooLong(r.response, kMaxNote, "response", "How you responded"));
  // Which functions there are is the policy's list (checked when deciding).
  ATTUNE_RETURN_IF_ERROR(
      TooLong(r.perceived_function, 100, "perceived_function", "The perceived function"));
  for (const auto& o : r.others_involved) {
    if (!Contains(OthersInvolved(), o)) {
      return Status::Invalid("Others involved can be peers, staff or unknown", "others_involved");
    }
  }
  if (r.consequences.size() > 10) {
    return Status::Invalid("At most 10 consequences", "consequences");
  }
  ATTUNE_RETURN_IF_ERROR(TooLong(r.reward, 100, "reward", "The recognition"));
  if (r.physical_intervention) {
    const PhysicalIntervention& p = r.physical;
    if (p.hold.empty()) {
      return Status::Invalid("Say which hold or physical intervention was used",
                             "physical_intervention.hold");
    }
    if (p.reason.empty()) {
      return Status::Invalid("Say why the physical intervention was necessary",
                             "physical_intervention.reason");
    }
    if (p.duration_minutes < 1 || p.duration_minutes > 600) {
      return Status::Invalid("Give how long it lasted, in minutes (1 to 600)",
                             "physical_intervention.duration_minutes");
    }
    if (p.staff_ids.size() > 10) {
      return Status::Invalid("Name at most 10 members of staff", "physical_intervention.staff_ids");
    }
    for (const auto* text : {&p.staff_involved, &p.before, &p.de_escalation, &p.hold, &p.reason,
                             &p.injuries, &p.support_after}) {
      ATTUNE_RETURN_IF_ERROR(
          TooLong(*text, kMaxNote, "physical_intervention", "A physical intervention field"));
    }
  }
  return Status::Ok();
}

Result<policy::PupilContext> IncidentService::ContextFor(const policy::Policy& policy,
                                                         const Pupil& pupil, Timestamp at,
                                                         const policy::SchoolTime& time) {
  policy::PupilContext context;
  context.sen = SenCode(pupil.sen);
  auto history =
      store_.PupilHistory(pupil.school_id, pupil.id, policy::HistoryStart(policy, time, at));
  if (!history.ok()) return history.status();
  context.history.reserve(history->size());
  for (auto& h : *history) {
    if (!h.reward.empty()) context.rewards.push_back({h.at, std::move(h.reward), h.points});
    context.history.push_back({h.at, std::move(h.category), std::move(h.step)});
  }
  auto plans = store_.ListPlans(pupil.school_id, pupil.id);
  if (!plans.ok()) return plans.status();
  for (const auto& p : *plans) {
    context.plans.push_back({p.plan, p.status == "active", p.outcome});
  }
  return context;
}

Result<std::vector<policy::StaffInvolved>> IncidentService::StaffInvolved(
    long long school_id, const std::vector<long long>& staff_ids) {
  std::vector<policy::StaffInvolved> out;
  for (long long id : staff_ids) {
    auto member = store_.GetStaff(school_id, id);
    if (!member.ok()) {
      if (member.status().code() != StatusCode::kNotFound) return member.status();
      return Status::Invalid("Choose the staff involved from the school's staff",
                             "physical_intervention.staff_ids");
    }
    auto held = store_.ListStaffTraining(school_id, id);
    if (!held.ok()) return held.status();
    policy::StaffInvolved person;
    person.name = member->name;
    for (const auto& t : *held) person.training.push_back({t.training, t.taken_on, t.expires_on});
    out.push_back(std::move(person));
  }
  return out;
}

Result<RecordOutcome> IncidentService::Decide(const Principal& by, const RecordRequest& request,
                                              Timestamp now, std::vector<Pupil>* pupils) {
  ATTUNE_RETURN_IF_ERROR(Validate(request));
  // The policy, the pupils and their pasts, as they stood at one moment.
  std::optional<Result<RecordOutcome>> out;
  ATTUNE_RETURN_IF_ERROR(store_.ReadTogether([&] {
    out.emplace(DecideOnSnapshot(by, request, now, pupils));
    return Status::Ok();
  }));
  return std::move(*out);
}

Result<RecordOutcome> IncidentService::DecideOnSnapshot(const Principal& by,
                                                        const RecordRequest& request, Timestamp now,
                                                        std::vector<Pupil>* pupils) {
  Timestamp at = request.occurred_at.value_or(now);
  if (at > now + std::chrono::minutes(10)) {
    return Status::Invalid("That time is still to come; give the time it happened", "occurred_at");
  }
  if (at < now - std::chrono::hours(24 * 400)) {
    return Status::Invalid("That is more than a year ago; records are made at the time",
                           "occurred_at");
  }
  auto loaded = policies_.InForce(by.school_id, LondonDate(at));
  if (!loaded.ok()) {
    if (loaded.status().code() != StatusCode::kNotFound) return loaded.status();
    return Status::Invalid("The school has no behaviour policy in force on " +
                               FormatDate(LondonDate(at)) +
                               "; a senior leader or administrator can activate one",
                           "occurred_at");
  }
  auto time = clock_.For(by.school_id);
  if (!time.ok()) return time.status();
  const policy::Policy& policy = *loaded->policy;
  if (!policy.FindCategory(request.category)) {
    return Status::Invalid("\"" + request.category + "\" is not one of the school's categories",
                           "category");
  }
  if (!request.perceived_function.empty() && !policy.FindFunction(request.perceived_function)) {
    std::vector<std::string> names;
    for (const auto& f : policy.functions) names.push_back("\"" + f.name + "\"");
    std::string list;
    for (size_t k = 0; k < names.size(); ++k) {
      list += (k == 0 ? "" : k + 1 == names.size() ? " or " : ", ") + names[k];
    }
    return Status::Invalid("Choose what it may have been for from the school's list: " + list,
                           "perceived_function");
  }

  RecordOutcome out;
  out.policy_version_id = loaded->version.id;
  out.policy_version = loaded->version.version;
  out.policy = loaded->policy;
  policy::Observation obs;
  obs.category = request.category;
  obs.step = request.step;
  obs.at = at;
  obs.physical_intervention = request.physical_intervention;
  obs.parent_notice_would_harm = request.physical.parent_notice_would_harm;
  obs.safeguarding = request.safeguarding;
  obs.consequences = request.consequences;
  obs.consequence_date = request.consequence_date;
  obs.reward = request.reward;
  if (request.physical_intervention) {
    auto staff = StaffInvolved(by.school_id, request.physical.staff_ids);
    if (!staff.ok()) return staff.status();
    obs.staff_involved = std::move(*staff);
  }
  for (const auto& rp : request.pupils) {
    auto pupil = store_.GetPupil(by.school_id, rp.id);
    if (!pupil.ok()) {
      if (pupil.status().code() == StatusCode::kNotFound) {
        return Status::Invalid("Pupil " + std::to_string(rp.id) + " is not on the school's roll",
                               "pupils");
      }
      return pupil.status();
    }
    // What happened after a pupil left is not the school's to record of
    // them; what happened before (recorded late) still is.
    if (pupil->left_on && LondonDate(at) > *pupil->left_on) {
      return Status::Invalid(pupil->DisplayName() + " left the school on " +
                                 DateWords(*pupil->left_on) +
                                 "; a record is of what happened while they were on roll",
                             "pupils");
    }
    PupilDecision pd;
    pd.pupil_id = rp.id;
    pd.name = pupil->DisplayName();
    pd.role = rp.role;
    if (rp.role == "involved") {
      auto context = ContextFor(policy, *pupil, at, **time);
      if (!context.ok()) return context.status();
      pd.decision = policy::Decide(policy, **time, *context, obs);
    }
    out.pupils.push_back(std::move(pd));
    pupils->push_back(std::move(*pupil));
  }
  for (const auto& pd : out.pupils) {
    if (pd.role != "involved") continue;
    if (out.step.empty() && !pd.decision.step.empty()) {
      out.step = pd.decision.step;
      if (const auto* s = policy.FindStep(out.step)) out.step_name = s->name;
    }
    for (const auto& g : pd.decision.guards) {
      bool repeat = std::any_of(out.guards.begin(), out.guards.end(),
                                [&](const policy::Guard& x) { return x.kind == g.kind; });
      if (!repeat) out.guards.push_back(g);
    }
  }
  return out;
}

Result<RecordOutcome> IncidentService::Preview(const Principal& by, const RecordRequest& request) {
  std::vector<Pupil> pupils;
  return Decide(by, request, Now(), &pupils);
}

Result<RecordOutcome> IncidentService::Record(const Principal& by, const RecordRequest& request,
                                              const std::string& ip) {
  return RecordAt(by, request, ip, Now());
}

Result<RecordOutcome> IncidentService::RecordAt(const Principal& by, const RecordRequest& request,
                                                const std::string& ip, Timestamp now) {
  std::vector<Pupil> pupils;
  auto decided = Decide(by, request, now, &pupils);
  if (!decided.ok()) return decided.status();
  RecordOutcome& out = *decided;
  size_t involved = std::count_if(out.pupils.begin(), out.pupils.end(),
                                  [](const PupilDecision& d) { return d.role == "involved"; });
  for (const auto& pd : out.pupils) {
    for (const auto& r : pd.decision.refusals) {
      return Status::Invalid(Prefixed(pd, involved, r.reason), r.field);
    }
  }
  const policy::Policy& policy = *out.policy;
  const policy::Category* category = policy.FindCategory(request.category);

  NewIncident n;
  Incident& i = n.incident;
  i.school_id = by.school_id;
  i.policy_version_id = out.policy_version_id;
  i.category = request.category;
  i.behaviour_class = policy::ClassName(category->behaviour_class);
  i.occurred_at = request.occurred_at.value_or(now);
  i.recorded_at = now;
  i.recorded_by_staff_id = by.staff_id;
  i.place = request.place;
  i.lesson = request.lesson;
  i.antecedent = request.antecedent;
  i.behaviour = request.behaviour;
  i.response = request.response;
  i.perceived_function = request.perceived_function;
  i.others_involved = request.others_involved;
  i.safeguarding = request.safeguarding || category->safeguarding;
  i.physical_intervention = request.physical_intervention;
  i.reward = request.reward;
  i.tally = involved > 0;
  std::set<std::string> visible;
  bool suspension = false;
  for (const auto& pd : out.pupils) {
    IncidentPupil ip_row{pd.pupil_id, pd.role, pd.decision.step, 0, pd.name};
    if (pd.role == "involved") {
      const policy::Decision& d = pd.decision;
      i.tally = i.tally && d.tally_only;
      if (d.restricted) {
        i.restricted = true;
        visible.insert(d.visible_to.begin(), d.visible_to.end());
      }
      if (d.reward) {
        ip_row.points = d.reward->awarded;
        ip_row.reward_left_out = d.reward->left_out;
      }
      suspension = suspension || d.HasGuard("suspension");
    }
    i.pupils.push_back(ip_row);
  }
  i.visible_to.assign(visible.begin(), visible.end());
  for (const auto& id : request.consequences) {
    const policy::Consequence* c = policy.FindConsequence(id);
    i.consequences.push_back({id, c && c->protective, request.consequence_date});
  }
  if (request.physical_intervention) {
    i.physical = request.physical;
    // What the policy's training check found, kept with the statutory record.
    for (const auto& pd : out.pupils) {
      if (pd.role != "involved") continue;
      for (const auto& w : pd.decision.warnings) {
        i.physical->training_note += (i.physical->training_note.empty() ? "" : " ") + w;
      }
      break;
    }
    const Pupil& first = pupils.front();
    if (!request.physical.parent_notice_would_harm) {
      auto school = store_.GetSchool(by.school_id);
      i.physical->notice_text = ParentNotice(first, i, school.ok() ? school->name : "the school");
    }
  }
  if (suspension) i.suspension = Suspension{};

  // Actions, per pupil: the recorder's own, a role's, the key adult's or
  // the form tutor's.
  std::map<long long, long long> tutors;  // form id -> tutor's staff id, read when needed
  bool for_tutors = std::any_of(out.pupils.begin(), out.pupils.end(), [](const PupilDecision& d) {
    return std::any_of(d.decision.actions.begin(), d.decision.actions.end(),
                       [](const policy::RequiredAction& a) { return a.assignee == "form_tutor"; });
  });
  if (for_tutors) {
    auto forms = store_.ListForms(by.school_id);
    if (!forms.ok()) return forms.status();
    for (const auto& f : *forms) tutors[f.id] = f.tutor_staff_id;
  }
  for (size_t k = 0; k < out.pupils.size(); ++k) {
    const PupilDecision& pd = out.pupils[k];
    for (const auto& ra : pd.decision.actions) {
      Action a;
      a.school_id = by.school_id;
      a.pupil_id = pd.pupil_id;
      a.pupil_name = pd.name;
      a.kind = ra.kind;
      a.label = ra.label;
      a.due_at = ra.due;
      a.description = ra.description;
      a.because = ra.because;
      if (ra.assignee == "recorder") {
        a.assignee_role = RoleName(by.role);
        a.assignee_staff_id = by.staff_id;
      } else if (ra.assignee == "key_adult" && pupils[k].key_adult_staff_id) {
        a.assignee_role = "key_adult";
        a.assignee_staff_id = pupils[k].key_adult_staff_id;
      } else if (ra.assignee == "form_tutor" && tutors[pupils[k].form_id]) {
        a.assignee_role = "form_tutor";
        a.assignee_staff_id = tutors[pupils[k].form_id];
      } else if (ra.assignee == "key_adult" || ra.assignee == "form_tutor") {
        // No such adult for this pupil: the pastoral lead sees it is done.
        a.assignee_role = "pastoral";
      } else {
        a.assignee_role = ra.assignee;
      }
      if ((a.kind == "repair" || a.kind == "restorative_conversation") && a.due_at) {
        if (!i.repair_due_at || *a.due_at < *i.repair_due_at) i.repair_due_at = a.due_at;
      }
      n.actions.push_back(a);
    }
    // The store leaves out any the pupil already has proposed and undecided.
    for (const auto& e : pd.decision.escalations) {
      n.escalations.push_back({0, 0, pd.pupil_id, e.id, e.plan, e.step, e.reason, "proposed"});
    }
  }

  AuditEntry audit;
  audit.school_id = by.school_id;
  audit.staff_id = by.staff_id;
  audit.action = "incident.record";
  audit.detail = std::to_string(i.pupils.size()) + " pupil(s)" +
                 (i.restricted ? ", restricted" : "") +
                 (i.physical ? ", physical intervention" : "");
  audit.ip = ip;
  n.notices = NoticesForRecord(by, n, policy);
  if (outbox_ && i.safeguarding) {
    // The DSL's email that there is a concern and where (decision 0025).
    auto school = store_.GetSchool(by.school_id);
    n.mails =
        MailsForNotices(n.notices, outbox_->settings(), school.ok() ? school->name : "the school");
  }
  if (families_) {
    // What reaches each family, and its email, written with the record.
    auto school = store_.GetSchool(by.school_id);
    families_->SharesForRecord(policy, request.send_home, school.ok() ? school->name : "school", n);
  }
  auto id = store_.CreateIncident(n, audit);
  if (!id.ok()) return id.status();
  if (listener_) listener_->Recorded(by.school_id, *id);
  if (outbox_ && !n.mails.empty()) outbox_->Enqueued();
  out.id = *id;
  out.actions = std::move(n.actions);
  out.escalations = std::move(n.escalations);
  return out;
}

bool IncidentService::MayRead(const Principal& by, const Incident& incident) {
  return incident.school_id == by.school_id &&
         MayReadRecord(by.role, incident.restricted, incident.visible_to);
}

Result<IncidentView> IncidentService::Get(const Principal& by, long long id,
                                          const std::string& ip) {
  auto incident = store_.GetIncident(by.school_id, id);
  if (!incident.ok()) return incident.status();
  if (!MayRead(by, *incident)) return Status::NotFound("No such record");
  if (incident->restricted) ATTUNE_RETURN_IF_ERROR(NoteRestrictedRead(store_, by, {id}, ip));
  IncidentView view;
  auto loaded = policies_.ById(by.school_id, incident->policy_version_id);
  if (!loaded.ok()) return loaded.status();
  view.policy = loaded->policy;
  if (const auto* c = view.policy->FindCategory(incident->category)) view.category_name = c->name;
  ActionQuery q;
  q.school_id = by.school_id;
  q.status = "";
  q.incident_id = id;
  q.viewer_role = RestrictedReaderName(by.role);
  auto actions = store_.ListActions(q);
  if (!actions.ok()) return actions.status();
  view.actions = std::move(*actions);
  auto escalations = store_.ListEscalations(by.school_id, 0, id, q.viewer_role);
  if (!escalations.ok()) return escalations.status();
  view.escalations = std::move(*escalations);
  view.repaired_in_time =
      incident->repaired_at &&
      (!incident->repair_due_at || *incident->repaired_at <= *incident->repair_due_at);
  view.incident = std::move(*incident);
  return view;
}

Status IncidentService::MarkParentNoticeSent(const Principal& by, long long id,
                                             const std::string& ip) {
  auto incident = store_.GetIncident(by.school_id, id);
  if (!incident.ok()) return incident.status();
  if (!MayRead(by, *incident)) return Status::NotFound("No such record");
  const auto& p = incident->physical;
  if (!p || p->parent_notice_would_harm || p->notice_text.empty()) {
    return Status::Invalid("This record has no notice for parents to send", "notice");
  }
  if (p->notice_sent_at) return Status::Conflict("The notice is already marked as sent");
  Timestamp now = Now();
  ATTUNE_RETURN_IF_ERROR(store_.MarkParentNoticeSent(by.school_id, id, now));
  Audit(store_, &by, "incident.parent_notice_sent", "incident", id, "", ip);
  // Sending the notice is the "tell parents" action the law added.
  ATTUNE_RETURN_IF_ERROR(
      CompleteOpenActions(store_, by, id, 0, {"parent_notice"}, "Notice sent to parents", now));
  return CloseIfSettled(store_, by.school_id, id, now);
}

Result<RecordTally> IncidentService::Tally(const Principal& by, Timestamp from, Timestamp to) {
  return store_.TallyRecords(by.school_id, RestrictedReaderName(by.role), from, to);
}

Status IncidentService::Undo(const Principal& by, long long id, const std::string& ip) {
  auto incident = store_.GetIncident(by.school_id, id);
  if (!incident.ok()) return incident.status();
  if (!MayRead(by, *incident)) return Status::NotFound("No such record");
  Status st = store_.UndoIncident(by.school_id, id, by.staff_id, Now() - kUndoWindow);
  if (st.code() == StatusCode::kConflict) {
    return Status::Conflict(
        "This can no longer be undone: undo lasts two minutes, for positive notes you saved "
        "yourself. The record is kept; if it is wrong, tell the pastoral lead.");
  }
  ATTUNE_RETURN_IF_ERROR(st);
  if (listener_) listener_->Undone(by.school_id, id);
  Audit(store_, &by, "incident.undo", "incident", id, incident->category, ip);
  return Status::Ok();
}

Result<std::vector<Incident>> IncidentService::List(const Principal& by, IncidentQuery query,
                                                    const std::string& ip) {
  if (query.limit < 1 || query.limit > 200) {
    return Status::Invalid("limit must be between 1 and 200", "limit");
  }
  if (query.offset < 0) return Status::Invalid("offset must be 0 or more", "offset");
  query.school_id = by.school_id;
  query.viewer_role = RestrictedReaderName(by.role);
  auto match = MatchExpression(query.words);
  if (!match.ok()) return match.status();
  query.match = *match;
  if (!query.words.empty() && query.match.empty()) return std::vector<Incident>{};
  return NotingRestricted(store_, by, store_.ListIncidents(query), ip);
}

Result<std::vector<Incident>> IncidentService::ForPupil(const Principal& by, PupilRecordQuery query,
                                                        const std::string& ip) {
  if (query.limit < 1 || query.limit > 5000) {
    return Status::Invalid("limit must be between 1 and 5000", "limit");
  }
  if (query.offset < 0) return Status::Invalid("offset must be 0 or more", "offset");
  query.school_id = by.school_id;
  query.viewer_role = RestrictedReaderName(by.role);
  return NotingRestricted(store_, by, store_.ListPupilRecords(query), ip);
}

Result<long long> IncidentService::CountForPupil(const Principal& by, PupilRecordQuery query) {
  query.school_id = by.school_id;
  query.viewer_role = RestrictedReaderName(by.role);
  return store_.CountPupilRecords(query);
}

}  // namespace attune
