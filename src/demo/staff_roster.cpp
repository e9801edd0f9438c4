#include "demo/staff_roster.h"

#include <set>
#include <utility>

#include "demo/names.h"
#include "demo/subjects.h"

namespace attune::demo {

namespace {

struct Post {
  Role role;
  std::string job_title;
  int subject = -1;
  double female_share;
};

std::vector<Post> Posts(int teachers) {
  std::vector<Post> posts;
  const auto& subjects = Subjects();
  std::vector<int> per_subject = TeachersPerSubject(teachers);
  for (size_t s = 0; s < subjects.size(); ++s) {
    for (int k = 0; k < per_subject[s]; ++k) {
      // The department's second teacher leads it, so the sign-in teacher is
      // a classroom teacher.
      bool head = per_subject[s] >= 3 && k == 1;
      posts.push_back({Role::kTeacher, head ? subjects[s].head_title : subjects[s].job_title,
                       static_cast<int>(s), 0.65});
    }
  }
  for (const char* title :
       {"Teaching assistant", "Teaching assistant (SEND)", "Higher level teaching assistant",
        "Learning mentor", "Teaching assistant"}) {
    posts.push_back({Role::kSupport, title, -1, 0.85});
  }
  for (const char* title : {"Head of Year 8", "Head of Years 7 and 9", "Head of Years 10 and 11"}) {
    posts.push_back({Role::kPastoral, title, -1, 0.6});
  }
  posts.push_back({Role::kSenco, "SENCO", -1, 0.75});
  posts.push_back({Role::kDsl, "Designated safeguarding lead", -1, 0.6});
  for (const char* title :
       {"Headteacher", "Deputy headteacher", "Assistant headteacher (behaviour and attitudes)"}) {
    posts.push_back({Role::kSenior, title, -1, 0.55});
  }
  posts.push_back({Role::kAdmin, "Data and systems manager", -1, 0.5});
  return posts;
}

// Staff in England are mostly White British; the rest mirror the pupils.
const std::vector<std::pair<Heritage, int>> kStaffHeritage = {
    {Heritage::kBritish, 76},   {Heritage::kIrish, 3},   {Heritage::kEuropean, 4},
    {Heritage::kSouthAsian, 8}, {Heritage::kAfrican, 4}, {Heritage::kCaribbean, 3},
    {Heritage::kChinese, 1},    {Heritage::kOther, 1},
};

// The first letter of `name`, whole even when it is more than one byte.
std::string Initial(const std::string& name) {
  size_t n = 1;
  while (n < name.size() && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) ++n;
  return name.substr(0, n);
}

struct NameDraw {
  std::string first, last, title;
};

NameDraw DrawName(DemoRandom& random, double female_share) {
  std::vector<int> weights;
  for (const auto& [heritage, weight] : kStaffHeritage) weights.push_back(weight);
  Heritage heritage = kStaffHeritage[random.Weighted(weights)].first;
  bool woman = random.Chance(female_share);
  NameDraw d;
  d.first = random.Pick(AdultFirstNames(heritage, woman ? "F" : "M"));
  // Marriage and family histories mix surnames.
  d.last = random.Pick(Surnames(random.Chance(0.15) ? Heritage::kBritish : heritage));
  if (random.Chance(0.03)) {
    d.title = "Dr";
  } else if (random.Chance(0.01)) {
    d.title = "Mx";
  } else if (woman) {
    const std::vector<std::string> kTitles = {"Ms", "Mrs", "Miss"};
    d.title = kTitles[random.Weighted({50, 35, 15})];
  } else {
    d.title = "Mr";
  }
  return d;
}

}  // namespace

Result<std::vector<DemoStaffMember>> AddStaff(Store& store, long long school_id,
                                              const std::string& email_domain, int teachers,
                                              const std::string& password_hash,
                                              DemoRandom& random) {
  std::vector<DemoStaffMember> out;
  std::set<std::string> names, emails;
  Role previous_role = Role::kAdmin;
  bool first = true;
  for (const auto& post : Posts(teachers)) {
    NameDraw d = DrawName(random, post.female_share);
    for (int tries = 0;
         tries < 20 && (names.count(d.first + " " + d.last) > 0 || IsFamousName(d.first, d.last));
         ++tries) {
      d = DrawName(random, post.female_share);
    }
    names.insert(d.first + " " + d.last);

    std::string local;
    if (first || post.role != previous_role) {
      local = RoleName(post.role);  // the sign-in account for this role
    } else {
      std::string base = EmailPart(Initial(d.first)) + "." + EmailPart(d.last);
      local = base;
      for (int n = 2; emails.count(local) > 0 || local == RoleName(post.role); ++n) {
        local = base + std::to_string(n);
      }
    }
    emails.insert(local);
    first = false;
    previous_role = post.role;

    DemoStaffMember m;
    m.subject = post.subject;
    m.staff.school_id = school_id;
    m.staff.email = local + "@" + email_domain;
    m.staff.name = d.title + " " + Initial(d.first) + ". " + d.last;
    m.staff.role = post.role;
    m.staff.job_title = post.job_title;
    m.staff.active = true;
    m.staff.password_hash = password_hash;
    auto id = store.CreateStaff(m.staff);
    if (!id.ok()) {
      if (id.status().code() == StatusCode::kConflict) {
        return Status::Conflict("This database already has a demo account " + m.staff.email +
                                    "; generate the demo into a new database",
                                "email");
      }
      return id.status();
    }
    m.staff.id = *id;
    m.staff.password_hash.clear();  // no need to carry it further
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace attune::demo
