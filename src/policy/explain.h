// The policy in plain words a parent could read: the one-page summary of
// seed 004, the parents' booklet of seed 001. One structure, two renderings:
// text for `attune policy explain`, HTML for the "Our policy" page.
#pragma once

#include <string>
#include <vector>

#include "policy/policy.h"

namespace attune::policy {

struct ExplainedItem {
  std::string title;               // "3. The 30 second script", "Ready"
  std::vector<std::string> lines;  // sentences under it
};

struct ExplainedSection {
  std::string heading;
  std::string intro;  // may be empty
  std::vector<ExplainedItem> items;
};

struct Explanation {
  std::string title;    // "<school>: our behaviour and relationships policy"
  std::string summary;  // the school's own paragraph
  std::vector<ExplainedSection> sections;
};

Explanation Explain(const Policy& policy);

// Plain text with headings underlined; the school's own words throughout.
std::string ExplainAsText(const Policy& policy);

}  // namespace attune::policy
