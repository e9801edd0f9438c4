#include "model/contact_log.h"

#include <map>

namespace attune {

const std::vector<std::string>& ContactKinds() {
  static const std::vector<std::string> kinds = {"phone_call", "meeting", "home_visit", "letter",
                                                 "positive_note"};
  return kinds;
}

std::string ContactKindLabel(const std::string& kind) {
  static const std::map<std::string, std::string> labels = {{"phone_call", "Phone call"},
                                                            {"meeting", "Meeting"},
                                                            {"home_visit", "Home visit"},
                                                            {"letter", "Letter"},
                                                            {"positive_note", "Positive note"}};
  auto it = labels.find(kind);
  return it == labels.end() ? kind : it->second;
}

}  // namespace attune
