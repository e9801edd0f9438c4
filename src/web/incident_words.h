// Words shared by the follow-up pages (my actions, the record, the pupil's
// page, my day): due times in words, whose an action is, whether a repair
// happened within the policy's time, and a safe place to go back to.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "model/action.h"
#include "model/incident.h"
#include "model/principal.h"
#include "model/pupil.h"
#include "model/restorative.h"
#include "policy/policy.h"

namespace attune::web {

// "today 17:00", "tomorrow 09:00", "yesterday 17:00", "Monday 09:00" (within
// the coming week), otherwise "Mon 2 March 17:00".
std::string DueWords(Timestamp due, Timestamp now);
// When something happened: "today 10:12", "yesterday 10:12",
// "Monday 2 March 10:12".
std::string WhenWords(Timestamp at, Timestamp now);

// The first letter in capitals ("step" -> "Step").
std::string Capitalised(std::string text);

// "1 point", "3 points"; "" for 0 or fewer (nothing to say).
std::string Counted(long long n, const std::string& one, const std::string& many);

// "Prosocial", "Low-level", "Difficult", "Dangerous" for a class name.
std::string ClassWords(const std::string& behaviour_class);
// The behaviour classes in order: prosocial, low_level, difficult, dangerous.
const std::vector<std::string>& ClassNames();

// Who an action is for, as the viewer reads it: "You", a name, or a role.
std::string AssigneeWords(const Action& action, const Principal& viewer);
// "Pastoral lead" for "pastoral"; "Key adult" for "key_adult".
std::string RoleWords(const std::string& role_name);

// One action for a template: label, pupil, due words, overdue, status...
nlohmann::json ActionJson(const Action& action, Timestamp now, const Principal& viewer);

// Where one pupil's repair for a record stands: within the policy's time,
// later, not repaired (a senior leader recorded why it will not happen), or
// still to come. `asked`: the record asks a repair of the pupil; `due`: by
// when, when the policy says.
struct RepairState {
  // "in_time", "late", "not_repaired", "overdue", "due" or "" (none asked)
  std::string state;
  std::string words;  // "Repaired within time", "Not repaired: …", "Repair overdue", ...
};
RepairState RepairOf(bool asked, std::optional<Timestamp> due, const RepairOutcome& outcome,
                     Timestamp now, const std::string& pupil_word = "pupil");

// A same-site path to return to after a form ("/actions?scope=all"), or
// `fallback` when `back` is empty or points elsewhere.
std::string SafeBack(const std::string& back, const std::string& fallback);

// Digits and "+" only, for tel: links.
std::string PhoneLink(const std::string& phone);

// A parent or carer for templates: name, relationship, phone and tel: link.
nlohmann::json ContactJson(const Contact& contact);

}  // namespace attune::web
