#include "policy/explain.h"

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

#include "policy/window.h"

namespace attune::policy {
namespace {

std::string Lower(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && (s.size() < 2 || !(s[1] >= 'A' && s[1] <= 'Z'))) {
    s[0] = static_cast<char>(s[0] - 'A' + 'a');
  }
  return s;
}

std::string Upper(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// "a" or "an" before a name.
std::string Article(const std::string& name) {
  if (name.empty()) return "a";
  char c = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return std::string("aeiou").find(c) != std::string::npos ? "an" : "a";
}

// Whether a plan's name takes "a" ("a Risk reduction plan"), or stands
// alone ("Daily Positive Reporting", "Therapeutic Thinking Early Prognosis").
bool Countable(const std::string& name) {
  std::string last = name.substr(0, name.find(" ("));
  last = last.substr(last.rfind(' ') == std::string::npos ? 0 : last.rfind(' ') + 1);
  for (char& c : last) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* mass : {"reporting", "prognosis", "mentoring", "monitoring", "support",
                           "coaching", "time", "provision"}) {
    if (last == mass) return false;
  }
  return true;
}

std::string PlanWords(const std::string& name) {
  return Countable(name) ? Article(name) + " " + name : name;
}

std::string Joined(const std::vector<std::string>& items, const char* last = " and ") {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == items.size() ? last : ", ") + items[i];
  }
  return out;
}

// Who does something, as a parent reads it, in the school's words where the
// policy gives them.
std::string WhoDoes(const Policy& p, const std::string& assignee) {
  if (assignee == "recorder") return "the adult involved";
  std::string school = p.RoleWords(assignee);
  if (const SchoolRole* r = p.FindRole(assignee)) {
    return r->each_pupils.empty() ? Article(r->name) + " " + r->name : "your child's " + r->name;
  }
  if (assignee == "key_adult") {
    return "your child's " + (school.empty() ? p.Word("key_adult", "key adult") : school);
  }
  if (!school.empty()) return Article(school) + " " + school;
  if (assignee == "teacher") return "the class teacher";
  if (assignee == "support") return "a support assistant";
  if (assignee == "pastoral") return "the pastoral lead";
  if (assignee == "senco") return "our SENCO";
  if (assignee == "dsl") return "our designated safeguarding lead";
  if (assignee == "senior") return "a senior leader";
  return "the school office";
}

// One follow-up, as a sentence a parent reads: who does what, and when.
std::string ActionSentence(const Policy& p, const Action& a) {
  std::string who = WhoDoes(p, a.assignee);
  std::string when = a.due ? ", " + a.due->Describe() : "";
  std::string reflection = Lower(p.ActionWords("restorative_conversation"));
  const std::string& k = a.kind;
  std::string s;
  if (k == "phone_call_home") {
    s = who + " phones you" + when;
  } else if (k == "inform_home") {
    s = who + " lets you know" + when;
  } else if (k == "letter_home") {
    s = who + " writes to you" + when;
  } else if (k == "home_visit") {
    s = who + " visits you at home" + when;
  } else if (k == "meeting") {
    s = who + " holds a meeting" + when;
  } else if (k == "restorative_conversation") {
    s = reflection + " with your child and " + who + when;
  } else if (k == "repair") {
    s = "your child and " + who + " put things right between them" + when;
  } else if (k == "amends") {
    s = "your child proposes how to make amends, in their own words, with " + who + when;
  } else if (k == "reflection_day_notice") {
    s = who + " tells you about the " + p.Word("reflection_day", "day") +
        ", what it is for and how it will go" + when;
  } else if (k == "senco_advice") {
    s = "our SENCO advises" + when;
  } else if (k == "dsl_review") {
    s = "our designated safeguarding lead looks at it" + when;
  } else if (k == "plan_review") {
    s = who + " reviews your child's plan" + when;
  } else if (k == "record_incident") {
    s = who + " writes a full record" + when;
  } else if (k == "behaviour_contract") {
    s = who + " agrees a behaviour contract with your child" + when;
  } else if (k == "referral") {
    s = who + " refers your child for extra support" + when;
  } else {
    s = who + ": " + Lower(p.ActionWords(k)) + when;
  }
  return Upper(s) + ".";
}

