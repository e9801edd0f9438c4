// GET /incidents/{id}: one record as the viewer may see it, in the words of
// the policy version it was made under: what happened, pupils and steps,
// consequences (protective or educational), legal guards, the follow-up
// actions, proposed plans, restorative conversations, contact with home and
// whether the repair happened within the policy's time (web/incident_repair.cpp).
#include <map>

#include "services/authorization.h"
#include "web/handlers.h"
#include "web/incident_page.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

using nlohmann::json;

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (size_t k = 0; k < items.size(); ++k) {
    out += (k == 0 ? "" : k + 1 == items.size() ? " and " : ", ") + items[k];
  }
  return out;
}

// A question with its answer, leaving out unanswered ones.
json Answers(const std::vector<std::string>& prompts, const std::vector<std::string>& answers) {
  json out = json::array();
  for (size_t k = 0; k < answers.size() && k < prompts.size(); ++k) {
    if (answers[k].find_first_not_of(" \t\r\n") == std::string::npos) continue;
    out.push_back({{"question", prompts[k]}, {"answer", answers[k]}});
  }
  return out;
}

// The restorative conversation form, refilled from `typed` after a failure.
json RestorativeForm(const WebContext& ctx, const Principal& by, const Incident& i,
                     const http::FormData* typed) {
  auto get = [&](const std::string& name, const std::string& fallback = "") {
    return typed ? typed->Get(name) : fallback;
  };
  json pupils = json::array();
  std::string chosen = get("pupil_id");
  for (const auto& p : i.pupils) {
    std::string id = std::to_string(p.pupil_id);
    pupils.push_back(
        {{"value", id}, {"label", p.name + " (" + p.role + ")"}, {"selected", id == chosen}});
  }
  json adults = json::array();
  std::string adult = get("adult_staff_id", std::to_string(i.recorded_by_staff_id));
  auto staff = ctx.store.ListStaff(by.school_id);
  if (staff.ok()) {
    for (const auto& s : *staff) {
      if (!s.active && s.id != i.recorded_by_staff_id) continue;
      std::string id = std::to_string(s.id);
      std::string label = s.name;
      if (s.id == i.recorded_by_staff_id) label += " (made the record)";
      adults.push_back({{"value", id}, {"label", label}, {"selected", id == adult}});
    }
  }
  json pupil_prompts = json::array();
  for (size_t k = 0; k < RestorativePrompts().size(); ++k) {
    std::string name = "pupil_answer_" + std::to_string(k);
    pupil_prompts.push_back({{"name", name},
                             {"n", std::to_string(k + 1)},
                             {"question", RestorativePrompts()[k]},
                             {"value", get(name)}});
  }
  json harmed_prompts = json::array();
  for (size_t k = 0; k < HarmedPrompts().size(); ++k) {
    std::string name = "harmed_answer_" + std::to_string(k);
    harmed_prompts.push_back({{"name", name},
                              {"n", std::to_string(k + 1)},
                              {"question", HarmedPrompts()[k]},
                              {"value", get(name)}});
  }
  return {{"pupils", pupils},
          {"adults", adults},
          {"pupil_prompts", pupil_prompts},
          {"harmed_prompts", harmed_prompts},
          {"harmed", get("harmed")},
          {"shuttle", get("shuttle") == "1"},
          {"agreement", get("agreement")},
          {"review_on", get("review_on")},
          {"repaired", get("repaired") == "1"}};
}

}  // namespace

