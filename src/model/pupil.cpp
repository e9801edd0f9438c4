#include "model/pupil.h"

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

}  // namespace attune
