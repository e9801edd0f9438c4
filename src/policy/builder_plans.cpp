// The policy builder: plan types and their forms (docs/policy.md,
// "[[plans]]"). Every problem is reported where it is, so a school writing
// its own forms is told which field of which section to change.
#include <algorithm>
#include <set>

#include "model/role.h"
#include "policy/builder.h"

namespace attune::policy {
namespace {

// Who may act on a plan: adults who work with pupils (never the office
// administrator, who holds no pupil work in attune).
std::vector<std::string> PlanRoles() {
  std::vector<std::string> out;
  for (Role r : AllRoles()) {
    if (r != Role::kAdmin) out.push_back(RoleName(r));
  }
  return out;
}

}  // namespace

std::vector<std::string> Builder::ReadChoices(const toml::table& t, const char* key,
                                              const std::vector<std::string>& allowed,
                                              const std::string& where,
                                              const std::map<std::string, std::string>& refused) {
  std::vector<std::string> out;
  const toml::node* node = t.get(key);
  if (!node) return out;
  const toml::array* array = node->as_array();
  if (!array) {
    r_.Error(node->source(), "'" + std::string(key) + "' in " + where + ": found " +
                                 TomlReader::TypeName(*node) + ", expected a list like [\"" +
                                 allowed.front() + "\"]");
    return out;
  }
  for (const auto& item : *array) {
    auto value = item.value<std::string>();
    if (!value) {
      r_.Error(item.source(), "'" + std::string(key) + "' in " + where + ": found " +
                                  TomlReader::TypeName(item) + " in the list, expected text");
      continue;
    }
    if (auto why = refused.find(*value); why != refused.end()) {
      r_.Error(item.source(), "'" + std::string(key) + "' in " + where + ": found \"" + *value +
                                  "\": " + why->second);
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
      r_.Error(item.source(), "'" + std::string(key) + "' in " + where + ": found \"" + *value +
                                  "\", expected one of " + TomlReader::Listed(allowed, ", ") +
                                  TomlReader::DidYouMean(*value, allowed));
      continue;
    }
    if (std::find(out.begin(), out.end(), *value) != out.end()) {
      r_.Error(item.source(),
               "'" + std::string(key) + "' in " + where + ": \"" + *value + "\" is listed twice");
      continue;
    }
    out.push_back(*value);
  }
  return out;
}

void Builder::AddAttuneRole(std::vector<std::string>& out, const std::string& id) const {
  const SchoolRole* role = p_.FindRole(id);
  std::string name = role ? role->attune_role : id;
  if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
}

std::vector<std::string> Builder::ReadPlanRoles(const toml::table& t, const char* key,
                                                const std::string& owner,
                                                const std::string& where) {
  if (!t.get(key)) return {owner};
  std::vector<std::string> allowed = PlanRoles();
  for (const auto& r : p_.roles) {
    if (r.attune_role != "admin") allowed.push_back(r.id);
  }
  const toml::node* node = t.get(key);
  std::vector<std::string> out;
  for (const std::string& id : ReadChoices(t, key, allowed, where)) AddAttuneRole(out, id);
  if (node->as_array() && node->as_array()->empty()) {
    r_.Error(node->source(), "'" + std::string(key) + "' in " + where +
                                 " is empty: name at least one role, or leave it out for the "
                                 "plan's owner");
  }
  return out;
}

void Builder::ReadPlans() {
  std::vector<std::string> owners = PlanRoles();
  for (const auto& r : p_.roles) owners.push_back(r.id);
  for (const toml::table* t : r_.Tables(root_, "plans", "the policy")) {
    r_.OnlyKeys(*t,
                {"id",
                 "name",
                 "title",
                 "description",
                 "owner",
                 "started_by",
                 "reviewed_by",
                 "ended_by",
                 "written_by",
                 "duration_school_days",
                 "review_every_school_days",
                 "entries",
                 "check_in_every_school_days",
                 "participants",
                 "signed_by",
                 "signed_optionally_by",
                 "notice_due",
                 "visible_to",
                 "debrief_for",
                 "debrief_due",
                 "sections"},
                "[[plans]]");
    Plan plan;
    plan.id = r_.Id(*t, "id", "[[plans]]").value_or("");
    std::string where = "plan '" + plan.id + "'";
    plan.name = Said(*t, "name", true, where).value_or("");
    plan.title = Said(*t, "title", false, where).value_or("");
    if (plan.title.empty()) plan.title = plan.name;
    if (auto d = r_.Int(*t, "duration_school_days", 1, 400, where)) {
      plan.duration_school_days = static_cast<int>(*d);
    }
    if (auto d = r_.Int(*t, "review_every_school_days", 1, 400, where)) {
      plan.review_every_school_days = static_cast<int>(*d);
    }
    plan.owner = r_.Choice(*t, "owner", owners, false, where).value_or("senior");
    // A school role owns it through its attune role.
    if (const SchoolRole* role = p_.FindRole(plan.owner)) plan.owner = role->attune_role;
    if (plan.owner == "admin") {
      r_.Error(t->get("owner")->source(),
               "'owner' in " + where +
                   ": an administrator does not work with pupils' plans; name a role that does");
    }
    plan.description = Said(*t, "description", false, where).value_or("");
    plan.started_by = ReadPlanRoles(*t, "started_by", plan.owner, where);
    plan.reviewed_by = ReadPlanRoles(*t, "reviewed_by", plan.owner, where);
    plan.ended_by = ReadPlanRoles(*t, "ended_by", plan.owner, where);
    plan.written_by = ReadPlanRoles(*t, "written_by", plan.owner, where);
    std::string entries =
        r_.Choice(*t, "entries", {"none", "daily", "check_in"}, false, where).value_or("none");
    plan.entries = entries == "daily"      ? Plan::Entries::kDaily
                   : entries == "check_in" ? Plan::Entries::kCheckIn
                                           : Plan::Entries::kNone;
    if (auto d = r_.Int(*t, "check_in_every_school_days", 1, 200, where)) {
      plan.check_in_every_school_days = static_cast<int>(*d);
      if (plan.entries != Plan::Entries::kCheckIn) {
        r_.Error(t->get("check_in_every_school_days")->source(),
                 "'check_in_every_school_days' in " + where +
                     " needs entries = \"check_in\": say that the plan has check-ins");
      }
    }
    if (plan.duration_school_days && plan.review_every_school_days &&
        *plan.review_every_school_days > *plan.duration_school_days) {
      r_.Warning(t->get("review_every_school_days")->source(),
                 where + " runs at most " + std::to_string(*plan.duration_school_days) +
                     " school days but is first reviewed after " +
                     std::to_string(*plan.review_every_school_days) + ": it is never reviewed");
    }
    plan.participants = ReadChoices(*t, "participants", Participants(), where);
    std::vector<std::string> listed = plan.participants;
    if (listed.empty()) listed = {"(none: list them in 'participants' first)"};
    plan.signed_by = ReadChoices(*t, "signed_by", listed, where);
    plan.signed_optionally_by = ReadChoices(*t, "signed_optionally_by", listed, where);
    for (const auto& who : plan.signed_optionally_by) {
      if (Plan::Lists(plan.signed_by, who)) {
        r_.Error(t->get("signed_optionally_by")->source(),
                 "'signed_optionally_by' in " + where + ": \"" + who +
                     "\" is also in signed_by; a signature is either needed or optional");
      }
    }
    if (auto d = ReadDeadline(*t, "notice_due", where)) {
      if (d->kind != Deadline::kSchoolDayBefore) {
        r_.Error(t->get("notice_due")->source(),
                 "'notice_due' in " + where + ": found \"" + d->ToString() +
                     "\", expected \"school_day_before HH:MM\" (the notice comes before the "
                     "plan's first day)");
      } else {
        plan.notice_due = d;
      }
    }
    std::string visible =
        r_.Choice(*t, "visible_to", {"everyone", "involved_and_senior"}, false, where)
            .value_or("everyone");
    plan.visible_to = visible == "involved_and_senior" ? Plan::Visibility::kInvolvedAndSenior
                                                       : Plan::Visibility::kEveryone;
    plan.debrief_for =
        ReadChoices(*t, "debrief_for", {"physical_intervention", "dangerous"}, where);
    if (auto d = ReadDeadline(*t, "debrief_due", where)) {
      plan.debrief_due = *d;
      if (plan.debrief_for.empty()) {
        r_.Error(t->get("debrief_due")->source(),
                 "'debrief_due' in " + where + " needs debrief_for: say what the debrief follows");
      }
    }
    ReadPlanForm(*t, plan, where);
    p_.plans.push_back(std::move(plan));
  }
}

void Builder::ReadPlanForm(const toml::table& t, Plan& plan, const std::string& where) {
  std::set<std::string> section_ids, field_ids;
  for (const toml::table* s : r_.Tables(t, "sections", where)) {
    r_.OnlyKeys(*s, {"id", "title", "stage", "help", "fields"}, "[[plans.sections]] of " + where);
    PlanSection section;
    section.id = r_.Id(*s, "id", "a section of " + where).value_or("");
    std::string in = "section '" + section.id + "' of " + where;
    if (!section.id.empty() && !section_ids.insert(section.id).second) {
      r_.Error(s->get("id")->source(), in + ": the id is used twice in this plan");
    }
    section.title = Said(*s, "title", true, in).value_or("");
    section.help = r_.Text(*s, "help", false, in).value_or("");
    std::vector<std::string> stages = {"start", "entry", "review", "end"};
    section.stage = ParseStage(r_.Choice(*s, "stage", stages, false, in).value_or("start"))
                        .value_or(PlanStage::kStart);
    if (section.stage == PlanStage::kReview && !plan.review_every_school_days) {
      r_.Error(s->get("stage")->source(),
               in + " is filled at each review, but the plan is never reviewed: add "
                    "review_every_school_days to the plan");
    }
    if (section.stage == PlanStage::kEntry && plan.entries == Plan::Entries::kNone) {
      r_.Error(s->get("stage")->source(),
               in + " is filled in each entry, but the plan has none: add entries = \"daily\" or "
                    "\"check_in\" to the plan");
    }
    for (const toml::table* f : r_.Tables(*s, "fields", in)) {
      PlanField field = ReadPlanField(*f, plan, section.stage, in);
      if (!field.id.empty() && !field_ids.insert(field.id).second) {
        r_.Error(f->get("id")->source(), "field '" + field.id + "' in " + in +
                                             ": the id is used twice in this plan; each field "
                                             "needs its own");
      }
      section.fields.push_back(std::move(field));
    }
    if (section.fields.empty()) {
      r_.Error(s->source(), in + " has no fields: add [[plans.sections.fields]] under it");
    }
    plan.sections.push_back(std::move(section));
  }
}

PlanField Builder::ReadPlanField(const toml::table& f, const Plan& plan, PlanStage stage,
                                 const std::string& in) {
  r_.OnlyKeys(f,
              {"id", "label", "type", "required", "help", "view_of", "scale", "choices",
               "shown_when_recording", "pupil_answers", "pupil_asks"},
              "[[plans.sections.fields]] of " + in);
  PlanField field;
  field.id = r_.Id(f, "id", "a field of " + in).value_or("");
  std::string where = "field '" + field.id + "' in " + in;
  field.label = Said(f, "label", true, where).value_or("");
  field.help = r_.Text(f, "help", false, where).value_or("");
  auto type = r_.Choice(f, "type", FieldTypeNames(), true, where);
  field.type = ParseFieldType(type.value_or("short_text")).value_or(FieldType::kShortText);
  field.required = r_.Bool(f, "required", where).value_or(false);
  if (field.required && field.type == FieldType::kAnxietyMap) {
    r_.Error(f.get("required")->source(),
             where +
                 ": an anxiety map is drawn from the records and is never typed, so it "
                 "cannot be required");
  }
  if (const toml::node* v = f.get("view_of")) {
    auto who = r_.Text(f, "view_of", false, where);
    if (who && !Plan::Lists(plan.participants, *who)) {
      r_.Error(v->source(), "'view_of' in " + where + ": found \"" + *who +
                                "\", expected one of the plan's participants" +
                                (plan.participants.empty()
                                     ? std::string(" (it lists none: add 'participants')")
                                     : " (" + TomlReader::Listed(plan.participants, ", ") + ")"));
    } else if (who) {
      field.view_of = *who;
    }
    if (field.type != FieldType::kLongText && field.type != FieldType::kShortText) {
      r_.Error(v->source(), "'view_of' in " + where +
                                ": a view is written as text; give the "
                                "field type \"long_text\"");
    }
  }
  if (auto scale = r_.Int(f, "scale", 2, 10, where)) {
    field.scale = static_cast<int>(*scale);
    if (field.type != FieldType::kRating) {
      r_.Error(f.get("scale")->source(), "'scale' in " + where + " is for type \"rating\" only");
    }
  }
  bool listed = field.type == FieldType::kChoice || field.type == FieldType::kStages;
  if (f.get("choices")) {
    field.choices = SaidList(f, "choices", where);
    if (!listed) {
      r_.Error(f.get("choices")->source(),
               "'choices' in " + where + " is for type \"choice\" or \"stages\" only");
    }
    std::set<std::string> seen;
    for (const auto& c : field.choices) {
      if (!seen.insert(c).second) {
        r_.Error(f.get("choices")->source(),
                 "'choices' in " + where + ": \"" + c + "\" is listed twice");
      }
    }
  }
  if (listed && field.choices.empty() && type) {
    r_.Error(f.source(), where + " has no choices: add choices = [\"...\", \"...\"]");
  }
  if (r_.Bool(f, "shown_when_recording", where).value_or(false)) {
    if (field.type != FieldType::kShortText || stage != PlanStage::kEntry) {
      r_.Error(f.get("shown_when_recording")->source(),
               "'shown_when_recording' in " + where +
                   " is for a \"short_text\" field in a section with stage = \"entry\"");
    } else {
      field.shown_when_recording = true;
    }
  }
  ReadPupilAnswers(f, plan, field, where);
  return field;
}

// Whether the pupil answers the field themselves, and how it is asked of
// them (docs/policy.md, "The pupil's own questions").
void Builder::ReadPupilAnswers(const toml::table& f, const Plan& plan, PlanField& field,
                               const std::string& where) {
  const toml::node* asks = f.get("pupil_asks");
  const toml::node* answers = f.get("pupil_answers");
  if (asks) field.pupil_asks = Said(f, "pupil_asks", false, where).value_or("");
  std::optional<bool> said = r_.Bool(f, "pupil_answers", where);
  if (said == false && asks) {
    r_.Error(asks->source(), "'pupil_asks' in " + where +
                                 ": the field says pupil_answers = false, so the pupil is never "
                                 "asked it; remove one of the two");
    return;
  }
  bool pupils_view = field.view_of == "pupil" && field.type == FieldType::kLongText;
  field.pupil_answers = said.value_or(pupils_view || asks != nullptr);
  if (!field.pupil_answers || pupils_view) return;
  const toml::node* at = asks ? asks : answers;
  std::string key = asks ? "pupil_asks" : "pupil_answers";
  if (field.type != FieldType::kLongText) {
    r_.Error(at->source(), "'" + key + "' in " + where +
                               ": a pupil answers in their own words; give the field type "
                               "\"long_text\"");
  } else if (!field.view_of.empty()) {
    r_.Error(at->source(), "'" + key + "' in " + where + ": the field is the view of \"" +
                               field.view_of +
                               "\", and a pupil answers only their own; remove view_of, or "
                               "say view_of = \"pupil\"");
  } else if (!Plan::Lists(plan.participants, "pupil")) {
    r_.Error(at->source(), "'" + key + "' in " + where +
                               ": the pupil answers this field, but the plan's participants "
                               "leave the pupil out: add \"pupil\" to 'participants'");
  } else {
    field.view_of = "pupil";  // what a pupil answers is their view
    return;
  }
  field.pupil_answers = false;
}

}  // namespace attune::policy
