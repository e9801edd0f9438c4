#include "policy/explain.h"

#include <sstream>

namespace attune::policy {
namespace {

std::string Lower(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && (s.size() < 2 || !(s[1] >= 'A' && s[1] <= 'Z'))) {
    s[0] = static_cast<char>(s[0] - 'A' + 'a');
  }
  return s;
}

// "a" or "an" before a name.
std::string Article(const std::string& name) {
  if (name.empty()) return "a";
  char c = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return std::string("aeiou").find(c) != std::string::npos ? "an" : "a";
}

std::string WindowWords(const Window& w) {
  switch (w.kind) {
    case Window::kLesson:
      return "in one lesson";
    case Window::kDay:
      return "in one day";
    case Window::kWeek:
      return "in one week";
    case Window::kHalfTerm:
      return "within a half-term";
    case Window::kTerm:
      return "within a term";
    case Window::kRollingDays:
      return "within " + std::to_string(w.days) + " days";
  }
  return "";
}

std::string WhoDoes(const Policy& p, const std::string& assignee) {
  const std::string pupil = p.Word("pupil", "pupil");
  if (assignee == "recorder") return "the adult involved";
  if (assignee == "key_adult") return "the " + pupil + "'s " + p.Word("key_adult", "key adult");
  if (assignee == "teacher") return "the class teacher";
  if (assignee == "support") return "a support assistant";
  if (assignee == "pastoral") return "the pastoral team";
  if (assignee == "senco") return "the SENCO";
  if (assignee == "dsl") return "the designated safeguarding lead";
  if (assignee == "senior") return "a senior leader";
  return "the school office";
}

std::string ScopeWord(const Policy& p) {
  return p.ladder.scope == Scope::kLesson ? p.Word("lesson", "lesson") : "day";
}

}  // namespace

