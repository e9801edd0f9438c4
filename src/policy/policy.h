// A school's behaviour policy, as data (the format is docs/policy.md).
//
// Plain values: built by the loader, read by the decision engine, the
// explainer and the simulator. Thread-safety: immutable once loaded, so one
// Policy may be shared by any number of threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/time.h"
#include "policy/deadline.h"

namespace attune::policy {

enum class BehaviourClass { kProsocial, kLowLevel, kDifficult, kDangerous };
const char* ClassName(BehaviourClass c);   // "prosocial", "low_level", ...
const char* ClassLabel(BehaviourClass c);  // "Prosocial", "Low-level", ...
// The inverse of ClassName; nullopt for any other text.
std::optional<BehaviourClass> ParseClass(std::string_view name);

struct Value {
  std::string id;
  std::string name;
  std::string description;
};

// A band of the school's own classification, e.g. a colour from desirable
// to unacceptable, or "minor" / "major". Declared in order.
struct Band {
  std::string id;
  std::string name;
  int order = 0;             // 1-based, from the most desirable
  std::string family;        // for families
  std::string highest_step;  // "" when no limit
};

// Whether records of a kind reach the child's family in attune's parents'
// view: at once, after a role named in [families] reviewed_by approves them,
// or never.
enum class FamilyShare { kAtOnce, kAfterReview, kNever };
const char* FamilyShareName(FamilyShare s);  // "at_once", "after_review", "never"

// What the policy shares with families ([families] in docs/policy.md).
struct Families {
  bool declared = false;  // the policy has a [families] table
  bool notes_home = false;
  std::map<BehaviourClass, FamilyShare> by_class;  // the loader fills all four
  std::vector<std::string> reviewed_by;            // attune role names
};

struct Category {
  std::string id;
  std::string name;
  BehaviourClass behaviour_class = BehaviourClass::kLowLevel;
  std::string band;  // a band id; "" only when the policy declares no bands
  std::string value;
  bool planned_ignoring = false;
  bool safeguarding = false;
  std::vector<std::string> visible_to;  // role names; empty means every role
  std::string default_step;
  std::string highest_step;  // "" when no limit of its own
  std::string description;   // for staff: examples, in the school's words
  std::string family;        // for families
  // Overrides the class's [families] setting; a safeguarding category is
  // never shared, whatever this says (the checker refuses anything else).
  std::optional<FamilyShare> families;
};

struct Action {
  std::string kind;  // one of ActionKinds()
  // "recorder", "key_adult", an attune role name or a school role id.
  std::string assignee = "recorder";
  std::optional<Deadline> due;  // required by the checker
  std::string description;
};
const std::vector<std::string>& ActionKinds();
// Whether `text` uses `word` (any case), at the start of a word: "exclusion"
// is in "Exclusions" and "zero-exclusion", not in "nonexclusion".
bool MentionsWord(std::string_view text, std::string_view word);
// "Phone call home", ... in attune's words; Policy::ActionWords gives the
// school's.
std::string ActionLabel(const std::string& kind);

enum class Recording { kNone, kTally, kRequired };
enum class ParentContact { kNone, kInform, kRequired };

struct Step {
  std::string id;
  std::string name;
  int order = 0;         // 1-based position in the ladder
  std::string guidance;  // for staff
  std::string family;    // for families
  std::string script;
  std::vector<std::string> phrases;
  Recording record = Recording::kRequired;
  ParentContact parent_contact = ParentContact::kNone;
  std::optional<int> reward_points_cap;
  std::vector<Action> actions;
};

enum class Scope { kLesson, kDay };

struct Ladder {
  Scope scope = Scope::kLesson;
  std::vector<BehaviourClass> no_jumps_for = {BehaviourClass::kLowLevel};
  std::map<BehaviourClass, std::string> may_enter_at;  // class -> highest entry step id
  std::map<BehaviourClass, std::string> highest_step;  // class -> highest step it may reach
  std::string family;  // how the steps work, for families, in the school's words
};

// A window a count is taken over.
struct Window {
  enum Kind {
    kLesson,
    kDay,
    kWeek,
    kHalfTerm,
    kTerm,
    kSchoolYear,     // 1 September to 31 August
    kMarkingPeriod,  // the school calendar's marking period containing the day
    kRollingDays,    // the last `days` calendar days
    kSchoolDays,     // this school day and the `days` - 1 school days before it
  } kind = kDay;
  int days = 0;  // for kRollingDays and kSchoolDays
};

// "lesson", "day", "week", "half_term", "term", "school_year",
// "marking_period", "rolling_days:14", "school_days:10".
std::string WindowName(const Window& w);

struct Escalation {
  std::string id;
  std::string propose_plan;
  std::string propose_step;
  std::string quote;
  // Trigger: exactly one of these forms.
  int count = 0;             // > 0: count form, this many or more...
  std::optional<int> up_to;  // ...and at most this many
  Window window;
  std::string step;
  std::string category;
  std::string band;
  bool same_category = false;  // records of the same category as this one
  std::optional<BehaviourClass> behaviour_class;
  std::string outcome_plan;  // plan_outcome form: "<plan>:unsuccessful"
};

struct Consequence {
  std::string id;
  std::string name;
  bool protective = false;  // else educational
  bool off_site = false;
  std::string description;
  std::vector<Action> actions;  // follow-ups the consequence carries
};

struct Reward {
  std::string id;
  std::string name;
  std::string kind;  // points, gems, postcard, note_home, award, other
  int value = 0;
  std::optional<int> cap_per_day;
  // "Send home" starts ticked on a positive note with this recognition.
  bool send_home = false;
};

// Why a note was kept without `r`: its cap for the day was reached.
std::string LeftOutReason(const Reward& r, const std::string& pupil_word);

// What one field of a plan's form holds (docs/policy.md, field types).
enum class FieldType {
  kShortText,
  kLongText,
  kTargets,
  kDate,
  kTime,
  kPerson,
  kPeople,
  kYesNo,
  kRating,
  kChoice,
  kStages,
  kRecords,
  kActions,
  kAnxietyMap,  // drawn from the pupil's records; holds nothing
};
// "short_text", ... as a policy writes it; ParseFieldType is its inverse.
const char* FieldTypeName(FieldType t);
std::optional<FieldType> ParseFieldType(std::string_view name);
const std::vector<std::string>& FieldTypeNames();

// When a section of a plan's form is filled in.
enum class PlanStage { kStart, kEntry, kReview, kEnd };
const char* StageName(PlanStage s);  // "start", "entry", "review", "end"
std::optional<PlanStage> ParseStage(std::string_view name);

// Who may take part in a plan: "pupil", "parent", "key_adult", "teacher",
// "senior", "senco", "agency", "other".
const std::vector<std::string>& Participants();

struct PlanField {
  std::string id;
  std::string label;
  FieldType type = FieldType::kShortText;
  bool required = false;
  std::string help;
  std::string view_of;  // "" or the participant whose view it is
  int scale = 5;        // kRating: 1..scale
  std::vector<std::string> choices;
  bool shown_when_recording = false;
  // The pupil answers this field themselves (their view, view_of "pupil"):
  // on their own turn on a shared device, or with an adult who writes
  // their words down. Default: true for a long_text view of the pupil.
  bool pupil_answers = false;
  // The question as the pupil reads it ("What were you feeling?"); the
  // label stays the staff's wording. Default: "" (the label is asked).
  std::string pupil_asks;

