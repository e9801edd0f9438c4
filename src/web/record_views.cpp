// The views of the recording pages: the form with its errors in place, the
// chosen pupils, their personal profiles and the policy's live preview.
#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "services/authorization.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/record_form.h"
#include "web/site.h"

namespace attune::web {
namespace {

using nlohmann::json;

// Profiles shown at once while recording; more than this is a class, not
// the few pupils a member of staff is about to respond to.
constexpr size_t kProfilesShown = 4;

std::optional<long long> IdOf(const std::string& text) {
  long long id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Where each field's refusal is shown: the view key and the anchor the
// error summary links to. Unknown fields show at the top of the form.
struct FieldPlace {
  const char* field;
  const char* key;
  const char* anchor;
};
constexpr FieldPlace kFieldPlaces[] = {
    {"pupils", "error_pupils", "record-pupils"},
    {"category", "error_category", "record-category"},
    {"step", "error_step", "record-step"},
    {"occurred_at", "error_when", "record-date"},
    {"location", "error_place", "record-place"},
    {"lesson", "error_lesson", "record-lesson"},
    {"antecedent", "error_antecedent", "record-antecedent"},
    {"notes", "error_behaviour", "record-behaviour"},
    {"response", "error_response", "record-response"},
    {"perceived_function", "error_function", "record-function"},
    {"others_involved", "error_others", "record-others"},
    {"consequences", "error_consequences", "record-consequences"},
    {"consequence_date", "error_consequence_date", "record-consequence-date"},
    {"reward", "error_reward", "record-reward"},
    {"physical_intervention.hold", "error_pi_hold", "record-pi-hold"},
    {"physical_intervention.reason", "error_pi_reason", "record-pi-reason"},
    {"physical_intervention.duration_minutes", "error_pi_duration", "record-pi-duration"},
    {"physical_intervention.staff_ids", "error_pi_staff_ids", "record-pi-staff-ids"},
    {"physical_intervention", "error_pi", "record-pi"},
};

void PlaceError(const Status& error, json& view) {
  if (error.ok()) return;
  std::string anchor = "record-form";
  bool placed = false;
  for (const auto& p : kFieldPlaces) {
    if (error.field() == p.field) {
      view[p.key] = error.message();
      anchor = p.anchor;
      placed = true;
      break;
    }
  }
  if (!placed) view["page_error"] = error.message();
  view["has_error"] = true;
  view["error_message"] = error.message();
  view["error_anchor"] = anchor;
}

std::string WhoLabel(const std::string& assignee, const policy::Policy& policy) {
  if (assignee == "recorder") return "You";
  if (assignee == "key_adult") return Capitalised(policy.Word("key_adult", "key adult"));
  return RoleWords(assignee);
}

// The lessons offered as "whole class": the one in progress and the next
// first, then the rest of the day. On a day without school, the next
// school day's.
json ClassChoices(const MyDay& day) {
  json classes = json::array();
  std::set<long long> seen;
  bool first = true;
  for (const auto& l : day.lessons) {
    if (day.lessons_are_today && l.ends_at <= day.now_minutes) continue;
    if (!seen.insert(l.group_id).second) continue;
    std::string when;
    if (!day.lessons_are_today) {
      when = l.period_name + " on " + day.lessons_day_label;
    } else if (day.now_minutes >= l.starts_at) {
      when = l.period_name + ", now";
    } else {
      when = l.period_name + " at " + FormatTimeOfDay(l.starts_at);
    }
    classes.push_back({{"group_id", l.group_id},
                       {"group", l.group_name},
                       {"subject", l.subject},
                       {"when", when},
                       {"primary", first}});
    first = false;
  }
  if (classes.empty() && day.lessons_are_today) {
    // After the last lesson: the day's classes, the most recent first.
    for (auto l = day.lessons.rbegin(); l != day.lessons.rend(); ++l) {
      if (!seen.insert(l->group_id).second) continue;
      classes.push_back({{"group_id", l->group_id},
                         {"group", l->group_name},
                         {"subject", l->subject},
                         {"when", l->period_name + " earlier today"},
                         {"primary", classes.empty()}});
    }
  }
  return classes;
}

json Options(const std::vector<std::string>& ids, const std::vector<std::string>& chosen,
             std::string (*label)(const std::string&)) {
  json out = json::array();
  for (const auto& id : ids) {
    out.push_back({{"id", id}, {"label", label(id)}, {"checked", Contains(chosen, id)}});
  }
  return out;
}

std::string OthersLabel(const std::string& id) {
  if (id == "peers") return "Other pupils";
  if (id == "staff") return "Staff";
  return "Not known";
}

std::string RoleChoiceLabel(const std::string& id) {
  if (id == "affected") return "Affected";
  if (id == "witness") return "Witness";
  return "Involved";
}

// Why the policy suggests `step` for `category_id`, in one sentence: where
// the policy starts that behaviour, that earlier steps in this lesson (or
// today) make this the next one up, or that it goes no higher. Mirrors
// the engine's rule: the higher of the category's entry step and one above
// the highest step reached, capped at the highest the category may reach.
std::string WhySuggested(const policy::Policy& policy, const std::string& category_id,
                         const policy::Step& step) {
  const policy::Category* c = policy.FindCategory(category_id);
  if (!c) return "";
  const policy::Step* entry_step = policy.FindStep(c->default_step);
  int entry = entry_step ? entry_step->order : 1;
  int highest = policy.HighestOrder(*c);
  std::string word = policy.Word("step", "step"), words = policy.Word("steps", "steps");
  std::string name = "“" + c->name + "”";
  if (step.order == entry) return "Our policy starts " + name + " at this " + word + ".";
  if (step.order > entry) {
    std::string scope = policy.ladder.scope == policy::Scope::kDay ? "today" : "in this lesson";
    std::string why = "Earlier " + words + " " + scope + " make this the next one up";
    if (step.order == highest) why += "; " + name + " goes no higher in our policy";
    return why + ".";
  }
  return name + " goes no further than this " + word + " in our policy.";
}

json DifficultView(const WebContext& ctx, const http::Request& req, const policy::Policy& policy,
                   const RecordForm& form) {
  json groups = json::array();
  const std::pair<policy::BehaviourClass, const char*> classes[] = {
      {policy::BehaviourClass::kLowLevel, "Getting in the way, no harm to anyone"},
      {policy::BehaviourClass::kDifficult, "Antisocial, but no one is at risk of harm"},
      {policy::BehaviourClass::kDangerous, "Someone could be hurt, or serious damage"}};
  for (const auto& [cls, hint] : classes) {
    json items = json::array();
    for (const auto& c : policy.categories) {
      if (c.behaviour_class != cls) continue;
      const policy::Band* band = policy.FindBand(c.band);
      items.push_back({{"id", c.id},
                       {"name", c.name},
                       {"band", band ? band->name : ""},
                       {"band_order", band ? band->order : 0},
                       {"safeguarding", c.safeguarding},
                       {"planned_ignoring", c.planned_ignoring},
                       {"checked", c.id == form.category}});
    }
    if (items.empty()) continue;
    groups.push_back({{"class", policy::ClassName(cls)},
                      {"label", policy::ClassLabel(cls)},
                      {"hint", hint},
                      {"categories", items}});
  }
  json steps = json::array();
  for (const auto& s : policy.steps) {
    steps.push_back(
        {{"id", s.id}, {"name", s.name}, {"order", s.order}, {"checked", s.id == form.step}});
  }
  json places = json::array();
  if (auto list = ctx.store.ListPlaces(req.principal->school_id); list.ok()) {
    for (const auto& p : *list) places.push_back(p.name);
  }
  json protective = json::array(), educational = json::array();
  for (const auto& c : policy.consequences) {
    json item = {{"id", c.id},
                 {"name", c.name},
                 {"description", c.description},
                 {"off_site", c.off_site},
                 {"checked", Contains(form.consequences, c.id)}};
    (c.protective ? protective : educational).push_back(item);
  }
  json functions = json::array();
  for (const auto& f : policy.functions) {
    functions.push_back(
        {{"id", f.id}, {"label", f.name}, {"selected", f.id == form.perceived_function}});
  }
  const PhysicalIntervention& p = form.physical;
  // Who held the pupil, when the policy relies on training for it.
  json pi_staff = json::array();
  bool training =
      std::any_of(policy.training.begin(), policy.training.end(),
                  [](const policy::Training& t) { return t.for_physical_intervention; });
  if (training) {
    if (auto staff = ctx.store.ListStaff(req.principal->school_id); staff.ok()) {
      for (const auto& s : *staff) {
        if (!s.active) continue;
        pi_staff.push_back({{"id", s.id},
                            {"name", s.name},
                            {"checked", Contains(form.staff_ids, std::to_string(s.id))}});
      }
    }
  }
  bool notes = !form.antecedent.empty() || !form.behaviour.empty() || !form.response.empty() ||
               !form.perceived_function.empty() || !form.others_involved.empty();
  return {{"category_groups", groups},
          {"steps", steps},
          {"has_steps", !steps.empty()},
          {"suggest_checked", form.step.empty()},
          {"date", form.date},
          {"time", form.time},
          {"place", form.place},
          {"lesson", form.lesson},
          {"places", places},
          {"antecedent", form.antecedent},
          {"behaviour", form.behaviour},
          {"response", form.response},
          {"notes_open", notes},
          {"functions", functions},
          {"others", Options(OthersInvolved(), form.others_involved, OthersLabel)},
          {"protective", protective},
          {"educational", educational},
          {"has_protective", !protective.empty()},
          {"has_educational", !educational.empty()},
          {"has_consequences", !protective.empty() || !educational.empty()},
          {"consequences_open", !form.consequences.empty() || !form.consequence_date.empty()},
          {"consequence_date", form.consequence_date},
          {"safeguarding", form.safeguarding},
          {"physical_intervention", form.physical_intervention},
          {"pi_staff", p.staff_involved},
          {"pi_staff_choices", pi_staff},
          {"has_pi_staff_choices", !pi_staff.empty()},
          {"pi_before", p.before},
          {"pi_de_escalation", p.de_escalation},
          {"pi_hold", p.hold},
          {"pi_duration", form.duration},
          {"pi_reason", p.reason},
          {"pi_injuries", p.injuries},
          {"pi_support", p.support_after},
          {"pi_notice_would_harm", p.parent_notice_would_harm},
          {"regulation_space", policy.Word("regulation_space", "")}};
}

}  // namespace

json PositiveView(const policy::Policy& policy, const RecordForm& form) {
  json categories = json::array();
  for (const auto& c : policy.categories) {
    if (c.behaviour_class != policy::BehaviourClass::kProsocial) continue;
    const policy::Band* band = policy.FindBand(c.band);
    categories.push_back({{"id", c.id},
                          {"name", c.name},
                          {"description", c.description},
                          {"band", band ? band->name : ""},
                          {"band_order", band ? band->order : 0},
                          {"checked", c.id == form.category}});
  }
  json rewards = json::array();
  for (const auto& r : policy.rewards) {
    std::string value;
    if (r.value > 0 && (r.kind == "points" || r.kind == "gems")) {
      value = r.kind == "points" ? Counted(r.value, "point", "points")
                                 : Counted(r.value, "gem", "gems");
    }
    rewards.push_back({{"id", r.id},
                       {"name", r.name},
                       {"value", value},
                       {"goes_home", policy.SendsHomeByDefault(r.id)}});
  }
  // "Send home" (decision 0026): offered when the policy shares positive
  // notes with families; as the policy says for each recognition unless
  // the adult chooses, so a postcard home costs no extra tap.
  auto share = policy.families.by_class.find(policy::BehaviourClass::kProsocial);
  bool offers_home =
      share != policy.families.by_class.end() && share->second != policy::FamilyShare::kNever;
  return {{"categories", categories},
          {"has_categories", !categories.empty()},
          {"rewards", rewards},
          {"has_rewards", !rewards.empty()},
          {"offers_home", offers_home},
          {"home_usual", form.send_home != "yes" && form.send_home != "no"},
          {"home_yes", form.send_home == "yes"},
          {"home_no", form.send_home == "no"},
          {"notes_home", policy.families.notes_home},
          {"note", form.behaviour}};
}

std::vector<Pupil> ChosenPupils(const WebContext& ctx, const http::Request& req,
                                const RecordForm& form) {
  std::vector<Pupil> out;
  for (const auto& text : form.pupil_ids) {
    auto id = IdOf(text);
    if (!id || out.size() >= kMaxPupils) continue;
    bool repeat = std::any_of(out.begin(), out.end(), [&](const Pupil& p) { return p.id == *id; });
    if (repeat) continue;
    auto pupil = ctx.store.GetPupil(req.principal->school_id, *id);
    if (pupil.ok()) out.push_back(std::move(*pupil));
  }
  return out;
}

std::string RenderChosen(const WebContext& ctx, RecordKind kind, const std::vector<Pupil>& pupils,
                         const std::vector<std::string>& roles,
                         const std::vector<long long>& already_shown, const std::string& status) {
  json items = json::array();
  for (size_t i = 0; i < pupils.size(); ++i) {
    const Pupil& p = pupils[i];
    std::string role = i < roles.size() && !roles[i].empty() ? roles[i] : "involved";
    json role_options = json::array();
    for (const auto& r : PupilRoles()) {
      role_options.push_back(
          {{"value", r}, {"label", RoleChoiceLabel(r)}, {"selected", r == role}});
    }
    bool shown = std::find(already_shown.begin(), already_shown.end(), p.id) != already_shown.end();
    items.push_back({{"id", p.id},
                     {"name", p.DisplayName()},
                     {"oob", shown},
                     {"with_roles", kind == RecordKind::kDifficult},
                     {"roles", role_options}});
  }
  return ctx.renderer.Render("fragments/record_chosen", {{"pupils", items}, {"status", status}});
}

Result<std::string> RenderProfiles(const WebContext& ctx, const http::Request& req,
                                   const std::vector<Pupil>& pupils) {
  long long school = req.principal->school_id;
  std::string key_adult = "Key adult";
  if (auto policy = ctx.policies.InForce(school, LondonDate(Now())); policy.ok()) {
    key_adult = Capitalised(policy->policy->Word("key_adult", "key adult"));
  }
  json cards = json::array();
  for (size_t i = 0; i < pupils.size() && i < kProfilesShown; ++i) {
    const Pupil& p = pupils[i];
    auto profile = ctx.store.GetProfile(school, p.id);
    if (!profile.ok()) return profile.status();
    auto plans = ctx.store.ListPlans(school, p.id);
    if (!plans.ok()) return plans.status();
    json targets = json::array();
    for (const auto& plan : *plans) {
      if (plan.status != "active" || plan.target.empty()) continue;
      targets.push_back({{"plan", plan.name}, {"target", plan.target}});
    }
    const PupilProfile& pr = *profile;
    bool has_profile = !pr.communication.empty() || !pr.what_helps.empty() ||
                       !pr.triggers.empty() || !pr.strengths.empty();
    cards.push_back({{"id", p.id},
                     {"name", p.DisplayName()},
                     {"first_name", p.preferred_name.empty() ? p.first_name : p.preferred_name},
                     {"key_adult_word", key_adult},
                     {"key_adult", p.key_adult_name},
                     {"sen", p.sen == SenStatus::kNone ? "" : SenLabel(p.sen)},
                     {"has_profile", has_profile},
                     {"communication", pr.communication},
                     {"has_communication", !pr.communication.empty()},
                     {"what_helps", pr.what_helps},
                     {"triggers", pr.triggers},
                     {"strengths", pr.strengths},
                     {"targets", targets},
                     {"has_targets", !targets.empty()}});
  }
  size_t more = pupils.size() > kProfilesShown ? pupils.size() - kProfilesShown : 0;
  return ctx.renderer.Render("fragments/record_profiles",
                             {{"profiles", cards}, {"more", more}, {"has_more", more > 0}});
}

std::string RenderPreview(const WebContext& ctx, const http::Request& req, const RecordForm& form) {
  auto quiet = [&](const std::string& message) {
    return ctx.renderer.Render("fragments/record_preview", {{"message", message}});
  };
  if (form.pupil_ids.empty() || form.category.empty()) {
    return quiet("Choose who was involved and what you saw: what our policy asks next shows here.");
  }
  RecordForm draft = form;
  if (draft.physical_intervention) {
    // The statutory fields are checked on saving; while they are being
    // written, the preview still shows what the policy asks.
    PhysicalIntervention& p = draft.physical;
    if (p.hold.empty()) p.hold = "-";
    if (p.reason.empty()) p.reason = "-";
    auto minutes = http::IntValue(draft.duration, 0, "duration");
    if (!minutes.ok() || *minutes < 1 || *minutes > 600) draft.duration = "1";
  }
  auto request = ToRecordRequest(draft);
  if (!request.ok()) return quiet(request.status().message());
  auto outcome = ctx.incidents.Preview(*req.principal, *request);
  if (!outcome.ok()) {
    if (outcome.status().code() == StatusCode::kInvalid) return quiet(outcome.status().message());
    return quiet("The policy's suggestion cannot be shown just now; you can still save.");
  }
  const policy::Policy& policy = *outcome->policy;
  Timestamp now = Now();

  size_t involved = std::count_if(outcome->pupils.begin(), outcome->pupils.end(),
                                  [](const PupilDecision& d) { return d.role == "involved"; });
  json refusals = json::array(), actions = json::array(), escalations = json::array();
  std::vector<std::string> step_order;
  std::map<std::string, std::vector<std::string>> step_pupils;
  std::map<std::string, std::string> step_suggested;  // chosen step -> suggested step
  bool tally = false;
  for (const auto& d : outcome->pupils) {
    if (d.role != "involved") continue;
    std::string prefix = involved > 1 ? d.name + ": " : "";
    for (const auto& r : d.decision.refusals) refusals.push_back({{"reason", prefix + r.reason}});
    tally = tally || d.decision.tally_only;
    // A refused choice still shows what the policy would suggest instead.
    std::string step = d.decision.step.empty() ? d.decision.suggested_step : d.decision.step;
    if (!step.empty()) {
      if (!step_pupils.count(step)) step_order.push_back(step);
      step_pupils[step].push_back(d.name);
      step_suggested[step] = d.decision.suggested_step;
    }
    for (const auto& a : d.decision.actions) {
      actions.push_back({{"label", a.label},
                         {"who", WhoLabel(a.assignee, policy)},
                         {"due", a.due ? DueWords(*a.due, now) : ""},
                         {"for_name", involved > 1 ? d.name : ""},
                         {"description", a.description}});
    }
    for (const auto& e : d.decision.escalations) {
      std::string what;
      if (const auto* plan = policy.FindPlan(e.plan)) what = plan->name;
      if (const auto* step = policy.FindStep(e.step)) {
        what += (what.empty() ? "" : ", then ") + step->name;
      }
      if (what.empty()) continue;
      escalations.push_back(
          {{"what", what}, {"reason", e.reason}, {"for_name", involved > 1 ? d.name : ""}});
    }
  }
  json steps = json::array();
  for (const auto& id : step_order) {
    const policy::Step* s = policy.FindStep(id);
    if (!s) continue;
    std::string names;
    if (involved > 1) {
      for (const auto& n : step_pupils[id]) names += (names.empty() ? "" : ", ") + n;
    }
    const std::string& suggested = step_suggested[id];
    const policy::Step* sug = policy.FindStep(suggested);
    bool chosen = !form.step.empty() && suggested != id;
    steps.push_back({{"name", s->name},
                     {"why", chosen ? "" : WhySuggested(policy, form.category, *s)},
                     {"order", s->order},
                     {"guidance", s->guidance},
                     {"script", s->script},
                     {"phrases", s->phrases},
                     {"has_phrases", !s->phrases.empty()},
                     {"for_names", names},
                     {"chosen", chosen},
                     {"suggested_name", sug && suggested != id ? sug->name : ""}});
  }
  json guards = json::array();
  for (const auto& g : outcome->guards) guards.push_back({{"message", g.message}});
  // Refreshed by htmx, what happens next goes out of band to its own card
  // after the step (#record-next), so the step, why and its phrases stay
  // short enough to be on screen together just before the save bar shows.
  return ctx.renderer.Render("fragments/record_preview",
                             {{"oob", req.Header("hx-request") == "true"},
                              {"refusals", refusals},
                              {"has_refusals", !refusals.empty()},
                              {"steps", steps},
                              {"step_word", policy.Word("step", "step")},
                              {"tally", tally},
                              {"actions", actions},
                              {"has_actions", !actions.empty()},
                              {"no_actions", actions.empty() && refusals.empty()},
                              {"guards", guards},
                              {"escalations", escalations},
                              {"has_escalations", !escalations.empty()}});
}

Result<nlohmann::json> RecordPageView(const WebContext& ctx, const http::Request& req,
                                      const RecordForm& form, const Status& error,
                                      const MyDay* day) {
  json view = {{"kind", RecordKindName(form.kind)}};
  auto loaded = ctx.policies.InForce(req.principal->school_id, LondonDate(Now()));
  if (!loaded.ok()) {
    if (loaded.status().code() != StatusCode::kNotFound) return loaded.status();
    view["no_policy"] = true;
    return view;
  }
  const policy::Policy& policy = *loaded->policy;
  view["has_policy"] = true;
  view["pupil_word"] = policy.Word("pupil", "pupil");
  view["pupils_word"] = policy.Word("pupils", "pupils");
  view["Pupils_word"] = Capitalised(policy.Word("pupils", "pupils"));
  view["step_word"] = policy.Word("step", "step");
  view["key_adult_word"] = policy.Word("key_adult", "key adult");
  view["Step_word"] = Capitalised(policy.Word("step", "step"));
  std::vector<Pupil> chosen = ChosenPupils(ctx, req, form);
  std::vector<std::string> roles;
  for (const auto& p : chosen) {
    std::string id = std::to_string(p.id);
    auto it = std::find(form.pupil_ids.begin(), form.pupil_ids.end(), id);
    roles.push_back(it == form.pupil_ids.end() ? "involved"
                                               : form.roles[it - form.pupil_ids.begin()]);
  }
  view["chosen_html"] = RenderChosen(ctx, form.kind, chosen, roles, {});
  // Once someone is chosen, finding pupils folds away behind "Change or
  // add", so what the policy suggests comes up the page.
  json chosen_ids = json::array();
  for (const auto& p : chosen) chosen_ids.push_back(p.id);
  view["chosen_ids"] = chosen_ids;
  view["chosen_query"] = ChosenQuery(form.pupil_ids);
  view["find_open"] = chosen.empty();
  json classes = json::array();
  if (day) {
    classes = ClassChoices(*day);
  } else if (auto today = ctx.days.Today(*req.principal, Now()); today.ok()) {
    classes = ClassChoices(*today);
  }
  view["classes"] = classes;
  view["has_classes"] = !classes.empty();
  view["more_classes"] = classes.size() > 1;
  PlaceError(error, view);
  if (form.kind == RecordKind::kPositive) {
    view.update(PositiveView(policy, form));
  } else {
    view.update(DifficultView(ctx, req, policy, form));
    auto profiles = RenderProfiles(ctx, req, chosen);
    if (!profiles.ok()) return profiles.status();
    view["profiles_html"] = *profiles;
    view["preview_html"] = RenderPreview(ctx, req, form);
    view["pi_open"] = form.physical_intervention;
  }
  return view;
}

http::Response SaveOrShowAgain(const WebContext& ctx, http::Request& req, const RecordForm& record,
                               const Result<RecordRequest>& request, const std::string& page,
                               const std::string& title,
                               const std::function<http::Response(const RecordOutcome&)>& saved) {
  Result<RecordOutcome> outcome =
      request.ok() ? ctx.incidents.Record(*req.principal, *request, req.ip) : request.status();
  if (outcome.ok()) return saved(*outcome);
  if (outcome.status().code() != StatusCode::kInvalid) {
    return RenderError(ctx, req, outcome.status());
  }
  auto view = RecordPageView(ctx, req, record, outcome.status());
  if (!view.ok()) return RenderError(ctx, req, view.status());
  return RenderPage(ctx, req, page, title, *view, 422);
}

}  // namespace attune::web
