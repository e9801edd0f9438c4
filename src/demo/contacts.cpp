#include "demo/contacts.h"

#include <cstdio>
#include <string>

namespace attune::demo {

namespace {

struct Relation {
  const char* name;
  const char* sex;
  bool parental_responsibility;
  double same_surname;  // chance of sharing the pupil's surname
};

const Relation kMother{"Mother", "F", true, 0.75};
const Relation kFather{"Father", "M", true, 0.95};
const Relation kStepfather{"Stepfather", "M", false, 0.1};
const Relation kStepmother{"Stepmother", "F", false, 0.3};
const Relation kGrandmother{"Grandmother", "F", false, 0.6};
const Relation kGrandfather{"Grandfather", "M", false, 0.6};
const Relation kAunt{"Aunt", "F", false, 0.4};
const Relation kUncle{"Uncle", "M", false, 0.6};
// The local authority shares parental responsibility for a child in care;
// foster carers do not hold it.
const Relation kFosterCarer{"Foster carer", "", false, 0.0};
const Relation kSocialWorker{"Social worker", "", false, 0.0};

std::string Phone(DemoRandom& random) {
  char digits[4];
  std::snprintf(digits, sizeof digits, "%03d", static_cast<int>(random.Below(1000)));
  return std::string("07700 900") + digits;
}

Contact MakeOne(DemoRandom& random, const Pupil& pupil, Heritage heritage, const Relation& r,
                int priority) {
  std::string sex = r.sex;
  if (sex.empty()) sex = std::string(random.Chance(0.8) ? "F" : "M");
  Heritage first_from = random.Chance(0.25) ? Heritage::kBritish : heritage;
  if (r.same_surname == 0.0) first_from = random.Chance(0.8) ? Heritage::kBritish : heritage;
  std::string first = random.Pick(AdultFirstNames(first_from, sex));
  std::string last =
      random.Chance(r.same_surname)
          ? pupil.last_name
          : random.Pick(Surnames(r.same_surname == 0.0 && random.Chance(0.8) ? Heritage::kBritish
                                                                             : heritage));
  Contact c;
  c.pupil_id = pupil.id;
  c.name = first + " " + last;
  c.relationship = r.name;
  c.phone = Phone(random);
  if (r.name == kSocialWorker.name) {
    c.email = EmailPart(first) + "." + EmailPart(last) + "@council.example.com";
  } else if (random.Chance(0.9)) {
    c.email = EmailPart(first) + "." + EmailPart(last);
    if (random.Chance(0.4)) c.email += std::to_string(random.Between(70, 99));
    c.email += "@example.com";
  }
  c.parental_responsibility = r.parental_responsibility;
  c.priority = priority;
  return c;
}

}  // namespace

std::vector<Contact> MakeContacts(DemoRandom& random, const Pupil& pupil, Heritage heritage) {
  std::vector<Contact> out;
  if (pupil.looked_after) {
    out.push_back(MakeOne(random, pupil, heritage, kFosterCarer, 1));
    out.push_back(MakeOne(random, pupil, heritage, kSocialWorker, 2));
    return out;
  }
  const Relation* first_choice[] = {&kMother, &kFather, &kGrandmother, &kAunt};
  const Relation& first = *first_choice[random.Weighted({66, 26, 6, 2})];
  out.push_back(MakeOne(random, pupil, heritage, first, 1));
  if (!random.Chance(0.65)) return out;
  const Relation* second = nullptr;
  if (&first == &kMother) {
    const Relation* options[] = {&kFather, &kStepfather, &kGrandmother, &kAunt};
    second = options[random.Weighted({70, 15, 10, 5})];
  } else if (&first == &kFather) {
    const Relation* options[] = {&kMother, &kStepmother, &kGrandmother, &kUncle};
    second = options[random.Weighted({75, 10, 10, 5})];
  } else {
    const Relation* options[] = {&kGrandfather, &kMother, &kUncle};
    second = options[random.Weighted({50, 30, 20})];
  }
  out.push_back(MakeOne(random, pupil, heritage, *second, 2));
  return out;
}

}  // namespace attune::demo
