// GET /api/v1/policy: the policy in force today, as JSON: its categories
// (with their bands), steps, roles in the school's words, the personal
// profile's checklist, perceived functions and the training it relies on.
#include "api/handlers.h"
#include "api/site.h"

namespace attune::api {
namespace {

nlohmann::json IdOrNull(const std::string& id) {
  return id.empty() ? nlohmann::json(nullptr) : nlohmann::json(id);
}

nlohmann::json IntOrNull(const std::optional<int>& n) {
  return n ? nlohmann::json(*n) : nlohmann::json(nullptr);
}

const char* ParentContactName(policy::ParentContact c) {
  switch (c) {
    case policy::ParentContact::kInform:
      return "inform";
    case policy::ParentContact::kRequired:
      return "required";
    default:
      return "none";
  }
}

}  // namespace

http::Response GetPolicy(const ApiContext& ctx, http::Request& req) {
  auto loaded = ctx.policies.InForce(req.principal->school_id, LondonDate(Now()));
  if (!loaded.ok()) return JsonError(loaded.status());
  const policy::Policy& p = *loaded->policy;
  nlohmann::json bands = nlohmann::json::array();
  for (const auto& b : p.bands) {
    bands.push_back({{"id", b.id},
                     {"name", b.name},
                     {"order", b.order},
                     {"family", b.family},
                     {"highest_step", IdOrNull(b.highest_step)}});
  }
  nlohmann::json categories = nlohmann::json::array();
  for (const auto& c : p.categories) {
    // A prosocial or planned-ignoring category takes no step at all.
    bool stepped = c.behaviour_class != policy::BehaviourClass::kProsocial && !c.planned_ignoring;
    int highest = stepped ? p.HighestOrder(c) : 0;
    categories.push_back(
        {{"id", c.id},
         {"name", c.name},
         {"class", policy::ClassName(c.behaviour_class)},
         {"band", IdOrNull(c.band)},
         {"safeguarding", c.safeguarding},
         {"planned_ignoring", c.planned_ignoring},
         {"default_step", IdOrNull(c.default_step)},
         {"highest_step", highest > 0 && highest <= static_cast<int>(p.steps.size())
                              ? nlohmann::json(p.steps[highest - 1].id)
                              : nlohmann::json(nullptr)},
         {"family", c.family}});
  }
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : p.steps) {
    steps.push_back({{"id", s.id},
                     {"name", s.name},
                     {"order", s.order},
                     {"family", s.family},
                     {"parent_contact", ParentContactName(s.parent_contact)}});
  }
  nlohmann::json roles = nlohmann::json::array();
  for (const auto& r : p.roles) {
    roles.push_back({{"id", r.id},
                     {"name", r.name},
                     {"attune_role", r.attune_role},
                     {"each_pupils", IdOrNull(r.each_pupils)}});
  }
  nlohmann::json functions = nlohmann::json::array();
  for (const auto& f : p.functions) functions.push_back({{"id", f.id}, {"name", f.name}});
  nlohmann::json checklist = nlohmann::json::array();
  for (const auto& i : p.profile.checklist) {
    checklist.push_back({{"id", i.id}, {"text", i.text}, {"group", i.group}});
  }
  nlohmann::json training = nlohmann::json::array();
  for (const auto& t : p.training) {
    training.push_back({{"id", t.id},
                        {"name", t.name},
                        {"valid_for_months", IntOrNull(t.valid_for_months)},
                        {"for_physical_intervention", t.for_physical_intervention}});
  }
  nlohmann::json vocabulary = nlohmann::json::object();
  for (const auto& [k, v] : p.vocabulary) vocabulary[k] = v;
  return http::Response::Json(
      {{"version", loaded->version.version},
       {"active_from", loaded->version.active_from ? FormatDate(*loaded->version.active_from) : ""},
       {"school", p.school_name},
       {"bands", bands},
       {"categories", categories},
       {"steps", steps},
       {"roles", roles},
       {"perceived_functions", functions},
       {"profile",
        {{"checklist", checklist},
         {"review_every_school_days", IntOrNull(p.profile.review_every_school_days)},
         {"edited_by", p.profile.edited_by}}},
       {"training", training},
       {"vocabulary", vocabulary}});
}

}  // namespace attune::api
