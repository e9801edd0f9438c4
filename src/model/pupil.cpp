#include "model/pupil.h"

#include <algorithm>

namespace attune {

const char* SenCode(SenStatus s) {
  switch (s) {
    case SenStatus::kNone:
      return "N";
    case SenStatus::kSupport:
      return "K";
    case SenStatus::kEhcp:
      return "E";
  }
  return "N";
}

const char* SenLabel(SenStatus s) {
  switch (s) {
    case SenStatus::kNone:
      return "No SEN";
    case SenStatus::kSupport:
      return "SEN support";
    case SenStatus::kEhcp:
      return "EHC plan";
  }
  return "No SEN";
}

bool ParseSenCode(std::string_view code, SenStatus& out) {
  if (code == "N")
    out = SenStatus::kNone;
  else if (code == "K")
    out = SenStatus::kSupport;
  else if (code == "E")
    out = SenStatus::kEhcp;
  else
    return false;
  return true;
}

const std::vector<std::string>& CommunicationPreferences() {
  static const std::vector<std::string> items = {
      "Use my name before giving an instruction",
      "Give me time to process — wait before repeating",
      "Tell me privately, not in front of the class",
      "Use short, clear sentences",
      "Show me visually as well as telling me",
      "Warn me before a change",
      "Offer me a choice of two",
      "Let me use my time-out card",
      "Check in with me at the start of the lesson",
      "Speak calmly and quietly",
  };
  return items;
}

const std::vector<std::string>& ProfileParts() {
  static const std::vector<std::string> parts = {"communication", "what_helps", "triggers",
                                                 "strengths"};
  return parts;
}

bool PupilProfile::InOwnWords(const std::string& part) const {
  return std::find(own_words.begin(), own_words.end(), part) != own_words.end();
}

}  // namespace attune
