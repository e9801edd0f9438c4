#include "demo/pupils.h"

#include <cstdio>
#include <string>
#include <unordered_set>
#include <utility>

#include "demo/contacts.h"
#include "demo/names.h"
#include "demo/profiles.h"
#include "demo/school_size.h"

namespace attune::demo {

namespace {

// DfE main ethnicity codes with roughly England's secondary proportions
// (weights in tenths of a per cent), and where names are drawn from.
struct Ethnicity {
  const char* code;
  int weight;
  Heritage heritage;  // surname, and first name `heritage_first_pct` of the time
  int heritage_first_pct;
  Heritage other;  // the other side of a mixed family, or British first names
  int heritage_surname_pct;
  bool any;  // names from any family (other mixed, refused)
};

const Ethnicity kEthnicities[] = {
    {"WBRI", 650, Heritage::kBritish, 100, Heritage::kBritish, 100, false},
    {"WIRI", 3, Heritage::kIrish, 50, Heritage::kBritish, 100, false},
    {"WIRT", 1, Heritage::kIrish, 70, Heritage::kBritish, 100, false},
    {"WOTH", 60, Heritage::kEuropean, 70, Heritage::kBritish, 100, false},
    {"WROM", 3, Heritage::kEuropean, 60, Heritage::kBritish, 80, false},
    {"MWBC", 16, Heritage::kCaribbean, 30, Heritage::kBritish, 40, false},
    {"MWBA", 8, Heritage::kAfrican, 50, Heritage::kBritish, 50, false},
    {"MWAS", 14, Heritage::kSouthAsian, 50, Heritage::kBritish, 50, false},
    {"MOTH", 20, Heritage::kBritish, 50, Heritage::kBritish, 50, true},
    {"AIND", 35, Heritage::kSouthAsian, 90, Heritage::kBritish, 100, false},
    {"APKN", 45, Heritage::kSouthAsian, 95, Heritage::kBritish, 100, false},
    {"ABAN", 18, Heritage::kSouthAsian, 95, Heritage::kBritish, 100, false},
    {"AOTH", 20, Heritage::kSouthAsian, 80, Heritage::kBritish, 100, false},
    {"BCRB", 12, Heritage::kCaribbean, 40, Heritage::kBritish, 100, false},
    {"BAFR", 40, Heritage::kAfrican, 75, Heritage::kBritish, 100, false},
    {"BOTH", 6, Heritage::kAfrican, 60, Heritage::kCaribbean, 70, false},
    {"CHNE", 5, Heritage::kChinese, 60, Heritage::kBritish, 100, false},
    {"OOTH", 20, Heritage::kOther, 85, Heritage::kBritish, 100, false},
    {"REFU", 15, Heritage::kBritish, 50, Heritage::kBritish, 50, true},
};

const Heritage kAllHeritages[] = {Heritage::kBritish,    Heritage::kIrish,   Heritage::kEuropean,
                                  Heritage::kSouthAsian, Heritage::kAfrican, Heritage::kCaribbean,
                                  Heritage::kChinese,    Heritage::kOther};

Heritage AnyHeritage(DemoRandom& random) {
  return kAllHeritages[random.Below(sizeof kAllHeritages / sizeof kAllHeritages[0])];
}

// A pupil as drawn, before it is saved.
struct Draft {
  Pupil pupil;
  Heritage family = Heritage::kBritish;  // where the family's names come from
};

// A UPN as allocated in primary school: LA code, establishment number, the
// year it was allocated and a serial.
std::string Upn(DemoRandom& random, int reception_year) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%03d%04d%02d%03d", random.Between(201, 938),
                random.Between(2000, 3999), reception_year % 100, random.Between(1, 999));
  return UpnCheckLetter(digits) + std::string(digits);
}

