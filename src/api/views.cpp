#include "api/views.h"

namespace attune::api {

nlohmann::json TimeJson(const std::optional<Timestamp>& t) {
  return t ? nlohmann::json(FormatUtc(*t)) : nlohmann::json(nullptr);
}

void WriteAction(http::JsonWriter& w, const Action& a, Timestamp now) {
  w.Object();
  w.Int("id", a.id);
  w.IdOrNull("incident_id", a.incident_id);
  w.IdOrNull("pupil_id", a.pupil_id);
  w.IdOrNull("plan_id", a.plan_id);
  w.String("pupil", a.pupil_name);
  w.String("kind", a.kind);
  w.String("label", a.label);
  w.String("assignee_role", a.assignee_role);
  w.IdOrNull("assignee_staff_id", a.assignee_staff_id);
  w.Time("due_at", a.due_at);
  w.Bool("overdue", a.Overdue(now));
  w.String("description", a.description);
  w.String("because", a.because);
  w.String("status", a.status);
  w.String("outcome", a.outcome);
  w.Time("completed_at", a.completed_at);
  w.End();
}

nlohmann::json IncidentJson(const Incident& i) {
  nlohmann::json pupils = nlohmann::json::array();
  for (const auto& p : i.pupils) {
    pupils.push_back({{"id", p.pupil_id},
                      {"name", p.name},
                      {"role", p.role},
                      {"step", p.step.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.step)},
                      {"points", p.points},
                      {"reward_left_out", p.reward_left_out}});
  }
  nlohmann::json consequences = nlohmann::json::array();
  for (const auto& c : i.consequences) {
    consequences.push_back(
        {{"id", c.consequence},
         {"kind", c.protective ? "protective" : "educational"},
         {"on", c.on_date ? nlohmann::json(FormatDate(*c.on_date)) : nlohmann::json(nullptr)}});
  }
  nlohmann::json j = {{"id", i.id},
                      {"category", i.category},
                      {"class", i.behaviour_class},
                      {"policy_version", i.policy_version},
                      {"occurred_at", FormatUtc(i.occurred_at)},
                      {"recorded_at", FormatUtc(i.recorded_at)},
                      {"recorded_by", i.recorded_by_name},
                      {"location", i.place},
                      {"lesson", i.lesson},
                      {"antecedent", i.antecedent},
                      {"notes", i.behaviour},
                      {"response", i.response},
                      {"perceived_function", i.perceived_function},
                      {"others_involved", i.others_involved},
                      {"tally", i.tally},
                      {"safeguarding", i.safeguarding},
                      {"restricted", i.restricted},
                      {"physical_intervention", i.physical_intervention},
                      {"reward", i.reward},
                      {"repair_due_at", TimeJson(i.repair_due_at)},
                      {"repaired_at", TimeJson(i.repaired_at)},
                      {"closed_at", TimeJson(i.closed_at)},
                      {"pupils", pupils},
                      {"consequences", consequences}};
  if (i.physical) {
    const PhysicalIntervention& p = *i.physical;
    j["physical"] = {{"staff_involved", p.staff_involved},
                     {"before", p.before},
                     {"de_escalation", p.de_escalation},
                     {"hold", p.hold},
                     {"duration_minutes", p.duration_minutes},
                     {"reason", p.reason},
                     {"injuries", p.injuries},
                     {"support_after", p.support_after},
                     {"parent_notice_would_harm", p.parent_notice_would_harm},
                     {"staff_ids", p.staff_ids},
                     {"training_note", p.training_note},
                     {"parent_notice", p.notice_text},
                     {"parent_notice_sent_at", TimeJson(p.notice_sent_at)}};
  }
  if (i.suspension) j["suspension"] = SuspensionJson(*i.suspension);
  return j;
}

nlohmann::json SuspensionJson(const Suspension& s) {
  return {{"outcome", s.decided() ? nlohmann::json(s.outcome) : nlohmann::json()},
          {"reason_codes", s.reason_codes},
          {"decided_by_staff_id",
           s.decided_by_staff_id ? nlohmann::json(s.decided_by_staff_id) : nlohmann::json()},
          {"decided_at", TimeJson(s.decided_at)},
          {"starts_on", s.starts_on ? nlohmann::json(FormatDate(*s.starts_on)) : nlohmann::json()},
          {"school_days", s.school_days},
          {"not_suspended_reason", s.not_suspended_reason},
          {"parent_notice_at", TimeJson(s.parent_notice_at)},
          {"la_notice_at", TimeJson(s.la_notice_at)}};
}

void WriteEscalation(http::JsonWriter& w, const EscalationRecord& e) {
  w.Object();
  w.Int("id", e.id);
  w.Int("incident_id", e.incident_id);
  w.Int("pupil_id", e.pupil_id);
  w.String("escalation", e.escalation);
  w.String("plan", e.plan);
  w.String("step", e.step);
  w.String("reason", e.reason);
  w.String("status", e.status);
  w.End();
}

nlohmann::json RestorativeJson(const RestorativeConversation& c) {
  return {{"id", c.id},
          {"incident_id", c.incident_id},
          {"pupil_id", c.pupil_id},
          {"pupil", c.pupil_name},
          {"led_by", c.led_by_name},
          {"adult_staff_id", c.adult_staff_id},
          {"adult", c.adult_name},
          {"held_at", FormatUtc(c.held_at)},
          {"shuttle", c.shuttle},
          {"harmed", c.harmed},
          {"pupil_answers", c.pupil_answers},
          {"harmed_answers", c.harmed_answers},
          {"agreement", c.agreement},
          {"review_on", c.review_on ? nlohmann::json(FormatDate(*c.review_on)) : nlohmann::json()},
          {"repaired", c.repaired},
          {"repaired_at", TimeJson(c.repaired_at)}};
}

nlohmann::json NoRepairJson(const NoRepair& n) {
  return {{"incident_id", n.incident_id},
          {"pupil_id", n.pupil_id},
          {"pupil", n.pupil_name},
          {"reason", n.reason},
          {"note", n.note},
          {"recorded_by", n.recorded_by_name},
          {"recorded_at", FormatUtc(n.recorded_at)}};
}

nlohmann::json ContactLogJson(const ContactLogEntry& e) {
  return {{"id", e.id},
          {"pupil_id", e.pupil_id},
          {"incident_id", e.incident_id ? nlohmann::json(e.incident_id) : nlohmann::json()},
          {"action_id", e.action_id ? nlohmann::json(e.action_id) : nlohmann::json()},
          {"contact", e.contact_name},
          {"kind", e.kind},
          {"note", e.note},
          {"at", FormatUtc(e.at)},
          {"by", e.staff_name}};
}

}  // namespace attune::api
