#include "policy/explain.h"

#include <sstream>

namespace attune::policy {
namespace {

void Heading(std::ostringstream& out, const std::string& text) {
  out << "\n" << text << "\n" << std::string(text.size(), '-') << "\n";
}

std::string Capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string WhoDoes(const std::string& assignee) {
  if (assignee == "recorder") return "the adult involved";
  if (assignee == "key_adult") return "the child's key adult";
  if (assignee == "teacher") return "the class teacher";
  if (assignee == "support") return "a support assistant";
  if (assignee == "pastoral") return "the pastoral team";
  if (assignee == "senco") return "the SENCO";
  if (assignee == "dsl") return "the designated safeguarding lead";
  if (assignee == "senior") return "a senior leader";
  return "the school office";
}

}  // namespace

std::string ExplainAsText(const Policy& p) {
  std::ostringstream out;
  const std::string pupil = p.Word("pupil", "pupil");
  const std::string steps = p.Word("steps", "steps");
  out << p.school_name << ": our behaviour and relationships policy\n";
  out << std::string(p.school_name.size() + 38, '=') << "\n";
  if (!p.summary.empty()) out << "\n" << p.summary << "\n";

  if (!p.values.empty()) {
    Heading(out, "What we ask of everyone");
    for (const auto& v : p.values) {
      out << "* " << v.name;
      if (!v.description.empty()) out << ": " << v.description;
      out << "\n";
    }
  }

  Heading(out, "When a " + pupil + " is finding things hard: our " + steps);
  out << "Every adult follows the same " << steps << ", calmly and in order";
  bool no_jumps = !p.ladder.no_jumps_for.empty();
  if (no_jumps) out << "; " << steps << " are never skipped for repeated low-level behaviour";
  out << ". The " << steps << " start again each "
      << (p.ladder.scope == Scope::kLesson ? "lesson" : "day") << ".\n";
  for (const auto& s : p.steps) {
    out << "\n" << s.order << ". " << s.name << "\n";
    if (!s.guidance.empty()) out << "   " << s.guidance << "\n";
    if (s.parent_contact == ParentContact::kRequired) {
      out << "   We will contact you at this " << p.Word("step", "step") << ".\n";
    } else if (s.parent_contact == ParentContact::kInform) {
      out << "   We will let you know.\n";
    }
    for (const auto& a : s.actions) {
      out << "   Then: " << ActionLabel(a.kind) << ", by " << WhoDoes(a.assignee);
      if (a.due) out << ", " << a.due->Describe();
      out << ".";
      if (!a.description.empty()) out << " " << a.description;
      out << "\n";
    }
    if (s.reward_points_cap) {
      out << "   Reward points are capped at " << *s.reward_points_cap << " for the rest of the "
          << (p.ladder.scope == Scope::kLesson ? "lesson" : "day") << ".\n";
    }
  }

  if (!p.escalations.empty()) {
    Heading(out, "If things keep happening");
    for (const auto& e : p.escalations) {
      out << "* ";
      if (e.count > 0) {
        std::string what =
            !e.step.empty() ? (p.FindStep(e.step) ? p.FindStep(e.step)->name : e.step)
            : !e.category.empty()
                ? (p.FindCategory(e.category) ? p.FindCategory(e.category)->name : e.category)
                : std::string(ClassLabel(*e.behaviour_class)) + " behaviour";
        out << e.count << " or more times \"" << what << "\"";
      } else if (!e.outcome_plan.empty()) {
        const Plan* plan = p.FindPlan(e.outcome_plan);
        out << "If " << (plan ? plan->name : e.outcome_plan) << " has not helped";
      } else if (e.behaviour_class) {
        out << "After any " << ClassLabel(*e.behaviour_class) << " behaviour";
      }
      out << ": we will consider ";
      if (const Plan* plan = p.FindPlan(e.propose_plan)) {
        out << "a " << plan->name;
      } else if (const Step* s = p.FindStep(e.propose_step)) {
        out << s->name;
      }
      out << ".";
      if (!e.quote.empty()) out << " (\"" << e.quote << "\")";
      out << "\n";
    }
  }

  if (!p.consequences.empty()) {
    Heading(out, "Consequences");
    out << "Every consequence teaches. When we must limit a " << pupil
        << "'s freedom to keep people safe, we always pair it with one that helps them learn "
           "and put things right.\n";
    for (const auto& c : p.consequences) {
      out << "* " << c.name << " ("
          << (c.protective ? "to keep everyone safe" : "to learn and repair") << ")";
      if (!c.description.empty()) out << ": " << c.description;
      out << "\n";
    }
  }

  if (!p.rewards.empty()) {
    Heading(out, "Noticing what goes well");
    for (const auto& r : p.rewards) {
      out << "* " << r.name;
      if (r.kind == "points" && r.value > 0)
        out << " (" << r.value << " point" << (r.value == 1 ? "" : "s") << ")";
      out << "\n";
    }
  }

  if (!p.plans.empty()) {
    Heading(out, "Support plans");
    for (const auto& plan : p.plans) {
      out << "* " << plan.name;
      if (plan.duration_school_days)
        out << ", for up to " << *plan.duration_school_days << " school days";
      if (plan.review_every_school_days) {
        out << ", reviewed every " << *plan.review_every_school_days << " school days";
      }
      if (!plan.description.empty()) out << ": " << plan.description;
      out << "\n";
    }
  }

  Heading(out, "What the law asks of us, and what we promise");
  out << "* If a " << pupil
      << " is ever sent home or off site as a consequence, that is a "
         "formal suspension, however we name it: only the headteacher can decide it, and you "
         "and the local authority are told in writing, with the reasons.\n";
  out << "* If an adult ever has to hold a " << pupil
      << " to keep them or others safe, we "
         "record it the same day and tell you "
      << p.guards.parent_notice_due.Describe() << ".\n";
  if (p.guards.senco_advice_declared) {
    out << "* For a " << pupil << " with "
        << (p.guards.senco_sen.size() > 1 ? "special educational needs" : "an EHC plan")
        << ", our SENCO advises us once they reach \""
        << (p.FindStep(p.guards.senco_from_step) ? p.FindStep(p.guards.senco_from_step)->name : "")
        << "\".\n";
  }
  return out.str();
}

}  // namespace attune::policy