http::Response RenderIncidentPage(const WebContext& ctx, const http::Request& req, long long id,
                                  const IncidentFormError* failed) {
  const Principal& by = *req.principal;
  auto got = ctx.incidents.Get(by, id, req.ip);
  if (!got.ok()) return RenderError(ctx, req, got.status());
  const IncidentView& v = *got;
  const Incident& i = v.incident;
  const policy::Policy& pol = *v.policy;
  Timestamp now = Now();
  bool can_follow_up = RoleHas(by.role, Permission::kRestorativeRecord);
  bool can_plan = RoleHas(by.role, Permission::kPlansManage);
  bool sees_contacts = RoleHas(by.role, Permission::kPupilsViewContacts);
  std::string step_word = Capitalised(pol.Word("step", "step"));

  std::map<long long, std::string> names;
  json pupils = json::array();
  std::string reward;
  const policy::Reward* given = i.reward.empty() ? nullptr : pol.FindReward(i.reward);
  if (!i.reward.empty()) reward = given ? given->name : i.reward;
  std::vector<std::string> left_out;
  for (const auto& p : i.pupils) {
    if (p.reward_left_out) left_out.push_back(p.name);
    names[p.pupil_id] = p.name;
    std::string step;
    if (!p.step.empty()) {
      const auto* s = pol.FindStep(p.step);
      step = s ? s->name : p.step;
    }
    pupils.push_back({{"id", p.pupil_id},
                      {"name", p.name},
                      {"role", Capitalised(p.role)},
                      {"step", step},
                      {"points", Counted(p.points, "point", "points")},
                      {"left_out", p.reward_left_out}});
  }
  // The note was kept; the recognition was left out for some, and why.
  std::string reward_left_out;
  if (!left_out.empty()) {
    std::string who;
    for (size_t k = 0; k < left_out.size(); ++k) {
      who += (k == 0 ? "" : k + 1 == left_out.size() ? " and " : ", ") + left_out[k];
    }
    reward_left_out = "Not given to " + who + ": " +
                      (given ? policy::LeftOutReason(*given, pol.Word("pupil", "pupil"))
                             : "its limit for the day was reached") +
                      ".";
  }

  json consequences = json::array();
  for (const auto& c : i.consequences) {
    const auto* pc = pol.FindConsequence(c.consequence);
    consequences.push_back({{"name", pc ? pc->name : c.consequence},
                            {"protective", c.protective},
                            {"on", c.on_date ? DateWords(*c.on_date) : ""}});
  }

  json physical;
  if (i.physical) {
    const PhysicalIntervention& p = *i.physical;
    physical = {{"staff_involved", p.staff_involved},
                {"before", p.before},
                {"de_escalation", p.de_escalation},
                {"hold", Capitalised(p.hold)},
                {"duration", std::to_string(p.duration_minutes) + " minute" +
                                 (p.duration_minutes == 1 ? "" : "s")},
                {"reason", p.reason},
                {"injuries", p.injuries.empty() ? "None recorded" : p.injuries},
                {"support_after", p.support_after},
                {"training_note", p.training_note},
                {"would_harm", p.parent_notice_would_harm},
                {"notice_text", p.notice_text},
                {"has_notice", !p.parent_notice_would_harm && !p.notice_text.empty()},
                {"sent", p.notice_sent_at.has_value()},
                {"sent_words", p.notice_sent_at ? WhenWords(*p.notice_sent_at, now) : ""},
                {"can_send", can_follow_up && !p.notice_sent_at}};
  }
  auto suspension = SuspensionSection(ctx, by, v, failed);
  if (!suspension.ok()) return RenderError(ctx, req, suspension.status());
  auto amends = AmendsSection(ctx, by, v, failed);
  if (!amends.ok()) return RenderError(ctx, req, amends.status());

  json actions = json::array();
  int open = 0;
  json completable = json::array();
  for (const auto& a : v.actions) {
    json item = ActionJson(a, now, by);
    bool mine = ActionService::IsAssignee(by, a);
    // The suspension decision is made in the section above, and the
    // conversation and the repair below, not in my actions.
    bool here = ActionService::DoneByItsRecord(a.kind);
    item["mine"] = mine && a.status == "open" && !here;
    item["below"] = a.status == "open" && a.kind != "suspension_decision" && here && can_follow_up;
    actions.push_back(item);
    if (a.status != "open") continue;
    ++open;
    bool home = a.kind == "phone_call_home" || a.kind == "inform_home" || a.kind == "meeting" ||
                a.kind == "home_visit" || a.kind == "letter_home";
    if (home && a.pupil_id && (mine || RoleHas(by.role, Permission::kActionsManage))) {
      std::string typed = failed ? failed->typed.Get("action_id") : "";
      completable.push_back({{"value", std::to_string(a.id)},
                             {"label", item["label"].get<std::string>() + " for " + a.pupil_name},
                             {"selected", typed == std::to_string(a.id)}});
    }
  }

  json escalations = json::array();
  for (const auto& e : v.escalations) {
    std::string plan, step, fill_href;
    if (!e.plan.empty()) {
      const auto* p = pol.FindPlan(e.plan);
      plan = p ? p->name : e.plan;
      // A plan with a form to fill when it starts is started from its form.
      if (p && p->HasStage(policy::PlanStage::kStart)) {
        fill_href = "/plans/new?pupil=" + std::to_string(e.pupil_id) + "&type=" + p->id +
                    "&incident=" + std::to_string(i.id) + "&escalation=" + std::to_string(e.id);
      }
    }
    if (!e.step.empty()) {
      const auto* s = pol.FindStep(e.step);
      step = s ? s->name : e.step;
    }
    std::string status = e.status == "started"    ? "Started"
                         : e.status == "declined" ? "Declined"
                                                  : "Waiting for a decision";
    escalations.push_back(
        {{"id", e.id},
         {"incident_id", i.id},
         {"pupil", names.count(e.pupil_id) ? names[e.pupil_id] : ""},
         {"plan", plan},
         {"step", step},
         {"reason", e.reason},
         {"status", status},
         {"proposed", e.status == "proposed"},
         {"can_start", can_plan && e.status == "proposed" && !e.plan.empty() && fill_href.empty()},
         {"can_fill", can_plan && e.status == "proposed" && !fill_href.empty()},
         {"fill_href", fill_href},
         {"can_decline", can_plan && e.status == "proposed"}});
  }

  auto conversations = ctx.restorative.List(by, id, 0, req.ip);
  if (!conversations.ok()) return RenderError(ctx, req, conversations.status());
  json talks = json::array();
  for (const auto& c : *conversations) {
    json pupil_answers = Answers(RestorativePrompts(), c.pupil_answers);
    json harmed_answers = Answers(HarmedPrompts(), c.harmed_answers);
    talks.push_back({{"id", c.id},
                     {"has_pupil_answers", !pupil_answers.empty()},
                     {"has_harmed_answers", !harmed_answers.empty()},
                     {"pupil", c.pupil_name},
                     {"led_by", c.led_by_name},
                     {"adult", c.adult_name},
                     {"same_adult", c.adult_staff_id == c.led_by_staff_id},
                     {"held", WhenWords(c.held_at, now)},
                     {"shuttle", c.shuttle},
                     {"harmed", c.harmed},
                     {"pupil_answers", pupil_answers},
                     {"harmed_answers", harmed_answers},
                     {"agreement", c.agreement},
                     {"review_on", c.review_on ? DateWords(*c.review_on) : ""},
                     {"repaired", c.repaired},
                     {"repaired_words", c.repaired_at ? WhenWords(*c.repaired_at, now) : ""},
                     {"can_repair", can_follow_up && !c.repaired}});
  }

  auto log = ctx.restorative.Contacts(by, 0, id, req.ip);
  if (!log.ok()) return RenderError(ctx, req, log.status());
  json contacts_log = json::array();
  for (const auto& e : *log) {
    bool named = sees_contacts || e.staff_id == by.staff_id;
    contacts_log.push_back({{"kind", ContactKindLabel(e.kind)},
                            {"pupil", e.pupil_name},
                            {"contact", named ? e.contact_name : ""},
                            {"note", e.note},
                            {"when", WhenWords(e.at, now)},
                            {"by", e.staff_name}});
  }

  // Who the contact form can name: each pupil's parents and carers for those
  // who may see them; otherwise "a parent or carer", said in the note.
  json who = json::array();
  std::string typed_who = failed ? failed->typed.Get("who") : "";
  for (const auto& p : i.pupils) {
    json options = json::array();
    if (sees_contacts) {
      auto contacts = ctx.pupils.Contacts(by, p.pupil_id);
      if (!contacts.ok()) return RenderError(ctx, req, contacts.status());
      for (const auto& c : *contacts) {
        std::string value = std::to_string(p.pupil_id) + ":" + std::to_string(c.id);
        options.push_back({{"value", value},
                           {"label", c.name + " (" + c.relationship + ")"},
                           {"selected", value == typed_who}});
      }
    }
    std::string value = std::to_string(p.pupil_id) + ":0";
    options.push_back({{"value", value},
                       {"label", sees_contacts ? "Someone else" : "A parent or carer"},
                       {"selected", value == typed_who}});
    who.push_back({{"pupil", p.name}, {"options", options}});
  }
  json kinds = json::array();
  std::string typed_kind = failed ? failed->typed.Get("kind") : "phone_call";
  for (const auto& k : ContactKinds()) {
    kinds.push_back({{"value", k}, {"label", ContactKindLabel(k)}, {"selected", k == typed_kind}});
  }

  auto repair = RepairSection(ctx, by, v, *conversations, failed, req.ip);
  if (!repair.ok()) return RenderError(ctx, req, repair.status());
  std::vector<std::string> others;
  for (const auto& o : i.others_involved) others.push_back(o == "unknown" ? "not known" : o);
  std::vector<std::string> visible;
  for (const auto& r : i.visible_to) visible.push_back(RoleWords(r));

  json view = {
      {"id", i.id},
      {"heading", v.category_name.empty() ? i.category : v.category_name},
      {"class_label", ClassWords(i.behaviour_class)},
      {"when", WhenWords(i.occurred_at, now)},
      {"when_iso", FormatUtc(i.occurred_at)},
      {"recorded_by", i.recorded_by_name},
      {"recorded_when", WhenWords(i.recorded_at, now)},
      {"policy_version", std::to_string(i.policy_version)},
      {"place", i.place},
      {"lesson", i.lesson},
      {"antecedent", i.antecedent},
      {"behaviour", i.behaviour},
      {"response", i.response},
      {"function", i.perceived_function.empty() ? ""
                   : pol.FindFunction(i.perceived_function) != nullptr
                       ? pol.FindFunction(i.perceived_function)->name
                       : PerceivedFunctionLabel(i.perceived_function)},
      {"others", Capitalised(Joined(others))},
      {"has_story", !i.antecedent.empty() || !i.behaviour.empty() || !i.response.empty()},
      {"tally", i.tally},
      {"restricted", i.restricted},
      {"visible_to", Joined(visible)},
      {"step_word", step_word},
      {"pupils", pupils},
      {"reward", reward},
      {"reward_left_out", reward_left_out},
      {"pupils_word", Capitalised(pol.Word("pupils", "pupils"))},
      {"consequences", consequences},
      {"has_consequences", !consequences.empty()},
      {"physical", physical},
      {"suspension", *suspension},
      {"amends", *amends},
      {"actions", actions},
      {"has_actions", !actions.empty()},
      {"open_count", std::to_string(open) + (open == 1 ? " follow-up" : " follow-ups")},
      {"has_open", open > 0},
      {"closed", i.closed_at.has_value()},
      {"closed_words", i.closed_at ? WhenWords(*i.closed_at, now) : ""},
      {"repair", *repair},
      {"escalations", escalations},
      {"has_escalations", !escalations.empty()},
      {"conversations", talks},
      {"has_conversations", !talks.empty()},
      {"contact_log", contacts_log},
      {"has_contact_log", !contacts_log.empty()},
      {"can_follow_up", can_follow_up},
      {"form", RestorativeForm(ctx, by, i,
                               failed && failed->form == "restorative" ? &failed->typed : nullptr)},
      {"who", who},
      {"kinds", kinds},
      {"completable", completable},
      {"has_completable", !completable.empty()},
      {"contact_note", failed && failed->form == "contact" ? failed->typed.Get("note") : ""},
      {"back", "/incidents/" + std::to_string(i.id)}};
  bool repair_open = false;
  for (const auto& a : v.actions) {
    repair_open = repair_open || (a.status == "open" &&
                                  (a.kind == "restorative_conversation" || a.kind == "repair"));
  }
  view["restorative_open"] = talks.empty() && repair_open;
  // Families' thank-yous to a note shared with them (decision 0026).
  auto replies = ctx.families.Replies(by, i.id);
  if (replies.ok() && !replies->empty()) {
    json from_home = json::array();
    for (const auto& r : *replies) {
      from_home.push_back(
          {{"words", r.reply}, {"by", r.recorded_by}, {"when", WhenWords(r.occurred_at, now)}});
    }
    view["from_home"] = from_home;
    view["has_from_home"] = true;
  }
  // What of it reaches each pupil's family, and taking it back.
  auto shares = ctx.families.SharesOf(by, i.id);
  if (shares.ok() && !shares->empty()) {
    bool may_withdraw = ctx.families.MayWithdraw(by, i);
    json list = json::array();
    for (const auto& f : *shares) {
      bool shared = f.state == FamilyShareState::kShared;
      bool waiting = f.state == FamilyShareState::kWaiting;
      std::string state = shared
                              ? (f.families == 0 ? "Shared; no one in the family has an account yet"
                                                 : "Shared with the family")
                          : waiting ? "Waiting to be checked before the family sees it"
                                    : (f.decided_at ? "Kept in school" : "Not shared");
      if (!shared && !waiting && f.decided_at) {
        state += " (" + (f.decided_by.empty() ? std::string("") : f.decided_by + ", ") +
                 WhenWords(*f.decided_at, now) + ")";
      }
      list.push_back({{"pupil_id", f.pupil_id},
                      {"pupil", f.pupil_name},
                      {"state", state},
                      {"words", shared ? f.words : ""},
                      {"may_withdraw", may_withdraw && (shared || waiting)}});
    }
    view["family_shares"] = list;
    view["has_family_shares"] = true;
  }
  view["contact_open"] = !completable.empty();
  if (failed) {
    view[failed->form + "_error"] = failed->error.message();
    if (failed->form == "restorative") view["restorative_open"] = true;
    if (failed->form == "contact") view["contact_open"] = true;
    if (failed->form == "no_repair") view["restorative_open"] = false;
  }
  std::string title = view["heading"].get<std::string>() + ", " + view["when"].get<std::string>();
  int status = failed ? HttpStatusFor(failed->error) : 200;
  return RenderPage(ctx, req, "incident", title, view, status);
}

http::Response IncidentShow(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  return RenderIncidentPage(ctx, req, *id, nullptr);
}

}  // namespace attune::web
