#include "model/incident.h"

#include <algorithm>
#include <map>

namespace attune {

const std::vector<std::string>& PupilRoles() {
  static const std::vector<std::string> roles = {"involved", "affected", "witness"};
  return roles;
}

const std::vector<std::string>& PerceivedFunctions() {
  static const std::vector<std::string> functions = {
      "get_attention", "avoid_attention", "get_task",        "avoid_task", "get_item",
      "avoid_item",    "get_sensation",   "avoid_sensation", "unclear"};
  return functions;
}

std::string PerceivedFunctionLabel(const std::string& id) {
  static const std::map<std::string, std::string> labels = {
      {"get_attention", "To get attention"},
      {"avoid_attention", "To avoid attention"},
      {"get_task", "To get a task"},
      {"avoid_task", "To avoid a task"},
      {"get_item", "To get an item"},
      {"avoid_item", "To avoid an item"},
      {"get_sensation", "To get a sensation"},
      {"avoid_sensation", "To avoid a sensation"},
      {"unclear", "Unclear"}};
  auto it = labels.find(id);
  return it == labels.end() ? id : it->second;
}

bool MayReadRecord(Role role, bool restricted, const std::vector<std::string>& visible_to) {
  if (!restricted) return true;
  std::string reader = RestrictedReaderName(role);
  return !reader.empty() &&
         std::find(visible_to.begin(), visible_to.end(), reader) != visible_to.end();
}

std::string RestrictedReaderName(Role role) {
  return RoleHas(role, Permission::kIncidentsViewRestricted) ? RoleName(role) : "";
}

const std::vector<std::string>& OthersInvolved() {
  static const std::vector<std::string> others = {"peers", "staff", "unknown"};
  return others;
}

const std::vector<ReasonCode>& SuspensionReasonCodes() {
  static const std::vector<ReasonCode> codes = {
      {"PP", "Physical assault against a pupil"},
      {"PA", "Physical assault against an adult"},
      {"VP", "Verbal abuse or threatening behaviour against a pupil"},
      {"VA", "Verbal abuse or threatening behaviour against an adult"},
      {"OW", "Use or threat of use of an offensive weapon or prohibited item"},
      {"BU", "Bullying"},
      {"RA", "Racist abuse"},
      {"LG", "Abuse against sexual orientation and gender identity"},
      {"DS", "Abuse relating to disability"},
      {"SM", "Sexual misconduct"},
      {"DA", "Drug and alcohol related"},
      {"DM", "Damage"},
      {"TH", "Theft"},
      {"PD", "Persistent or general disruptive behaviour"},
      {"MT", "Inappropriate use of social media or online technology"},
      {"PH", "Wilful and repeated transgression of protective measures to protect public health"}};
  return codes;
}

bool IsSuspensionReasonCode(const std::string& code) {
  const auto& all = SuspensionReasonCodes();
  return std::any_of(all.begin(), all.end(), [&](const ReasonCode& r) { return code == r.code; });
}

std::string SchoolDaysWords(int n) {
  return std::to_string(n) + (n == 1 ? " school day" : " school days");
}

std::string SuspensionReasonWords(const std::string& code) {
  for (const auto& r : SuspensionReasonCodes()) {
    if (code == r.code) return std::string(r.code) + ": " + r.description;
  }
  return code;
}

}  // namespace attune