std::string ScopeWord(const Policy& p) {
  return p.ladder.scope == Scope::kLesson ? p.Word("lesson", "lesson") : "day";
}

std::string ClassWords(BehaviourClass c) { return Lower(ClassLabel(c)) + " behaviour"; }

// How the steps work, only as far as the policy says.
std::string StepsIntro(const Policy& p) {
  const std::string step = p.Word("step", "step"), steps = p.Word("steps", "steps");
  std::vector<std::string> out;
  if (!p.ladder.family.empty()) out.push_back(p.ladder.family);
  out.push_back("The " + steps + " start again each " + ScopeWord(p) + ".");
  if (!p.ladder.no_jumps_for.empty()) {
    std::vector<std::string> classes;
    for (auto c : p.ladder.no_jumps_for) classes.push_back(ClassWords(c));
    out.push_back("For " + Joined(classes, " or ") + " we go one " + step + " at a time.");
  }
  bool starts_later = false;
  for (const auto& c : p.categories) {
    const Step* s = p.FindStep(c.default_step);
    starts_later = starts_later || (s && s->order > 1 && !c.planned_ignoring);
  }
  if (starts_later) {
    out.push_back("Some behaviour starts at a later " + step + ", as our policy sets out.");
  }
  for (const auto& [cls, id] : p.ladder.highest_step) {
    if (const Step* s = p.FindStep(id)) {
      out.push_back(Upper(ClassWords(cls)) + " goes no further than \"" + s->name +
                    "\", however often it happens.");
    }
  }
  std::string text;
  for (const auto& s : out) text += (text.empty() ? "" : " ") + s;
  return text;
}

// "If your child reaches "Stage 4" 2 or more times in the same half-term".
std::string Trigger(const Policy& p, const Escalation& e) {
  std::string what;
  if (const Step* st = p.FindStep(e.step)) {
    what = "your child reaches \"" + st->name + "\"";
  } else if (const Category* c = p.FindCategory(e.category)) {
    what = "\"" + c->name + "\" is recorded";
  } else if (const Band* b = p.FindBand(e.band)) {
    what = "behaviour in the " + b->name + " band is recorded";
  } else if (e.same_category) {
    what = "the same behaviour is recorded";
  } else if (e.behaviour_class) {
    what = ClassWords(*e.behaviour_class) + " is recorded";
  }
  std::string times;
  if (e.count == 1 && !e.up_to) return "Whenever " + what;
  if (e.up_to && *e.up_to == e.count) {
    times = std::to_string(e.count) + " times";
  } else if (e.up_to) {
    times = std::to_string(e.count) + " to " + std::to_string(*e.up_to) + " times";
  } else {
    times = std::to_string(e.count) + " or more times";
  }
  return "If " + what + " " + times + " " + WindowWords(e.window, p);
}

// What families are shown, as a parent reads it: a class in words, the
// categories that differ from it, and who checks records first.
std::string SharedKinds(const Policy& p, FamilyShare share) {
  static const std::map<BehaviourClass, std::string> kKinds = {
      {BehaviourClass::kProsocial,
       "the notes adults send home about what your child has done well"},
      {BehaviourClass::kLowLevel, "records of low-level behaviour"},
      {BehaviourClass::kDifficult, "records of difficult behaviour"},
      {BehaviourClass::kDangerous, "records of dangerous behaviour"}};
  std::vector<std::string> kinds, own;
  for (const auto& [cls, words] : kKinds) {
    Category of_class;
    of_class.behaviour_class = cls;
    FamilyShare class_share = p.FamilyShareOf(of_class);
    bool follows = false;
    std::vector<std::string> except;
    for (const auto& c : p.categories) {
      if (c.behaviour_class != cls || c.safeguarding) continue;
      if (p.FamilyShareOf(c) == class_share) {
        follows = true;
      } else {
        except.push_back("\"" + c.name + "\"");
        if (p.FamilyShareOf(c) == share) own.push_back("records of \"" + c.name + "\"");
      }
    }
    if (!follows || class_share != share) continue;
    kinds.push_back(words + (except.empty() ? "" : " other than " + Joined(except, " or ")));
  }
  kinds.insert(kinds.end(), own.begin(), own.end());
  return Joined(kinds);
}

