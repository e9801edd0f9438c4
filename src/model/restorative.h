// A restorative conversation and the repair that closes the rupture–repair
// cycle (DESIGN.md §2). The prompts are the seeds' (RestorativePrompts()).
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

}  // namespace attune
