// The policy builder: the whole file in order, and the school's own words,
// roles and personal profile.
#include "policy/builder.h"

#include <algorithm>

#include "model/incident.h"
#include "model/pupil.h"
#include "model/role.h"

namespace attune::policy {
namespace {

std::vector<std::string> AttuneRoles() {
  std::vector<std::string> out;
  for (Role r : AllRoles()) out.push_back(RoleName(r));
  return out;
}

// "Use my name before giving an instruction" -> "use_my_name_before_giving".
std::string IdFromText(const std::string& text) {
  std::string id;
  for (char c : text) {
    if (id.size() >= 40) break;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      id += c;
    } else if (!id.empty() && id.back() != '_') {
      id += '_';
    }
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  return id;
}

}  // namespace

Policy Builder::Build() {
  r_.OnlyKeys(root_,
              {"format", "school", "vocabulary", "removed_words", "roles", "values", "bands",
               "categories", "ladder", "steps", "escalations", "consequences", "guards", "rewards",
               "plans", "functions", "profile", "training", "families"},
              "the policy");
  ReadTop();
  ReadRemovedWords();
  ReadVocabulary();
  ReadRoles();
  ReadValues();
  ReadSteps();  // before categories and bands: they refer to steps
  ReadBands();
  ReadCategories();
  ReadLadder();
  ReadPlans();
  ReadEscalations();
  ReadConsequences();
  ReadRewards();
  ReadFamilies();  // after categories and rewards: it checks them
  ReadGuards();
  ReadFunctions();
  ReadProfile();
  ReadTraining();
  CheckReachability();
  CheckContradictions();
  CheckRemovedWords();
  return std::move(p_);
}

std::optional<std::string> Builder::Said(const toml::table& t, const char* key, bool required,
                                         const std::string& where) {
  auto text = r_.Text(t, key, required, where);
  if (text && !text->empty()) {
    said_.push_back({*text, {"'" + std::string(key) + "' in " + where, t.get(key)->source()}});
  }
  return text;
}

std::vector<std::string> Builder::SaidList(const toml::table& t, const char* key,
                                           const std::string& where) {
  auto list = r_.TextList(t, key, where);
  for (const auto& text : list) {
    said_.push_back({text, {"'" + std::string(key) + "' in " + where, t.get(key)->source()}});
  }
  return list;
}

std::optional<Deadline> Builder::ReadDeadline(const toml::table& t, const char* key,
                                              const std::string& where) {
  auto text = r_.Text(t, key, false, where);
  if (!text) return std::nullopt;
  auto d = Deadline::Parse(*text);
  if (!d.ok()) {
    r_.Error(t.get(key)->source(),
             "'" + std::string(key) + "' in " + where + ": " + d.status().message());
    return std::nullopt;
  }
  return *d;
}

std::vector<std::string> Builder::StepIds() const { return Ids(p_.steps); }

void Builder::CheckStepRef(const toml::table& t, const char* key, const std::string& id,
                           const std::string& where) {
  if (id.empty() || p_.FindStep(id)) return;
  std::vector<std::string> ids = StepIds();
  r_.Error(t.get(key)->source(),
           "'" + std::string(key) + "' in " + where + ": found \"" + id +
               "\", expected one of the steps' ids" +
               (ids.empty() ? std::string() : " (" + TomlReader::Listed(ids, ", ") + ")") +
               TomlReader::DidYouMean(id, ids));
}

void Builder::CheckBandRef(const toml::table& t, const std::string& id, const std::string& where) {
  if (id.empty() || p_.FindBand(id)) return;
  std::vector<std::string> bands = Ids(p_.bands);
  r_.Error(t.get("band")->source(),
           "'band' in " + where + ": found \"" + id + "\", expected " +
               (bands.empty() ? std::string("a band declared as [[bands]] (there are none)")
                              : "one of the bands: " + TomlReader::Listed(bands, ", ") +
                                    TomlReader::DidYouMean(id, bands)));
}

std::vector<std::string> Builder::Assignees() const {
  std::vector<std::string> out = AttuneRoles();
  out.push_back("recorder");
  out.push_back("key_adult");
  for (const auto& r : p_.roles) out.push_back(r.id);
  return out;
}

void Builder::ReadTop() {
  const toml::node* format = root_.get("format");
  if (!format) {
    r_.Error(root_.source(), "the policy needs 'format = 1' at the top");
  } else if (auto f = r_.Int(root_, "format", 1, 1000, "the policy"); f && *f != 1) {
    r_.Error(format->source(),
             "found format " + std::to_string(*f) + ", expected 1 (the format this attune reads)");
  }
  const toml::table* school = r_.Table(root_, "school", "the policy");
  if (!school) {
    if (!root_.get("school")) r_.Error(root_.source(), "the policy needs a [school] table");
    return;
  }
  r_.OnlyKeys(*school, {"name", "source", "summary"}, "[school]");
  p_.school_name = Said(*school, "name", true, "[school]").value_or("");
  p_.source = r_.Text(*school, "source", false, "[school]").value_or("");
  p_.summary = Said(*school, "summary", false, "[school]").value_or("");
}

void Builder::ReadVocabulary() {
  const toml::table* vocab = r_.Table(root_, "vocabulary", "the policy");
  if (!vocab) return;
  for (auto&& [key, node] : *vocab) {
    std::string k(key.str());
    auto value = node.value<std::string>();
    if (!value) {
      r_.Error(node.source(), "'" + k + "' in [vocabulary]: found " + TomlReader::TypeName(node) +
                                  ", expected text in quotes");
      continue;
    }
    p_.vocabulary[k] = *value;
    said_.push_back({*value, {"'" + k + "' in [vocabulary]", node.source()}});
  }
}

void Builder::ReadRemovedWords() {
  const toml::table* removed = r_.Table(root_, "removed_words", "the policy");
  if (!removed) return;
  removed_at_ = removed->source();
  for (auto&& [key, node] : *removed) {
    std::string word(key.str());
    auto instead = node.value<std::string>();
    if (!instead) {
      r_.Error(node.source(), "'" + word + "' in [removed_words]: found " +
                                  TomlReader::TypeName(node) +
                                  ", expected the words the school uses instead, in quotes");
      continue;
    }
    if (word.find_first_not_of(" ") == std::string::npos) {
      r_.Error(key.source(), "[removed_words] has an empty word");
      continue;
    }
    p_.removed_words[word] = *instead;
  }
}

void Builder::ReadRoles() {
  std::vector<std::string> reserved = AttuneRoles();
  reserved.push_back("recorder");
  reserved.push_back("key_adult");
  for (const toml::table* t : r_.Tables(root_, "roles", "the policy")) {
    r_.OnlyKeys(*t, {"id", "name", "attune_role", "each_pupils"}, "[[roles]]");
    SchoolRole role;
    role.id = r_.Id(*t, "id", "[[roles]]").value_or("");
    std::string where = "role '" + role.id + "'";
    if (std::find(reserved.begin(), reserved.end(), role.id) != reserved.end()) {
      r_.Error(t->get("id")->source(),
               where + ": '" + role.id +
                   "' is already one of attune's own roles or people; give the school's role "
                   "its own id, e.g. 'lcm' or 'head_of_year'");
    }
    role.name = Said(*t, "name", true, where).value_or("");
    role.attune_role = r_.Choice(*t, "attune_role", AttuneRoles(), true, where).value_or("");
    role.each_pupils =
        r_.Choice(*t, "each_pupils", {"form_tutor", "key_adult"}, false, where).value_or("");
    p_.roles.push_back(role);
  }
}

void Builder::ReadValues() {
  for (const toml::table* t : r_.Tables(root_, "values", "the policy")) {
    r_.OnlyKeys(*t, {"id", "name", "description"}, "[[values]]");
    Value v;
    v.id = r_.Id(*t, "id", "[[values]]").value_or("");
    std::string where = "value '" + v.id + "'";
    v.name = Said(*t, "name", true, where).value_or("");
    v.description = Said(*t, "description", false, where).value_or("");
    p_.values.push_back(v);
  }
}

void Builder::ReadFunctions() {
  auto tables = r_.Tables(root_, "functions", "the policy");
  for (const toml::table* t : tables) {
    r_.OnlyKeys(*t, {"id", "name"}, "[[functions]]");
    PerceivedFunction f;
    f.id = r_.Id(*t, "id", "[[functions]]").value_or("");
    f.name = r_.Text(*t, "name", true, "function '" + f.id + "'").value_or("");
    p_.functions.push_back(f);
  }
  if (root_.get("functions")) return;
  for (const auto& id : PerceivedFunctions()) {
    p_.functions.push_back({id, PerceivedFunctionLabel(id)});
  }
}

void Builder::ReadProfile() {
  const toml::table* t = r_.Table(root_, "profile", "the policy");
  if (t) {
    r_.OnlyKeys(*t, {"checklist", "review_every_school_days", "edited_by"}, "[profile]");
    if (auto n = r_.Int(*t, "review_every_school_days", 1, 200, "[profile]")) {
      p_.profile.review_every_school_days = static_cast<int>(*n);
    }
    std::vector<std::string> editors = AttuneRoles();
    for (const auto& r : p_.roles) editors.push_back(r.id);
    for (const auto& who : r_.TextList(*t, "edited_by", "[profile]")) {
      std::string role = who;
      if (const SchoolRole* school_role = p_.FindRole(who)) role = school_role->attune_role;
      if (std::find(editors.begin(), editors.end(), who) == editors.end()) {
        r_.Error(t->get("edited_by")->source(),
                 "'edited_by' in [profile]: found \"" + who + "\", expected roles: " +
                     TomlReader::Listed(editors, ", ") + TomlReader::DidYouMean(who, editors));
        continue;
      }
      auto parsed = ParseRole(role);
      if (parsed && !RoleHas(*parsed, Permission::kProfileEdit)) {
        r_.Error(t->get("edited_by")->source(), "'edited_by' in [profile]: " + who + " (" +
                                                    RoleLabel(*parsed) +
                                                    ") cannot write pupils' profiles in attune");
        continue;
      }
      if (std::find(p_.profile.edited_by.begin(), p_.profile.edited_by.end(), role) ==
          p_.profile.edited_by.end()) {
        p_.profile.edited_by.push_back(role);
      }
    }
    for (const toml::table* item : r_.Tables(*t, "checklist", "[profile]")) {
      r_.OnlyKeys(*item, {"id", "text", "group"}, "[[profile.checklist]]");
      ProfileItem i;
      i.id = r_.Id(*item, "id", "[[profile.checklist]]").value_or("");
      std::string where = "profile item '" + i.id + "'";
      i.text = Said(*item, "text", true, where).value_or("");
      i.group = Said(*item, "group", false, where).value_or("");
      p_.profile.checklist.push_back(i);
    }
  }
  if (t && t->get("checklist")) return;
  for (const auto& text : CommunicationPreferences()) {
    p_.profile.checklist.push_back({IdFromText(text), text, ""});
  }
}

void Builder::ReadTraining() {
  for (const toml::table* t : r_.Tables(root_, "training", "the policy")) {
    r_.OnlyKeys(*t, {"id", "name", "description", "valid_for_months", "needed_for"},
                "[[training]]");
    Training tr;
    tr.id = r_.Id(*t, "id", "[[training]]").value_or("");
    std::string where = "training '" + tr.id + "'";
    tr.name = Said(*t, "name", true, where).value_or("");
    tr.description = Said(*t, "description", false, where).value_or("");
    if (auto m = r_.Int(*t, "valid_for_months", 1, 120, where)) {
      tr.valid_for_months = static_cast<int>(*m);
    }
    const std::vector<std::string> uses = {"physical_intervention"};
    for (const auto& use : r_.TextList(*t, "needed_for", where)) {
      if (use == "physical_intervention") {
        tr.for_physical_intervention = true;
      } else {
        r_.Error(t->get("needed_for")->source(),
                 "'needed_for' in " + where + ": found \"" + use + "\", expected one of: " +
                     TomlReader::Listed(uses, ", ") + TomlReader::DidYouMean(use, uses));
      }
    }
    p_.training.push_back(tr);
  }
}

}  // namespace attune::policy
