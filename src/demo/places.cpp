#include "demo/places.h"

#include <string>
#include <utility>

#include "demo/subjects.h"

namespace attune::demo {

Result<std::vector<Place>> AddPlaces(Store& store, long long school_id, int classrooms) {
  std::vector<std::pair<std::string, std::string>> places;  // (name, kind)
  int rooms = 0;
  for (const auto& subject : Subjects()) {
    for (const auto& room : subject.rooms) {
      if (room == "MUGA" || room == "Field") continue;  // outdoor, added below
      places.push_back({room, "classroom"});
      ++rooms;
    }
  }
  for (int n = 1; rooms < classrooms; ++n, ++rooms) {
    std::string name = "C";
    name += std::to_string(n);
    places.push_back({name, "classroom"});
  }
  const std::pair<const char*, const char*> kOthers[] = {
      {"Science corridor", "corridor"},
      {"Main corridor", "corridor"},
      {"Stairwell B", "corridor"},
      {"Playground", "outdoor"},
      {"Field", "outdoor"},
      {"MUGA", "outdoor"},
      {"Dining hall", "dining"},
      {"The Hive (regulation room)", "regulation"},
      {"Personalised Learning Centre", "regulation"},
      {"Sensory room", "regulation"},
      {"Reception", "office"},
      {"Main office", "office"},
      {"Library", "other"},
  };
  for (const auto& [name, kind] : kOthers) places.push_back({name, kind});

  std::vector<Place> out;
  out.reserve(places.size());
  for (auto& [name, kind] : places) {
    Place p;
    p.school_id = school_id;
    p.name = std::move(name);
    p.kind = std::move(kind);
    auto id = store.AddPlace(p);
    if (!id.ok()) return id.status();
    p.id = *id;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace attune::demo