// "What we share with you": only what the policy's [families] and its
// recognitions say.
std::optional<ExplainedSection> FamiliesSection(const Policy& p) {
  std::vector<std::string> postcards;
  for (const auto& r : p.rewards) {
    if (r.send_home) postcards.push_back(r.name);
  }
  if (!p.families.declared && postcards.empty()) return std::nullopt;
  ExplainedSection s{"What we share with you", "", {}};
  std::string now = SharedKinds(p, FamilyShare::kAtOnce);
  if (!now.empty()) s.items.push_back({"", {"In attune you see straight away: " + now + "."}});
  std::string later = SharedKinds(p, FamilyShare::kAfterReview);
  if (!later.empty()) {
    std::vector<std::string> who;
    for (const auto& role : p.families.reviewed_by) who.push_back(WhoDoes(p, role));
    if (who.empty()) who.push_back("a member of staff");
    s.items.push_back({"",
                       {"In attune you see, when " + Joined(who, " or ") +
                        " has checked them and chosen to share them: " + later + "."}});
  }
  if (now.empty() && later.empty()) {
    s.items.push_back({"", {"Records of behaviour are not shown to you in attune."}});
  }
  if (std::any_of(p.categories.begin(), p.categories.end(),
                  [](const Category& c) { return c.safeguarding; })) {
    s.items.push_back({"",
                       {"Records about keeping your child safe (safeguarding) are never shown "
                        "in attune: " +
                        WhoDoes(p, "dsl") + " decides what we tell you."}});
  }
  if (p.families.notes_home) {
    s.items.push_back({"",
                       {"When an adult writes a note about something your child has done well, "
                        "it is usually sent home to you."}});
  }
  if (!postcards.empty()) {
    s.items.push_back({"", {"We usually send home: " + Joined(postcards) + "."}});
  }
  return s;
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

  if (!p.bands.empty()) {
    ExplainedSection s{"How we describe behaviour", "", {}};
    s.intro = "We group what we see in " + std::to_string(p.bands.size()) +
              " bands, from what we most want to see to what is not acceptable.";
    for (const auto& b : p.bands) {
      ExplainedItem item{b.name, {}};
      if (!b.family.empty()) item.lines.push_back(b.family);
      std::vector<std::string> names;
      for (const auto& c : p.categories) {
        if (c.band != b.id) continue;
        names.push_back(c.name);
        if (!c.family.empty()) item.lines.push_back(c.name + ": " + c.family);
      }
      if (!names.empty())
        item.lines.insert(item.lines.begin() + (b.family.empty() ? 0 : 1),
                          "For example: " + Joined(names) + ".");
      s.items.push_back(item);
    }
    ex.sections.push_back(s);
  } else {
    ExplainedSection s{"What we mean by…", "", {}};
    for (const auto& c : p.categories) {
      if (!c.family.empty()) s.items.push_back({c.name, {c.family}});
    }
    if (!s.items.empty()) ex.sections.push_back(s);
  }

  {
    ExplainedSection s{"When your child is finding things hard: our " + steps, "", {}};
    s.intro = StepsIntro(p);
    const std::string step = p.Word("step", "step");
    for (const auto& st : p.steps) {
      ExplainedItem item{std::to_string(st.order) + ". " + st.name, {}};
      if (!st.family.empty()) item.lines.push_back(st.family);
      if (st.parent_contact == ParentContact::kRequired) {
        item.lines.push_back("We will contact you at this " + step + ".");
      } else if (st.parent_contact == ParentContact::kInform) {
        item.lines.push_back("We will let you know.");
      }
      for (const auto& a : st.actions) item.lines.push_back(ActionSentence(p, a));
      if (st.reward_points_cap) {
        item.lines.push_back("For the rest of the " + ScopeWord(p) +
                             ", reward points are capped at " +
                             std::to_string(*st.reward_points_cap) + ".");
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
        when = Trigger(p, e);
      } else if (!e.outcome_plan.empty()) {
        const Plan* plan = p.FindPlan(e.outcome_plan);
        std::string name = plan ? plan->name : e.outcome_plan;
        when = "If " + std::string(Countable(name) ? "the " : "") + name + " has not helped";
      } else if (e.behaviour_class) {
        when = "After any " + ClassWords(*e.behaviour_class);
      }
      std::vector<std::string> proposals;
      const Plan* plan = p.FindPlan(e.propose_plan);
      if (plan) proposals.push_back(PlanWords(plan->name));
      if (const Step* st = p.FindStep(e.propose_step)) {
        if (!plan || plan->name != st->name) proposals.push_back("moving to \"" + st->name + "\"");
      }
      std::string line = when + ", we will consider " + Joined(proposals) + ".";
      if (!e.quote.empty()) line += " (\"" + e.quote + "\")";
      s.items.push_back({"", {line}});
    }
    ex.sections.push_back(s);
  }

  if (!p.consequences.empty()) {
    ExplainedSection s{"Consequences", "", {}};
    s.intro =
        "When we must limit your child's freedom to keep everyone safe, we always pair it "
        "with something that helps them learn and put things right.";
    for (const auto& c : p.consequences) {
      ExplainedItem item{
          c.name + (c.protective ? " (to keep everyone safe)" : " (to learn and repair)"),
          {c.description}};
      if (c.off_site) {
        item.lines.push_back(
            "In law this is a formal suspension: only the headteacher can "
            "decide it.");
      }
      if (!c.actions.empty()) {
        std::vector<std::string> then;
        for (const auto& a : c.actions) then.push_back(ActionSentence(p, a));
        item.lines.push_back("Afterwards: " + Joined(then, " "));
      }
      s.items.push_back(item);
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
      std::vector<std::string> lines;
      if (r.cap_per_day) {
        lines.push_back(*r.cap_per_day == 1
                            ? "Once a day at most."
                            : "At most " + std::to_string(*r.cap_per_day) + " a day.");
      }
      s.items.push_back({title, lines});
    }
    ex.sections.push_back(s);
  }

  {
    // Plans kept to the staff involved (a staff debrief) are about the
    // adults, not support for a child: families are not told of them here.
    ExplainedSection s{"Support plans", "", {}};
    auto days = [](int n) { return std::to_string(n) + (n == 1 ? " school day" : " school days"); };
    for (const auto& plan : p.plans) {
      if (plan.visible_to == Plan::Visibility::kInvolvedAndSenior) continue;
      std::string line;
      if (plan.duration_school_days) {
        line += *plan.duration_school_days == 1
                    ? "For one school day. "
                    : "For up to " + days(*plan.duration_school_days) + ". ";
      }
      if (plan.review_every_school_days) {
        line += *plan.review_every_school_days == 1
                    ? "Reviewed every school day. "
                    : "Reviewed every " + days(*plan.review_every_school_days) + ". ";
      }
      if (plan.notice_due) {
        line += "We tell you about it " + plan.notice_due->Describe() + " it starts. ";
      }
      line += plan.description;
      while (!line.empty() && line.back() == ' ') line.pop_back();
      s.items.push_back({plan.name, {line}});
    }
    if (!s.items.empty()) ex.sections.push_back(s);
  }

  if (auto families = FamiliesSection(p)) ex.sections.push_back(*families);

  {
    ExplainedSection s{"What the law asks of us, and what we promise", "", {}};
    s.items.push_back(
        {"",
         {"If your child is ever sent home or off site as a consequence, that is a formal "
          "suspension, however we name it: only the headteacher can decide it, and you and the "
          "local authority are told in writing, with the reasons."}});
    std::string hold =
        "If an adult ever has to hold your child to keep them or others safe, we "
        "record it the same day and tell you " +
        p.guards.parent_notice_due.Describe() + ".";
    std::vector<std::string> trained;
    for (const auto& t : p.training) {
      if (t.for_physical_intervention) trained.push_back(t.name);
    }
    if (!trained.empty()) {
      hold += " The staff who may need to do this are trained in " + Joined(trained) + ".";
    }
    s.items.push_back({"", {hold}});
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
