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

}  // namespace attune