  // What the pupil is asked: pupil_asks, or the label.
  const std::string& AskedOfPupil() const { return pupil_asks.empty() ? label : pupil_asks; }
};

struct PlanSection {
  std::string id;
  std::string title;
  PlanStage stage = PlanStage::kStart;
  std::string help;
  std::vector<PlanField> fields;

  // Whether any field is the pupil's to answer (PlanField::pupil_answers).
  bool HasPupilFields() const;
};

struct Plan {
  enum class Entries { kNone, kDaily, kCheckIn };
  enum class Visibility { kEveryone, kInvolvedAndSenior };

  std::string id;
  std::string name;
  std::string title;                        // printed; the loader fills it from name when absent
  std::optional<int> duration_school_days;  // the longest it may run
  std::optional<int> review_every_school_days;
  std::string owner = "senior";  // an attune role name
  std::string description;
  // Attune role names (school roles resolved); the loader fills [owner]
  // when absent.
  std::vector<std::string> started_by, reviewed_by, ended_by, written_by;
  Entries entries = Entries::kNone;
  std::optional<int> check_in_every_school_days;
  std::vector<std::string> participants;
  std::vector<std::string> signed_by;             // signatures the form needs
  std::vector<std::string> signed_optionally_by;  // and those it offers
  std::optional<Deadline> notice_due;             // kSchoolDayBefore
  Visibility visible_to = Visibility::kEveryone;
  std::vector<std::string> debrief_for;  // "physical_intervention", "dangerous"
  Deadline debrief_due = Deadline::WithinSchoolDays(1);
  std::vector<PlanSection> sections;