Explanation Explain(const Policy& p) {
  Explanation ex;
  const std::string pupil = p.Word("pupil", "pupil");
  const std::string steps = p.Word("steps", "steps");
  ex.title = p.school_name + ": our behaviour and relationships policy";
  ex.summary = p.summary;

  if (!p.values.empty()) {
    ExplainedSection s{"What we ask of everyone", "", {}};
    for (const auto& v : p.values) s.items.push_back({v.name, {v.description}});
    ex.sections.push_back(s);
  }

  {
    ExplainedSection s{"When a " + pupil + " is finding things hard: our " + steps, "", {}};
    s.intro = "Every adult follows the same " + steps + ", calmly and in order";
    if (!p.ladder.no_jumps_for.empty()) {
      s.intro += "; " + steps + " are never skipped for repeated low-level behaviour";
    }
    s.intro += ". The " + steps + " start again each " + ScopeWord(p) + ".";
    for (const auto& st : p.steps) {
      ExplainedItem item{std::to_string(st.order) + ". " + st.name, {}};
      if (!st.guidance.empty()) item.lines.push_back(st.guidance);
      if (st.parent_contact == ParentContact::kRequired) {
        item.lines.push_back("We will contact you at this " + p.Word("step", "step") + ".");
      } else if (st.parent_contact == ParentContact::kInform) {
        item.lines.push_back("We will let you know.");
      }
      for (const auto& a : st.actions) {
        std::string line = "Then: " + ActionLabel(a.kind) + ", by " + WhoDoes(p, a.assignee);
        if (a.due) line += ", " + a.due->Describe();
        line += ".";
        if (!a.description.empty()) line += " " + a.description;
        item.lines.push_back(line);
      }
      if (st.reward_points_cap) {
        item.lines.push_back("Reward points are capped at " +
                             std::to_string(*st.reward_points_cap) + " for the rest of the " +
                             ScopeWord(p) + ".");
      }
      s.items.push_back(item);
    }
    ex.sections.push_back(s);
  }

  if (!p.escalations.empty()) {
    ExplainedSection s{"If things keep happening", "", {}};
    for (const auto& e : p.escalations) {
      std::string when;
      if (e.count > 0) {
        std::string what;
        if (const Step* st = p.FindStep(e.step)) {
          what = "\"" + st->name + "\"";
        } else if (const Category* c = p.FindCategory(e.category)) {
          what = "\"" + c->name + "\"";
        } else if (e.behaviour_class) {
          what = Lower(ClassLabel(*e.behaviour_class)) + " behaviour";
        }
        when = std::to_string(e.count) + " or more times " + what + " " + WindowWords(e.window);
      } else if (!e.outcome_plan.empty()) {
        const Plan* plan = p.FindPlan(e.outcome_plan);
        when = "If " + (plan ? plan->name : e.outcome_plan) + " has not helped";
      } else if (e.behaviour_class) {
        when = "After any " + Lower(ClassLabel(*e.behaviour_class)) + " behaviour";
      }
      std::vector<std::string> proposals;
      if (const Plan* plan = p.FindPlan(e.propose_plan)) {
        proposals.push_back(Article(plan->name) + " " + plan->name);
      }
      if (const Step* st = p.FindStep(e.propose_step)) {
        const Plan* plan = p.FindPlan(e.propose_plan);
        if (!plan || plan->name != st->name) proposals.push_back("\"" + st->name + "\"");
      }
      std::string line = when + ": we will consider ";
      for (size_t i = 0; i < proposals.size(); ++i) line += (i ? " and " : "") + proposals[i];
      line += ".";
      if (!e.quote.empty()) line += " (\"" + e.quote + "\")";
      s.items.push_back({"", {line}});
    }
    ex.sections.push_back(s);
  }

  if (!p.consequences.empty()) {
    ExplainedSection s{"Consequences", "", {}};
    s.intro = "Every consequence teaches. When we must limit a " + pupil +
              "'s freedom to keep people safe, we always pair it with one that helps them "
              "learn and put things right.";
    for (const auto& c : p.consequences) {
      s.items.push_back(
          {c.name + (c.protective ? " (to keep everyone safe)" : " (to learn and repair)"),
           {c.description}});
    }
    ex.sections.push_back(s);
  }

  if (!p.rewards.empty()) {
    ExplainedSection s{"Noticing what goes well", "", {}};
    for (const auto& r : p.rewards) {
      std::string title = r.name;
      if (r.kind == "points" && r.value > 0) {
        title += " (" + std::to_string(r.value) + " point" + (r.value == 1 ? "" : "s") + ")";
      }
      s.items.push_back({title, {}});
    }
    ex.sections.push_back(s);
  }

  if (!p.plans.empty()) {
    ExplainedSection s{"Support plans", "", {}};
    for (const auto& plan : p.plans) {
      std::string line;
      if (plan.duration_school_days) {
        line += "For up to " + std::to_string(*plan.duration_school_days) + " school days. ";
      }
      if (plan.review_every_school_days) {
        line +=
            "Reviewed every " + std::to_string(*plan.review_every_school_days) + " school days. ";
      }
      line += plan.description;
      s.items.push_back({plan.name, {line}});
    }
    ex.sections.push_back(s);
  }

  {
    ExplainedSection s{"What the law asks of us, and what we promise", "", {}};
    s.items.push_back(
        {"",
         {"If a " + pupil +
          " is ever sent home or off site as a consequence, that is a "
          "formal suspension, however we name it: only the headteacher can decide it, and "
          "you and the local authority are told in writing, with the reasons."}});
    s.items.push_back({"",
                       {"If an adult ever has to hold a " + pupil +
                        " to keep them or others safe, we record it the same day and tell "
                        "you " +
                        p.guards.parent_notice_due.Describe() + "."}});
    if (p.guards.senco_advice_declared) {
      const Step* from = p.FindStep(p.guards.senco_from_step);
      s.items.push_back(
          {"",
           {"For a " + pupil + " with " +
            (p.guards.senco_sen.size() > 1 ? "special educational needs" : "an EHC plan") +
            ", our SENCO advises us once they reach \"" + (from ? from->name : "") + "\"."}});
    }
    ex.sections.push_back(s);
  }
  return ex;
}

std::string ExplainAsText(const Policy& policy) {
  Explanation ex = Explain(policy);
  std::ostringstream out;
  out << ex.title << "\n" << std::string(ex.title.size(), '=') << "\n";
  if (!ex.summary.empty()) out << "\n" << ex.summary << "\n";
  for (const auto& s : ex.sections) {
    out << "\n" << s.heading << "\n" << std::string(s.heading.size(), '-') << "\n";
    if (!s.intro.empty()) out << s.intro << "\n";
    for (const auto& item : s.items) {
      bool numbered = !item.title.empty() && item.title[0] >= '0' && item.title[0] <= '9';
      if (numbered) out << "\n";
      std::string indent = numbered ? "   " : "  ";
      if (!item.title.empty()) {
        out << (numbered ? "" : "* ") << item.title;
        bool inline_line = !numbered && item.lines.size() == 1 && !item.lines[0].empty();
        if (inline_line) {
          out << ": " << item.lines[0] << "\n";
          continue;
        }
        out << "\n";
      }
      for (const auto& line : item.lines) {
        if (line.empty()) continue;
        out << (item.title.empty() ? "* " : indent) << line << "\n";
      }
    }
  }
  return out.str();
}

}  // namespace attune::policy