Draft DrawPupil(DemoRandom& random, int year_group) {
  Draft d;
  Pupil& p = d.pupil;
  p.year_group = year_group;
  p.sex = std::string(random.Chance(0.5) ? "F" : "M");

  std::vector<int> weights;
  for (const auto& e : kEthnicities) weights.push_back(e.weight);
  const Ethnicity& e = kEthnicities[random.Weighted(weights)];
  p.ethnicity_code = e.code;
  Heritage first_from, surname_from;
  if (e.any) {
    first_from = random.Chance(0.5) ? Heritage::kBritish : AnyHeritage(random);
    surname_from = AnyHeritage(random);
  } else {
    first_from =
        random.Below(100) < static_cast<uint64_t>(e.heritage_first_pct) ? e.heritage : e.other;
    surname_from =
        random.Below(100) < static_cast<uint64_t>(e.heritage_surname_pct) ? e.heritage : e.other;
  }
  d.family = surname_from;
  for (int tries = 0; tries < 10; ++tries) {
    p.first_name = random.Pick(ChildFirstNames(first_from, p.sex));
    p.last_name = random.Pick(Surnames(surname_from));
    if (!IsFamousName(p.first_name, p.last_name)) break;
  }
  std::string short_form = ShortForm(p.first_name);
  if (!short_form.empty() && random.Chance(0.35)) {
    p.preferred_name = short_form;
  } else if (first_from == Heritage::kChinese && random.Chance(0.3)) {
    p.preferred_name = random.Pick(ChildFirstNames(Heritage::kBritish, p.sex));
  }

  // Academic year 2026/27: Year 7 were born 1 September 2014 – 31 August 2015.
  int born_from = 2014 - (year_group - 7);
  date::sys_days first_day{date::year{born_from} / date::September / 1};
  date::sys_days last_day{date::year{born_from + 1} / date::August / 31};
  int span = (last_day - first_day).count() + 1;
  p.date_of_birth = Date{first_day + date::days{static_cast<int>(random.Below(span))}};

  const SenStatus kSen[] = {SenStatus::kNone, SenStatus::kSupport, SenStatus::kEhcp};
  p.sen = kSen[random.Weighted({83, 13, 4})];
  p.ehcp = p.sen == SenStatus::kEhcp;
  p.fsm = random.Chance(0.25);
  p.looked_after = random.Chance(0.01);
  // Children start reception in the September after they turn four.
  p.upn = Upn(random, born_from + 5);
  return d;
}

}  // namespace

Pupil DrawDemoPupil(DemoRandom& random, int year_group) {
  return DrawPupil(random, year_group).pupil;
}

namespace {

struct KeyAdults {
  std::vector<long long> teachers, support, pastoral;
  long long senco = 0;
};

KeyAdults FindKeyAdults(const std::vector<DemoStaffMember>& staff) {
  KeyAdults k;
  for (const auto& m : staff) {
    switch (m.staff.role) {
      case Role::kTeacher:
        k.teachers.push_back(m.staff.id);
        break;
      case Role::kSupport:
        k.support.push_back(m.staff.id);
        break;
      case Role::kPastoral:
        k.pastoral.push_back(m.staff.id);
        break;
      case Role::kSenco:
        if (k.senco == 0) k.senco = m.staff.id;
        break;
      default:
        break;
    }
  }
  return k;
}

// The key adult for `p`, or 0 for none. Pastoral leads look after their own
// year groups (Head of Year 8; Years 7 and 9; Years 10 and 11).
long long ChooseKeyAdult(DemoRandom& random, const Pupil& p, const KeyAdults& k) {
  std::vector<int> weights;  // pastoral, support, teacher
  if (p.sen == SenStatus::kEhcp) {
    weights = {25, 60, 15};
  } else if (p.looked_after) {
    weights = {60, 20, 20};
  } else if (random.Chance(p.sen == SenStatus::kSupport ? 0.5 : 0.27)) {
    weights = {40, 35, 25};
  } else {
    return 0;
  }
  if (k.pastoral.empty()) weights[0] = 0;
  if (k.support.empty()) weights[1] = 0;
  if (k.teachers.empty()) weights[2] = 0;
  if (weights[0] + weights[1] + weights[2] == 0) return 0;
  switch (random.Weighted(weights)) {
    case 0: {
      static const int kPastoralFor[] = {1, 0, 1, 2, 2};  // Years 7..11
      size_t i = kPastoralFor[(p.year_group - 7) % 5] % k.pastoral.size();
      return k.pastoral[i];
    }
    case 1:
      return random.Pick(k.support);
    default:
      return random.Pick(k.teachers);
  }
}

}  // namespace

