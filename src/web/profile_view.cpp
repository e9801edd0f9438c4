// The personal profile on the pupil's page: each part marked as in the
// pupil's own words or written by staff, the day the pupil last went
// through it with an adult (apart from the last save), and its form
// (decision 0028).
#include <algorithm>

#include "web/page.h"
#include "web/profile_page.h"
#include "web/site.h"

namespace attune::web {

using nlohmann::json;

namespace {

// A part's heading as the page shows it.
const char* Heading(const std::string& part) {
  if (part == "communication") return "How to talk with me";
  if (part == "what_helps") return "What helps";
  if (part == "triggers") return "Triggers and worries";
  return "Strengths";
}

const std::string& PartText(const PupilProfile& p, const std::string& part) {
  return part == "what_helps" ? p.what_helps : part == "triggers" ? p.triggers : p.strengths;
}

}  // namespace

json ProfileView(const PupilProfile& profile, const std::string& first_name,
                 const std::optional<Date>& review_due_on, Date today) {
  json parts = json::array();
  for (const auto& part : ProfileParts()) {
    json item = {{"id", part}, {"heading", Heading(part)}, {"own_words", profile.InOwnWords(part)}};
    if (part == "communication") {
      if (profile.communication.empty()) continue;
      item["items"] = profile.communication;
      item["is_list"] = true;
    } else {
      if (PartText(profile, part).empty()) continue;
      item["text"] = PartText(profile, part);
    }
    parts.push_back(std::move(item));
  }
  bool has = !parts.empty() || !profile.pupil_voice.empty();
  json view = {{"has_profile", has},
               {"parts", parts},
               {"pupil_voice", profile.pupil_voice},
               {"updated", has ? FormatLondon(profile.updated_at, "%e %B %Y") : ""},
               {"updated_by", profile.updated_by},
               {"reviewed",
                profile.reviewed_with_pupil_on ? DateWords(*profile.reviewed_with_pupil_on) : ""},
               {"reviewed_by", profile.reviewed_by},
               {"own_words_label", "In " + first_name + "’s own words"}};
  std::string review_words;
  bool review_due = false;
  if (review_due_on && has) {
    review_due = !(today < *review_due_on);
    review_words = (review_due ? "Review with " + first_name + " due since "
                               : "Next review with " + first_name + " due ") +
                   DateWords(*review_due_on);
  }
  view["review_words"] = review_words;
  view["review_due"] = review_due;
  return view;
}

json ProfileForm(const PupilProfile& profile, const std::vector<policy::ProfileItem>& checklist,
                 const std::string& first_name, const ProfileFormError* failed) {
  std::vector<std::string> offered;
  for (const auto& item : checklist) offered.push_back(item.text);
  std::vector<std::string> ticked = profile.communication;
  std::vector<std::string> own = profile.own_words;
  std::string others;
  if (failed) {
    ticked = failed->typed.GetAll("communication");
    others = failed->typed.Get("communication_other");
    own = failed->typed.GetAll("own_words");
  } else {
    for (const auto& c : profile.communication) {
      if (std::find(offered.begin(), offered.end(), c) == offered.end()) {
        others += (others.empty() ? "" : "\n") + c;
      }
    }
  }
  json items = json::array();
  for (size_t k = 0; k < offered.size(); ++k) {
    bool on = std::find(ticked.begin(), ticked.end(), offered[k]) != ticked.end();
    // The school's heading, where its group begins.
    std::string heading =
        k == 0 || checklist[k].group != checklist[k - 1].group ? checklist[k].group : "";
    items.push_back(
        {{"n", std::to_string(k)}, {"label", offered[k]}, {"checked", on}, {"heading", heading}});
  }
  auto typed = [&](const std::string& name, const std::string& saved) {
    return failed ? failed->typed.Get(name) : saved;
  };
  json own_words = json::object();
  for (const auto& part : ProfileParts()) {
    own_words[part] = std::find(own.begin(), own.end(), part) != own.end();
  }
  return {{"checklist", items},
          {"others", others},
          {"what_helps", typed("what_helps", profile.what_helps)},
          {"triggers", typed("triggers", profile.triggers)},
          {"strengths", typed("strengths", profile.strengths)},
          {"pupil_voice", typed("pupil_voice", profile.pupil_voice)},
          {"own", own_words},
          {"own_words_label", "In " + first_name + "’s own words"},
          {"reviewed_today", failed && failed->typed.Get("reviewed_with_pupil") == "yes"},
          {"error", failed ? failed->error.message() : ""},
          {"open", failed != nullptr}};
}

}  // namespace attune::web
