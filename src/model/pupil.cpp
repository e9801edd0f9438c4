#include "model/pupil.h"

#include <algorithm>
#include <cctype>

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

namespace {
// The DfE's check-letter alphabet (no I, O or S).
constexpr std::string_view kCheckLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
}  // namespace

char UpnCheckLetter(std::string_view last_twelve) {
  int sum = 0;
  for (size_t i = 0; i < last_twelve.size(); ++i) {
    char c = last_twelve[i];
    int value = IsDigit(c) ? c - '0' : static_cast<int>(kCheckLetters.find(c));
    sum += value * static_cast<int>(i + 2);
  }
  return kCheckLetters[sum % 23];
}

Status CheckUpn(std::string_view upn) {
  std::string shown = "UPN \"" + std::string(upn) + "\" ";
  if (upn.size() != 13) {
    return Status::Invalid(shown + "has " + std::to_string(upn.size()) +
                           " characters; a UPN has 13");
  }
  if (kCheckLetters.find(upn[0]) == std::string_view::npos) {
    return Status::Invalid(shown + "should start with a capital check letter");
  }
  for (size_t i = 1; i < 12; ++i) {
    if (!IsDigit(upn[i])) {
      return Status::Invalid(shown + "should have digits from its 2nd to its 12th character");
    }
  }
  if (!IsDigit(upn[12]) && kCheckLetters.find(upn[12]) == std::string_view::npos) {
    return Status::Invalid(shown + "should end with a digit (or a capital letter, if temporary)");
  }
  if (UpnCheckLetter(upn.substr(1)) != upn[0]) {
    return Status::Invalid(shown +
                           "does not pass the DfE check letter test: a character may have been "
                           "mistyped");
  }
  return Status::Ok();
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
