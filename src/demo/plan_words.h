// What the demo school's plans say (plans.h): each form of seed 004's
// plans filled in as a school would, as nlohmann::json keyed by the form's
// field ids (Daily Positive Reporting's are in dpr_words.h). Views keep who
// gave them; targets say who is responsible; a protective action always
// comes with an educational one.
//
// Wording is warm, specific and child-centred, in the policy's words (the
// "child", Zone 6): it says what adults will do and what went well, never
// labels the child (DESIGN.md §3). Placeholders in the text banks, such as
// {child} and {tutor}, are filled from PlanPeople.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/time.h"
#include "demo/random.h"

namespace attune::demo {

// Who is named on one child's plans: demo staff and the family's contact.
struct PlanPeople {
  std::string child;         // the child's first name, as they are known
  std::string parent;        // "Sarah Khan"
  std::string parent_words;  // "mum", "dad", "foster carer"
  std::string tutor;         // the class teacher (form tutor): "Mr D. Shah"
  std::string lsa;           // a teaching assistant
  std::string key_adult;
  std::string slt;       // the senior leader who leads the plan
  std::string mentor;    // of the child's choosing
  std::string pastoral;  // the Thrive lead
};

// `text` with its placeholders ({child}, {tutor}, ...) filled from `p`.
std::string FillNames(std::string text, const PlanPeople& p);
// One of `bank`, drawn, with its placeholders filled.
std::string PickWords(DemoRandom& random, const std::vector<std::string>& bank,
                      const PlanPeople& p);
// A view as a plan keeps it: {"text", "given_by"}.
nlohmann::json View(const std::string& text, const std::string& given_by);

// Wellbeing Action Plan: the first meeting on `on`, after the records
// `incidents`; `after_dpr` when Daily Positive Reporting came first (its
// words for the recent interventions).
nlohmann::json WapStart(DemoRandom& random, const PlanPeople& p, Date on,
                        const std::vector<long long>& incidents, const std::string& after_dpr);
// An interim meeting on `on`: progress on `targets` (as WapStart wrote
// them) and new ones.
nlohmann::json WapReview(DemoRandom& random, const PlanPeople& p, Date on,
                         const nlohmann::json& targets);

// Zone 6 referral: the record before it and the agreed time in (minutes
// after midnight); then the restorative conversation, ended that day.
nlohmann::json Zone6Start(const std::vector<long long>& incidents, int time_in);
nlohmann::json Zone6End(DemoRandom& random, const PlanPeople& p, int time_out, bool could_say_why);

// Thrive action plan after an assessment on `assessed`, and what changed.
nlohmann::json ThriveStart(DemoRandom& random, const PlanPeople& p, Date assessed);
nlohmann::json ThriveEnd(DemoRandom& random, const PlanPeople& p);

// Risk reduction plan after the records `incidents`, and its reviews.
nlohmann::json RiskStart(DemoRandom& random, const PlanPeople& p,
                         const std::vector<long long>& incidents);
nlohmann::json RiskReview(DemoRandom& random, const PlanPeople& p);

}  // namespace attune::demo