Result<std::vector<Form>> AddForms(Store& store, long long school_id, int forms_per_year,
                                   const std::vector<DemoStaffMember>& staff) {
  std::vector<long long> tutors;
  for (const auto& m : staff) {
    if (m.staff.role == Role::kTeacher) tutors.push_back(m.staff.id);
  }
  std::vector<Form> out;
  for (int year = 7; year <= 11; ++year) {
    for (int f = 0; f < forms_per_year; ++f) {
      Form form;
      form.school_id = school_id;
      form.year_group = year;
      // 7A ... 7Z, then 7A2 ... for the largest rolls.
      form.name = std::to_string(year);
      form.name += static_cast<char>('A' + f % 26);
      if (f >= 26) form.name += std::to_string(f / 26 + 1);
      if (!tutors.empty()) form.tutor_staff_id = tutors[out.size() % tutors.size()];
      auto id = store.AddForm(form);
      if (!id.ok()) return id.status();
      form.id = *id;
      out.push_back(std::move(form));
    }
  }
  return out;
}

Result<std::vector<Pupil>> AddPupils(Store& store, long long school_id, int pupils,
                                     const std::vector<Form>& forms,
                                     const std::vector<DemoStaffMember>& staff,
                                     DemoRandom& random) {
  if (forms.empty() || forms.size() % 5 != 0) {
    return Status::Internal("The demo roll needs the same number of forms in each year");
  }
  size_t forms_per_year = forms.size() / 5;

  // Draw the whole roll first, so school-wide rules can be kept before saving.
  std::vector<Draft> drafts;
  drafts.reserve(pupils);
  std::unordered_set<std::string> upns;
  for (int year = 7; year <= 11; ++year) {
    int in_year = PupilsInYear(pupils, year);
    for (int k = 0; k < in_year; ++k) {
      Draft d = DrawPupil(random, year);
      while (!upns.insert(d.pupil.upn).second) {
        d.pupil.upn = Upn(random, static_cast<int>(d.pupil.date_of_birth.year()) + 5);
      }
      d.pupil.school_id = school_id;
      d.pupil.form_id = forms[(year - 7) * forms_per_year + k % forms_per_year].id;
      drafts.push_back(std::move(d));
    }
  }
  // Every demo school has at least two looked-after pupils to show.
  int looked_after = 0;
  for (const auto& d : drafts) looked_after += d.pupil.looked_after ? 1 : 0;
  for (int tries = 0; looked_after < 2 && looked_after < pupils && tries < 1000; ++tries) {
    Pupil& p = drafts[random.Below(drafts.size())].pupil;
    if (!p.looked_after) {
      p.looked_after = true;
      ++looked_after;
    }
  }

  KeyAdults key_adults = FindKeyAdults(staff);
  std::vector<Pupil> out;
  out.reserve(drafts.size());
  for (auto& d : drafts) {
    Pupil& p = d.pupil;
    p.key_adult_staff_id = ChooseKeyAdult(random, p, key_adults);
    auto id = store.CreatePupil(p);
    if (!id.ok()) return id.status();
    p.id = *id;

    for (const auto& contact : MakeContacts(random, p, d.family)) {
      auto contact_id = store.AddContact(school_id, contact);
      if (!contact_id.ok()) return contact_id.status();
    }
    if (p.sen != SenStatus::kNone || p.looked_after || random.Chance(0.2)) {
      long long by = p.key_adult_staff_id != 0 ? p.key_adult_staff_id : key_adults.senco;
      ATTUNE_RETURN_IF_ERROR(store.SaveProfile(school_id, MakeProfile(random, p), by));
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace attune::demo
