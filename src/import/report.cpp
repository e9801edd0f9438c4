// An import's report (report.h): counting, JSON and the command line's text.
#include "import/report.h"

#include <cstdio>

namespace attune::import {
namespace {

constexpr const char* kKindWords[kKinds] = {"schools", "staff", "pupils", "forms",
                                            "teaching groups"};

std::string Cell(long long n, int width) {
  std::string s = import::Grouped(n);
  return std::string(s.size() < static_cast<size_t>(width) ? width - s.size() : 0, ' ') + s;
}

}  // namespace

std::string Grouped(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

const char* KindWords(Kind kind) { return kKindWords[static_cast<int>(kind)]; }

std::string CountWords(Kind kind, long long n) {
  static constexpr const char* kOne[kKinds] = {"school", "member of staff", "pupil", "form",
                                               "teaching group"};
  static constexpr const char* kMany[kKinds] = {"schools", "members of staff", "pupils", "forms",
                                                "teaching groups"};
  int k = static_cast<int>(kind);
  return Grouped(n) + " " + (n == 1 ? kOne[k] : kMany[k]);
}

bool ImportReport::NothingChanged() const {
  for (const auto& c : counts) {
    if (c.created || c.updated || c.left || c.back || c.linked) return false;
  }
  return members_added == 0 && members_removed == 0;
}

void ImportReport::AddProblem(RowProblem problem) {
  ++bad_row_count;
  if (bad_rows.size() < kMaxBadRowsKept) bad_rows.push_back(std::move(problem));
}

void ImportReport::AddChange(Kind kind, std::string what, std::string name) {
  size_t of_kind = 0;
  for (const auto& c : changes) of_kind += c.kind == kind;
  if (of_kind < kMaxChangesKept) changes.push_back({kind, std::move(what), std::move(name)});
}

nlohmann::json ImportReport::ToJson() const {
  using nlohmann::json;
  json kinds = json::array();
  for (int k = 0; k < kKinds; ++k) {
    const KindCount& c = counts[k];
    kinds.push_back({{"kind", kKindWords[k]},
                     {"created", c.created},
                     {"updated", c.updated},
                     {"unchanged", c.unchanged},
                     {"left", c.left},
                     {"back", c.back},
                     {"linked", c.linked}});
  }
  json bad = json::array();
  for (const auto& p : bad_rows) {
    bad.push_back({{"file", p.at.file}, {"line", p.at.line}, {"message", p.message}});
  }
  json changed = json::array();
  for (const auto& c : changes) {
    changed.push_back({{"kind", static_cast<int>(c.kind)}, {"what", c.what}, {"name", c.name}});
  }
  return {{"format", format},
          {"source", source},
          {"dry_run", dry_run},
          {"schools", schools},
          {"counts", kinds},
          {"members_added", members_added},
          {"members_removed", members_removed},
          {"bad_row_count", bad_row_count},
          {"bad_rows", bad},
          {"notes", notes},
          {"changes", changed},
          {"seconds", seconds}};
}

ImportReport ImportReport::FromJson(const nlohmann::json& j) {
  ImportReport r;
  if (!j.is_object()) return r;
  r.format = j.value("format", "");
  r.source = j.value("source", "");
  r.dry_run = j.value("dry_run", false);
  r.schools = j.value("schools", std::vector<std::string>());
  if (j.contains("counts") && j["counts"].is_array()) {
    for (size_t k = 0; k < j["counts"].size() && k < static_cast<size_t>(kKinds); ++k) {
      const auto& c = j["counts"][k];
      r.counts[k] = {c.value("created", 0), c.value("updated", 0), c.value("unchanged", 0),
                     c.value("left", 0),    c.value("back", 0),    c.value("linked", 0)};
    }
  }
  r.members_added = j.value("members_added", 0LL);
  r.members_removed = j.value("members_removed", 0LL);
  r.bad_row_count = j.value("bad_row_count", 0LL);
  if (j.contains("bad_rows") && j["bad_rows"].is_array()) {
    for (const auto& p : j["bad_rows"]) {
      r.bad_rows.push_back({{p.value("file", ""), p.value("line", 0)}, p.value("message", "")});
    }
  }
  r.notes = j.value("notes", std::vector<std::string>());
  if (j.contains("changes") && j["changes"].is_array()) {
    for (const auto& c : j["changes"]) {
      int kind = c.value("kind", 0);
      if (kind < 0 || kind >= kKinds) continue;
      r.changes.push_back({static_cast<Kind>(kind), c.value("what", ""), c.value("name", "")});
    }
  }
  r.seconds = j.value("seconds", 0.0);
  return r;
}

std::string ImportReport::OneLine() const {
  std::string out;
  for (int k = 0; k < kKinds; ++k) {
    const KindCount& c = counts[k];
    std::string part;
    auto add = [&](int n, const char* what) {
      if (n == 0) return;
      part += (part.empty() ? "" : ", ") + Grouped(n) + " " + what;
    };
    add(c.created, "created");
    add(c.updated, "updated");
    add(c.left, "marked left");
    add(c.back, "back");
    if (part.empty()) continue;
    out += (out.empty() ? "" : "; ") + std::string(kKindWords[k]) + ": " + part;
  }
  if (members_added || members_removed) {
    out += (out.empty() ? "" : "; ") + std::string("places in teaching groups: ") +
           Grouped(members_added) + " added, " + Grouped(members_removed) + " taken away";
  }
  if (out.empty()) out = "nothing changed";
  if (bad_row_count) {
    out += "; " + Grouped(bad_row_count) + (bad_row_count == 1 ? " bad row" : " bad rows");
  }
  return out;
}

std::string ImportReport::Summary() const {
  std::string out;
  out += std::string(dry_run ? "Checked" : "Imported") + " " + format + " from " + source;
  if (!schools.empty()) {
    out += " for ";
    for (size_t i = 0; i < schools.size(); ++i) out += (i ? ", " : "") + schools[i];
  }
  out += "\n\n";
  out += "                   created  updated  unchanged  marked left     back\n";
  for (int k = 0; k < kKinds; ++k) {
    const KindCount& c = counts[k];
    std::string name = kKindWords[k];
    name.resize(17, ' ');
    out += name + Cell(c.created, 9) + Cell(c.updated, 9) + Cell(c.unchanged, 11) +
           Cell(c.left, 13) + Cell(c.back, 9) + "\n";
  }
  out += "\nPlaces in teaching groups: " + Grouped(members_added) + " added, " +
         Grouped(members_removed) + " taken away.\n";
  std::string linked;
  for (int k = 0; k < kKinds; ++k) {
    if (counts[k].linked == 0) continue;
    linked += (linked.empty() ? "" : ", ") + CountWords(static_cast<Kind>(k), counts[k].linked);
  }
  if (!linked.empty()) {
    out += "Already in attune and now linked to the MIS: " + linked + ".\n";
  }
  if (NothingChanged()) {
    out += dry_run ? "Nothing would change: attune already holds this export.\n"
                   : "Nothing changed: attune already held this export.\n";
  } else if (dry_run) {
    out += "Nothing has been written: this was a check (--dry-run).\n";
  }
  for (const auto& n : notes) out += "Note: " + n + "\n";
  if (bad_row_count) {
    out += "\n" + Grouped(bad_row_count) +
           (bad_row_count == 1 ? " bad row was" : " bad rows were") +
           " not imported (the other rows were):\n";
    for (const auto& p : bad_rows) out += "  " + p.Text() + "\n";
    if (static_cast<long long>(bad_rows.size()) < bad_row_count) {
      out +=
          "  … and " + Grouped(bad_row_count - static_cast<long long>(bad_rows.size())) + " more\n";
    }
  }
  char took[64];
  std::snprintf(took, sizeof took, "\nTook %.2f s.\n", seconds);
  out += took;
  return out;
}

}  // namespace attune::import
