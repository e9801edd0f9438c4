#include "model/restorative.h"

namespace attune {

// Seed 003, Appendix B (the restorative questions), as DESIGN.md §2 lists them.
const std::vector<std::string>& RestorativePrompts() {
  static const std::vector<std::string> prompts = {
      "What happened?", "What were you thinking? So how were you feeling?",
      "Who has been affected by this and how?", "What do you need to move on?",
      "What needs to happen now, so that the harm can be repaired?"};
  return prompts;
}

// The same questions, asked of the person harmed.
const std::vector<std::string>& HarmedPrompts() {
  static const std::vector<std::string> prompts = {
      "What happened, as you saw it?", "How did you feel then, and how do you feel now?",
      "How has this affected you, and who else?", "What do you need to move on?",
      "What needs to happen now, so that the harm can be repaired?"};
  return prompts;
}

// Seed 004 asks that "all incidents will conclude with a restorative
// conversation with the member of staff in which the rupture occurred"; these
// are the reasons a school records when that cannot happen. "Not appropriate"
// follows seed 004's child-on-child abuse category: the DSL decides "whether
// any restorative work is appropriate".
const std::vector<NoRepairReason>& NoRepairReasons() {
  static const std::vector<NoRepairReason> reasons = {
      {"pupil_declined", "the {pupil} declined, though it was offered more than once"},
      {"adult_left", "the adult involved has left the school"},
      {"pupil_left", "the {pupil} has left the school"},
      {"not_appropriate", "not appropriate, on safeguarding advice"},
  };
  return reasons;
}

bool IsNoRepairReason(const std::string& id) {
  for (const auto& r : NoRepairReasons()) {
    if (id == r.id) return true;
  }
  return false;
}

std::string NoRepairReasonWords(const std::string& id, const std::string& pupil) {
  for (const auto& r : NoRepairReasons()) {
    if (id != r.id) continue;
    std::string words = r.words;
    if (auto at = words.find("{pupil}"); at != std::string::npos) words.replace(at, 7, pupil);
    return words;
  }
  return id;
}

RepairOutcome RepairOutcomeOf(long long incident_id, long long pupil_id,
                              const std::vector<RestorativeConversation>& conversations,
                              const std::vector<NoRepair>& no_repairs) {
  RepairOutcome out;
  for (const auto& c : conversations) {
    if (c.incident_id != incident_id || c.pupil_id != pupil_id || !c.repaired_at) continue;
    if (!out.repaired_at || *c.repaired_at < *out.repaired_at) {
      out.repaired_at = c.repaired_at;
      out.repaired_with = c.adult_name;
    }
  }
  for (const auto& n : no_repairs) {
    if (n.incident_id == incident_id && n.pupil_id == pupil_id) out.no_repair = &n;
  }
  return out;
}

}  // namespace attune
