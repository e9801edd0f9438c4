#include "demo/timetable.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <unordered_map>

#include "demo/school_size.h"
#include "demo/subjects.h"

namespace attune::demo {

namespace {

constexpr int kDays = 5;
constexpr int kYears = 5;
constexpr int kBands = 2 * kYears;
// Most lessons one teacher keeps for the week when groups are shared out,
// leaving a few periods for planning, preparation and assessment.
constexpr int kTeachingCap = 22;

struct Group {
  long long id = 0;
  int subject = 0;
  std::vector<int> lessons;  // indices into the lesson list
};

struct Lesson {
  int slot = 0;  // day * periods_per_day + period
  int group = 0;
  int teacher = -1;
  long long place_id = 0;
};

struct Teacher {
  long long id = 0;
  int subject = -1;
  int home_place = -1;  // index into places
};

// For each band, which subject each slot of the week holds. A subject's
// lessons fall on different days, and each lesson goes where the fewest
// other bands have the same subject, so that the department's teachers can
// cover them.
std::vector<std::vector<int>> WeeklyPatterns(DemoRandom& random, int per_day) {
  const auto& subjects = Subjects();
  const int slots = kDays * per_day;
  std::vector<std::vector<int>> usage(subjects.size(), std::vector<int>(slots, 0));
  std::vector<std::vector<int>> out(kBands, std::vector<int>(slots, -1));
  for (int b = 0; b < kBands; ++b) {
    std::vector<int> order(subjects.size());
    std::iota(order.begin(), order.end(), 0);
    random.Shuffle(order);
    std::stable_sort(order.begin(), order.end(), [&](int a, int c) {
      return subjects[a].lessons_per_week > subjects[c].lessons_per_week;
    });
    std::vector<int>& row = out[b];
    for (int s : order) {
      std::vector<bool> day_used(kDays, false);
      for (int l = 0; l < subjects[s].lessons_per_week; ++l) {
        int best = -1, best_cost = 0;
        int start = static_cast<int>(random.Below(slots));  // ties go to a random slot
        for (int k = 0; k < slots; ++k) {
          int slot = (start + k) % slots;
          if (row[slot] >= 0) continue;
          int cost = usage[s][slot] + (day_used[slot / per_day] ? 100 : 0);
          if (best < 0 || cost < best_cost) {
            best = slot;
            best_cost = cost;
          }
        }
        row[best] = s;
        ++usage[s][best];
        day_used[best / per_day] = true;
      }
    }
  }
  return out;
}

}  // namespace

Status AddTimetable(Store& store, long long school_id, const std::vector<Period>& periods,
                    const std::vector<Place>& places, const std::vector<Form>& forms,
                    const std::vector<DemoStaffMember>& staff, const std::vector<Pupil>& pupils,
                    int groups_per_band, DemoRandom& random) {
  const auto& subjects = Subjects();
  std::vector<const Period*> teaching;
  for (const auto& p : periods) {
    if (p.teaching) teaching.push_back(&p);
  }
  const int per_day = static_cast<int>(teaching.size());
  const int slots = kDays * per_day;
  int curriculum = 0;
  for (const auto& s : subjects) curriculum += s.lessons_per_week;
  if (curriculum != slots) {
    return Status::Internal("The demo curriculum does not fill the teaching week");
  }

  std::vector<Teacher> teachers;
  std::vector<int> taught_so_far(subjects.size(), 0);
  std::unordered_map<std::string, int> place_index;
  for (size_t i = 0; i < places.size(); ++i) place_index[places[i].name] = static_cast<int>(i);
  for (const auto& m : staff) {
    if (m.staff.role != Role::kTeacher) continue;
    Teacher t;
    t.id = m.staff.id;
    t.subject = m.subject;
    if (m.subject >= 0) {
      const auto& rooms = subjects[m.subject].rooms;
      auto found = place_index.find(rooms[taught_so_far[m.subject]++ % rooms.size()]);
      if (found != place_index.end()) t.home_place = found->second;
    }
    teachers.push_back(t);
  }
  if (static_cast<int>(teachers.size()) < kBands * groups_per_band) {
    return Status::Internal("The demo school has too few teachers for its timetable");
  }

  // Bands: (year - 7) * 2 + 0 for x, + 1 for y. Pupils in form order.
  int forms_per_year = static_cast<int>(forms.size()) / kYears;
  std::unordered_map<long long, std::pair<int, int>> form_place;  // id -> (band, position)
  std::vector<int> seen_in_year(kYears, 0);
  for (size_t i = 0; i < forms.size(); ++i) {
    int y = forms[i].year_group - 7;
    if (y < 0 || y >= kYears) continue;
    int in_year = seen_in_year[y]++;
    form_place[forms[i].id] = {y * 2 + BandOfForm(in_year, forms_per_year), static_cast<int>(i)};
  }
  std::vector<std::vector<const Pupil*>> band_pupils(kBands);
  for (const auto& p : pupils) {
    auto found = form_place.find(p.form_id);
    if (found != form_place.end()) band_pupils[found->second.first].push_back(&p);
  }
  for (auto& list : band_pupils) {
    std::stable_sort(list.begin(), list.end(), [&](const Pupil* a, const Pupil* b) {
      return form_place.at(a->form_id).second < form_place.at(b->form_id).second;
    });
  }

  // Teaching groups, their members and their lessons.
  std::vector<std::vector<int>> pattern = WeeklyPatterns(random, per_day);
  std::vector<Group> groups;
  std::vector<Lesson> lessons;
  std::vector<std::vector<int>> lessons_at(slots);
  for (int b = 0; b < kBands; ++b) {
    std::string band_name = std::to_string(7 + b / 2) + (b % 2 == 0 ? "x" : "y");
    for (size_t s = 0; s < subjects.size(); ++s) {
      std::vector<const Pupil*> order = band_pupils[b];
      if (subjects[s].setted) {
        std::vector<std::pair<uint64_t, const Pupil*>> keyed;
        for (const Pupil* p : order) keyed.push_back({random.Next(), p});
        std::sort(keyed.begin(), keyed.end(),
                  [](const auto& a, const auto& c) { return a.first < c.first; });
        for (size_t i = 0; i < keyed.size(); ++i) order[i] = keyed[i].second;
      }
      for (int j = 0; j < groups_per_band; ++j) {
        TeachingGroup tg;
        tg.school_id = school_id;
        tg.name = band_name + "/" + subjects[s].code + std::to_string(j + 1);
        tg.subject = subjects[s].name;
        tg.year_group = 7 + b / 2;
        auto id = store.AddTeachingGroup(tg);
        if (!id.ok()) return id.status();
        size_t from = order.size() * j / groups_per_band;
        size_t to = order.size() * (j + 1) / groups_per_band;
        for (size_t i = from; i < to; ++i) {
          ATTUNE_RETURN_IF_ERROR(store.AddGroupMember(*id, order[i]->id));
        }
        Group g;
        g.id = *id;
        g.subject = static_cast<int>(s);
        for (int slot = 0; slot < slots; ++slot) {
          if (pattern[b][slot] != static_cast<int>(s)) continue;
          Lesson l;
          l.slot = slot;
          l.group = static_cast<int>(groups.size());
          g.lessons.push_back(static_cast<int>(lessons.size()));
          lessons_at[slot].push_back(static_cast<int>(lessons.size()));
          lessons.push_back(l);
        }
        groups.push_back(std::move(g));
      }
    }
  }

  // Teachers. First every group that can keeps one specialist for the
  // week, the least loaded first; then the rest share out lesson by lesson
  // to whichever specialist is free, else to one colleague who is free for
  // all of them, else to whoever is free.
  std::vector<std::vector<int>> busy(teachers.size(), std::vector<int>(slots, -1));
  std::vector<int> load(teachers.size(), 0);
  auto assign = [&](int lesson, int t) {
    lessons[lesson].teacher = t;
    busy[t][lessons[lesson].slot] = lesson;
    ++load[t];
  };
  auto free_for = [&](size_t t, const std::vector<int>& some) {
    if (load[t] + static_cast<int>(some.size()) > kTeachingCap) return false;
    for (int l : some) {
      if (busy[t][lessons[l].slot] >= 0) return false;
    }
    return true;
  };
  std::vector<int> unassigned;
  for (size_t gi = 0; gi < groups.size(); ++gi) {
    const Group& g = groups[gi];
    int best = -1;
    for (size_t t = 0; t < teachers.size(); ++t) {
      if (teachers[t].subject == g.subject && free_for(t, g.lessons) &&
          (best < 0 || load[t] < load[best])) {
        best = static_cast<int>(t);
      }
    }
    if (best < 0) {
      unassigned.push_back(static_cast<int>(gi));
      continue;
    }
    for (int l : g.lessons) assign(l, best);
  }
  for (int gi : unassigned) {
    const Group& g = groups[gi];
    std::vector<int> rest;
    for (int l : g.lessons) {
      int t = -1;
      for (size_t c = 0; c < teachers.size(); ++c) {
        if (teachers[c].subject == g.subject && busy[c][lessons[l].slot] < 0 &&
            load[c] < kTeachingCap && (t < 0 || load[c] < load[t])) {
          t = static_cast<int>(c);
        }
      }
      if (t >= 0) {
        assign(l, t);
      } else {
        rest.push_back(l);
      }
    }
    int colleague = -1;
    for (size_t c = 0; c < teachers.size() && !rest.empty(); ++c) {
      if (free_for(c, rest) && (colleague < 0 || load[c] < load[colleague])) {
        colleague = static_cast<int>(c);
      }
    }
    for (int l : rest) {
      int t = colleague;
      for (size_t c = 0; colleague < 0 && c < teachers.size(); ++c) {
        if (busy[c][lessons[l].slot] < 0 && (t < 0 || load[c] < load[t])) t = static_cast<int>(c);
      }
      if (t < 0) return Status::Internal("The demo timetable ran out of free teachers");
      assign(l, t);
    }
  }

  // The first teacher's "my day" shows a lesson every period: take over a
  // lesson from the busiest colleague, in their own subject where possible.
  for (int slot = 0; slot < slots; ++slot) {
    if (busy[0][slot] >= 0 || lessons_at[slot].empty()) continue;
    int pick = lessons_at[slot].front();
    for (int l : lessons_at[slot]) {
      bool own = groups[lessons[l].group].subject == teachers[0].subject;
      bool pick_own = groups[lessons[pick].group].subject == teachers[0].subject;
      if (own > pick_own ||
          (own == pick_own && load[lessons[l].teacher] > load[lessons[pick].teacher])) {
        pick = l;
      }
    }
    int owner = lessons[pick].teacher;
    busy[owner][slot] = -1;
    --load[owner];
    assign(pick, 0);
  }

  // Rooms: the teacher's own room or the department's, then any general
  // classroom, then any classroom at all.
  std::vector<std::vector<char>> taken(places.size(), std::vector<char>(slots, 0));
  std::vector<int> general, classrooms;
  std::vector<int> department_of(places.size(), -1);
  for (size_t s = 0; s < subjects.size(); ++s) {
    for (const auto& room : subjects[s].rooms) {
      auto found = place_index.find(room);
      if (found != place_index.end()) department_of[found->second] = static_cast<int>(s);
    }
  }
  for (size_t i = 0; i < places.size(); ++i) {
    if (places[i].kind != "classroom") continue;
    classrooms.push_back(static_cast<int>(i));
    int d = department_of[i];
    if (d < 0 || !subjects[d].specialist_rooms) general.push_back(static_cast<int>(i));
  }
  auto try_room = [&](Lesson& l, int place) {
    if (place < 0 || taken[place][l.slot]) return false;
    taken[place][l.slot] = 1;
    l.place_id = places[place].id;
    return true;
  };
  for (auto& l : lessons) {  // first choices, so that fallbacks do not take them
    const Subject& subject = subjects[groups[l.group].subject];
    int home = teachers[l.teacher].home_place;
    int home_department = home >= 0 ? department_of[home] : -1;
    bool home_suits = home_department >= 0 &&
                      (home_department == groups[l.group].subject ||
                       (!subject.specialist_rooms && !subjects[home_department].specialist_rooms));
    if (home_suits && try_room(l, home)) continue;
    for (const auto& room : subject.rooms) {
      auto found = place_index.find(room);
      if (found != place_index.end() && try_room(l, found->second)) break;
    }
  }
  for (auto& l : lessons) {
    if (l.place_id != 0) continue;
    bool placed = false;
    for (int p : general) {
      if ((placed = try_room(l, p))) break;
    }
    for (size_t i = 0; !placed && i < classrooms.size(); ++i) placed = try_room(l, classrooms[i]);
  }

  for (const auto& l : lessons) {
    TimetableSlot slot;
    slot.school_id = school_id;
    slot.group_id = groups[l.group].id;
    slot.staff_id = teachers[l.teacher].id;
    slot.place_id = l.place_id;
    slot.period_id = teaching[l.slot % per_day]->id;
    slot.weekday = l.slot / per_day + 1;
    auto id = store.AddTimetableSlot(slot);
    if (!id.ok()) return id.status();
  }
  return Status::Ok();
}

}  // namespace attune::demo
