// A restorative conversation and the repair that closes the rupture–repair
// cycle (DESIGN.md §2), or why the repair will not happen. The prompts are
// the seeds' (RestorativePrompts()).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace attune {

// The questions asked of the pupil and of the person harmed, in order.
const std::vector<std::string>& RestorativePrompts();
const std::vector<std::string>& HarmedPrompts();

struct RestorativeConversation {
  long long id = 0;
  long long school_id = 0;
  long long incident_id = 0;
  long long pupil_id = 0;
  long long led_by_staff_id = 0;
  // The adult in whose relationship the rupture happened; the repair must
  // involve them (seed 004, "Step 6").
  long long adult_staff_id = 0;
  Timestamp held_at{};
  bool shuttle = false;  // the parties did not meet; the adult carried views between them
  std::string harmed;    // who was harmed, in words
  std::vector<std::string> pupil_answers;
  std::vector<std::string> harmed_answers;
  std::string agreement;
  std::optional<Date> review_on;
  bool repaired = false;
  std::optional<Timestamp> repaired_at;
  // Filled by queries that join:
  std::string pupil_name;
  std::string led_by_name;
  std::string adult_name;
  bool restricted = false;  // its record is restricted
};

// Why a repair will not happen: one of a short fixed list, so that the
// school can see why cycles stay unrepaired without reading every note.
struct NoRepairReason {
  const char* id;     // "pupil_declined", "adult_left", "pupil_left", "not_appropriate"
  const char* words;  // "the {pupil} declined, though it was offered more than once"
};
// In the order the form lists them.
const std::vector<NoRepairReason>& NoRepairReasons();
bool IsNoRepairReason(const std::string& id);
// The reason in words, in lower case to follow "Not repaired: ", with
// `pupil` for the school's word ("student"); the id itself when unknown.
std::string NoRepairReasonWords(const std::string& id, const std::string& pupil = "pupil");

// A senior leader's record that one pupil's repair for one incident will
// not happen (restorative.no_repair): the cycle closes without a repair and
// counts as not repaired in every figure. A repair recorded later still
// counts, as a repair after the policy's time.
struct NoRepair {
  long long school_id = 0;
  long long incident_id = 0;
  long long pupil_id = 0;
  std::string reason;  // a NoRepairReasons() id
  std::string note;    // what happened, in a sentence or two
  long long recorded_by_staff_id = 0;
  Timestamp recorded_at{};
  // Filled by queries that join:
  std::string pupil_name;
  std::string recorded_by_name;
  bool restricted = false;  // the record it belongs to is restricted
};

// How one pupil's rupture–repair cycle for one incident stands, from the
// incident's conversations and no-repair records (either list may hold
// other pupils' and incidents'): the first repair, with whom, and any
// record that it will not happen.
struct RepairOutcome {
  std::optional<Timestamp> repaired_at;
  std::string repaired_with;            // the adult involved, by name
  const NoRepair* no_repair = nullptr;  // points into `no_repairs`
};
RepairOutcome RepairOutcomeOf(long long incident_id, long long pupil_id,
                              const std::vector<RestorativeConversation>& conversations,
                              const std::vector<NoRepair>& no_repairs);

}  // namespace attune