  // The field `id` of any section, or null.
  const PlanField* FindField(const std::string& id) const;
  // The section holding field `id`, or null.
  const PlanSection* SectionOf(const std::string& id) const;
  bool HasStage(PlanStage s) const;
  // Whether `role` (an attune role name) is in `list`.
  static bool Lists(const std::vector<std::string>& list, const std::string& role);
};

// A role in the school's own words (tutor, Learning Community Manager),
// with the attune role whose permissions its holders have.
struct SchoolRole {
  std::string id;
  std::string name;         // "Learning Community Manager"
  std::string attune_role;  // a RoleName(): "pastoral"
  // "form_tutor" or "key_adult" when each pupil has their own holder of
  // this role; actions given to it go to that person. "" otherwise.
  std::string each_pupils;
};

// Why a behaviour may happen, as the school's recording form offers it.
struct PerceivedFunction {
  std::string id;
  std::string name;
};

struct ProfileItem {
  std::string id;
  std::string text;   // "Tell me privately, not in front of the class"
  std::string group;  // "" or a heading, e.g. "How I like to be spoken to"
};

// The personal profile written with each pupil.
struct ProfileSettings {
  std::vector<ProfileItem> checklist;
  std::optional<int> review_every_school_days;
  // Attune role names that may write it; empty: every role that may edit
  // profiles in attune.
  std::vector<std::string> edited_by;
};

// Staff training the policy relies on (Team Teach, CPI).
struct Training {
  std::string id;
  std::string name;
  std::string description;
  std::optional<int> valid_for_months;  // none: does not expire
  bool for_physical_intervention = false;
};

// The last day training taken on `taken_on` is current: `expires_on` when
// the record gives it, else `valid_for_months` later; none when it does
// not expire.
std::optional<Date> CurrentUntil(const Training& t, Date taken_on, std::optional<Date> expires_on);

struct Guards {
  bool suspension_declared = false;
  std::string suspension_decided_by = "senior";
  bool physical_intervention_declared = false;
  Deadline physical_record_due = Deadline::SameDay(17 * 60);
  Deadline parent_notice_due = Deadline::SameDay(17 * 60);
  bool senco_advice_declared = false;
  std::vector<std::string> senco_sen = {"E"};
  std::string senco_from_step;
  Deadline senco_due = Deadline::WithinSchoolDays(2);
};

struct Policy {
  int format = 1;
  std::string school_name;
  std::string source;
  std::string summary;
  std::map<std::string, std::string> vocabulary;
  // Words the school has removed, each with what it says instead.
  std::map<std::string, std::string> removed_words;
  std::vector<SchoolRole> roles;
  std::vector<Value> values;
  std::vector<Band> bands;
  std::vector<Category> categories;
  Ladder ladder;
  std::vector<Step> steps;
  std::vector<Escalation> escalations;
  std::vector<Consequence> consequences;
  Guards guards;
  std::vector<Reward> rewards;
  std::vector<Plan> plans;
  std::vector<PerceivedFunction> functions;  // the loader fills the default list
  ProfileSettings profile;                   // the loader fills the default checklist
  std::vector<Training> training;
  Families families;

  // The school's word for `key` (see docs/policy.md), or `fallback`.
  std::string Word(const std::string& key, const std::string& fallback) const;
  // An action kind in the school's words ("Reflection and debrief" for a
  // restorative conversation where the school says so).
  std::string ActionWords(const std::string& kind) const;
  // The school's name for an attune role or a person ("recorder",
  // "key_adult", "form_tutor"): the first school role mapped to it, or "".
  std::string RoleWords(const std::string& attune_role) const;
  // The highest step order a record of `c` may reach; the ladder's top when
  // nothing limits it.
  int HighestOrder(const Category& c) const;
  const Band* FindBand(const std::string& id) const;
  const SchoolRole* FindRole(const std::string& id) const;
  const PerceivedFunction* FindFunction(const std::string& id) const;
  const Training* FindTraining(const std::string& id) const;
  // Lookups by id; constant time once BuildIndex() has run (the loader runs it).
  const Category* FindCategory(const std::string& id) const;
  const Step* FindStep(const std::string& id) const;
  const Plan* FindPlan(const std::string& id) const;
  const Consequence* FindConsequence(const std::string& id) const;
  const Reward* FindReward(const std::string& id) const;

  // Whether records of `c` reach families: never for a safeguarding category,
  // else the category's own `families`, else its class's.
  FamilyShare FamilyShareOf(const Category& c) const;
  // Whether "Send home" starts ticked on a positive note with recognition
  // `reward_id` ("" for none): the reward's send_home, or notes_home.
  bool SendsHomeByDefault(const std::string& reward_id) const;
  // Whether a member of staff in attune role `role` may approve records for families.
  bool ReviewsForFamilies(const std::string& role) const;

  // Builds the id indexes. REQUIRES: called again after any change to the lists.
  void BuildIndex();

 private:
  std::unordered_map<std::string, size_t> category_index_;
  std::unordered_map<std::string, size_t> step_index_;
};

}  // namespace attune::policy
