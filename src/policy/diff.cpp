#include "policy/diff.h"

#include <sstream>

namespace attune::policy {
namespace {

void Field(std::vector<std::string>& out, const std::string& name, const std::string& a,
           const std::string& b) {
  if (a != b)
    out.push_back(name + " " + (a.empty() ? "none" : a) + " → " + (b.empty() ? "none" : b));
}

std::string Number(const std::optional<int>& n) { return n ? std::to_string(*n) : ""; }

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

std::string Shared(const std::optional<FamilyShare>& s) { return s ? FamilyShareName(*s) : ""; }

// What [families] says, as one change.
void CompareFamilies(std::vector<PolicyChange>& out, const Policy& before, const Policy& after) {
  std::vector<std::string> parts;
  for (auto cls : {BehaviourClass::kProsocial, BehaviourClass::kLowLevel,
                   BehaviourClass::kDifficult, BehaviourClass::kDangerous}) {
    Category of_class;
    of_class.behaviour_class = cls;
    Field(parts, ClassName(cls), FamilyShareName(before.FamilyShareOf(of_class)),
          FamilyShareName(after.FamilyShareOf(of_class)));
  }
  Field(parts, "notes home", before.families.notes_home ? "yes" : "no",
        after.families.notes_home ? "yes" : "no");
  auto roles = [](const std::vector<std::string>& list) {
    std::string text;
    for (const auto& r : list) text += (text.empty() ? "" : ", ") + r;
    return text;
  };
  Field(parts, "reviewed by", roles(before.families.reviewed_by),
        roles(after.families.reviewed_by));
  if (!parts.empty()) out.push_back({"changed", "What families see", Join(parts)});
}

std::string Actions(const std::vector<Action>& actions) {
  std::string out;
  for (const auto& a : actions) {
    out += (out.empty() ? "" : ", ") + a.kind + (a.due ? " " + a.due->ToString() : "") + " (" +
           a.assignee + ")";
  }
  return out;
}

std::string Trigger(const Escalation& e) {
  std::ostringstream t;
  if (e.count) {
    t << e.count << (e.up_to ? "–" + std::to_string(*e.up_to) : "") << " × "
      << (!e.step.empty()       ? e.step
          : !e.category.empty() ? e.category
          : !e.band.empty()     ? "band " + e.band
          : e.same_category     ? std::string("the same category")
          : e.behaviour_class   ? ClassName(*e.behaviour_class)
                                : "")
      << " " << WindowName(e.window);
  } else if (!e.outcome_plan.empty()) {
    t << e.outcome_plan << " unsuccessful";
  } else if (e.behaviour_class) {
    t << ClassName(*e.behaviour_class);
  }
  t << " → " << e.propose_plan << (e.propose_step.empty() ? "" : " / " + e.propose_step);
  return t.str();
}

// Compares two lists of things with ids; `describe` lists the differences of a pair.
template <typename T, typename Describe>
void Compare(std::vector<PolicyChange>& out, const char* noun, const std::vector<T>& before,
             const std::vector<T>& after, Describe describe) {
  for (const auto& b : before) {
    bool found = false;
    for (const auto& a : after) {
      if (a.id != b.id) continue;
      found = true;
      std::vector<std::string> parts;
      describe(b, a, parts);
      if (!parts.empty())
        out.push_back({"changed", std::string(noun) + " \"" + a.id + "\"", Join(parts)});
    }
    if (!found) out.push_back({"removed", std::string(noun) + " \"" + b.id + "\"", ""});
  }
  for (const auto& a : after) {
    bool found = false;
    for (const auto& b : before) found = found || a.id == b.id;
    if (!found) out.push_back({"added", std::string(noun) + " \"" + a.id + "\"", ""});
  }
}

}  // namespace

std::vector<PolicyChange> DiffPolicies(const Policy& before, const Policy& after) {
  std::vector<PolicyChange> out;
  std::vector<std::string> top;
  Field(top, "school name", before.school_name, after.school_name);
  Field(top, "steps start again each", before.ladder.scope == Scope::kLesson ? "lesson" : "day",
        after.ladder.scope == Scope::kLesson ? "lesson" : "day");
  if (!top.empty()) out.push_back({"changed", "The policy", Join(top)});
  Compare(out, "Band", before.bands, after.bands,
          [](const Band& b, const Band& a, std::vector<std::string>& parts) {
            Field(parts, "name", b.name, a.name);
            Field(parts, "position", std::to_string(b.order), std::to_string(a.order));
            Field(parts, "highest step", b.highest_step, a.highest_step);
          });
  Compare(out, "Role", before.roles, after.roles,
          [](const SchoolRole& b, const SchoolRole& a, std::vector<std::string>& parts) {
            Field(parts, "name", b.name, a.name);
            Field(parts, "attune role", b.attune_role, a.attune_role);
            Field(parts, "each pupil's", b.each_pupils, a.each_pupils);
          });
  Compare(out, "Training", before.training, after.training,
          [](const Training& b, const Training& a, std::vector<std::string>& parts) {
            Field(parts, "name", b.name, a.name);
            Field(parts, "valid for months", Number(b.valid_for_months),
                  Number(a.valid_for_months));
          });
  Compare(out, "Category", before.categories, after.categories,
          [](const Category& b, const Category& a, std::vector<std::string>& parts) {
            Field(parts, "name", b.name, a.name);
            Field(parts, "class", ClassName(b.behaviour_class), ClassName(a.behaviour_class));
            Field(parts, "band", b.band, a.band);
            Field(parts, "default step", b.default_step, a.default_step);
            Field(parts, "highest step", b.highest_step, a.highest_step);
            Field(parts, "for families", b.family, a.family);
            Field(parts, "response", b.planned_ignoring ? "planned ignoring" : "respond",
                  a.planned_ignoring ? "planned ignoring" : "respond");
            Field(parts, "safeguarding", b.safeguarding ? "yes" : "no",
                  a.safeguarding ? "yes" : "no");
            Field(parts, "shared with families", Shared(b.families), Shared(a.families));
          });
  Compare(out, "Step", before.steps, after.steps,
          [](const Step& b, const Step& a, std::vector<std::string>& parts) {
            Field(parts, "name", b.name, a.name);
            Field(parts, "position", std::to_string(b.order), std::to_string(a.order));
            Field(parts, "actions", Actions(b.actions), Actions(a.actions));
            Field(parts, "for families", b.family, a.family);
            Field(parts, "reward points cap", Number(b.reward_points_cap),
                  Number(a.reward_points_cap));
          });
  Compare(out, "Escalation", before.escalations, after.escalations,
          [](const Escalation& b, const Escalation& a, std::vector<std::string>& parts) {
            Field(parts, "rule", Trigger(b), Trigger(a));
          });
  Compare(out, "Consequence", before.consequences, after.consequences,
          [](const Consequence& b, const Consequence& a, std::vector<std::string>& parts) {
            Field(parts, "name", b.name, a.name);
            Field(parts, "kind", b.protective ? "protective" : "educational",
                  a.protective ? "protective" : "educational");
            Field(parts, "off site", b.off_site ? "yes" : "no", a.off_site ? "yes" : "no");
            Field(parts, "actions", Actions(b.actions), Actions(a.actions));
          });
  Compare(out, "Reward", before.rewards, after.rewards,
          [](const Reward& b, const Reward& a, std::vector<std::string>& parts) {
            Field(parts, "name", b.name, a.name);
            Field(parts, "value", std::to_string(b.value), std::to_string(a.value));
            Field(parts, "cap per day", Number(b.cap_per_day), Number(a.cap_per_day));
            Field(parts, "sent home", b.send_home ? "yes" : "no", a.send_home ? "yes" : "no");
          });
  CompareFamilies(out, before, after);
  Compare(out, "Plan", before.plans, after.plans,
          [](const Plan& b, const Plan& a, std::vector<std::string>& parts) {
            Field(parts, "name", b.name, a.name);
            Field(parts, "duration", Number(b.duration_school_days),
                  Number(a.duration_school_days));
            Field(parts, "review every", Number(b.review_every_school_days),
                  Number(a.review_every_school_days));
          });
  return out;
}

}  // namespace attune::policy
