// Writing the fictional school's OneRoster export (oneroster_export.h).
#include "demo/oneroster_export.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unordered_set>

#include "demo/names.h"
#include "demo/pupils.h"
#include "demo/random.h"
#include "demo/school_size.h"
#include "demo/subjects.h"

namespace attune::demo {
namespace {

constexpr const char* kSchool = "org-school";
constexpr const char* kTrust = "org-trust";
constexpr const char* kYear = "as-2026";
constexpr const char* kDomain = "brookfield.example.sch.uk";

// One CSV file being written: each field quoted only when it must be.
class CsvOut {
 public:
  CsvOut(const std::string& dir, const char* name) : out_(dir + "/" + name) {}
  bool ok() const { return static_cast<bool>(out_); }
  CsvOut& Row(std::initializer_list<std::string> fields) {
    bool first = true;
    for (const auto& f : fields) {
      if (!first) out_ << ',';
      first = false;
      if (f.find_first_of(",\"\r\n") == std::string::npos) {
        out_ << f;
        continue;
      }
      out_ << '"';
      for (char c : f) out_ << (c == '"' ? "\"\"" : std::string(1, c));
      out_ << '"';
    }
    out_ << "\r\n";
    return *this;
  }

 private:
  std::ofstream out_;
};

std::string Id(const char* prefix, int n) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%s-%05d", prefix, n);
  return buffer;
}

std::string Grade(int year) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", year);
  return buffer;
}

struct Person {
  std::string id, given, family, email, role;
};

}  // namespace

Result<OneRosterExportCounts> WriteOneRosterExport(const OneRosterExportOptions& o) {
  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  if (ec) return Status::Invalid("cannot make the folder " + o.out + ": " + ec.message(), "out");
  DemoRandom random(o.seed, "oneroster", 1);
  OneRosterExportCounts counts;
  const SchoolSize size = PlanSchoolSize(o.pupils);
  const auto& subjects = Subjects();
  int staff_count = o.staff > 0 ? o.staff : std::max(30, o.pupils * 3 / 100);

  // Staff: two office administrators, a teaching assistant in eight, the
  // rest teachers.
  std::vector<Person> staff;
  std::unordered_set<std::string> emails;
  for (int i = 0; i < staff_count; ++i) {
    Person p;
    p.id = Id("staff", i + 1);
    const char* sex = random.Chance(0.6) ? "F" : "M";
    Heritage heritage =
        random.Chance(0.75) ? Heritage::kBritish : static_cast<Heritage>(random.Below(8));
    p.given = random.Pick(AdultFirstNames(heritage, sex));
    p.family = random.Pick(Surnames(heritage));
    std::string base = EmailPart(p.given.substr(0, 1)) + "." + EmailPart(p.family);
    p.email = base + "@" + kDomain;
    for (int n = 2; !emails.insert(p.email).second; ++n) {
      p.email = base + std::to_string(n) + "@" + kDomain;
    }
    p.role = i < 2 ? "administrator" : i % 8 == 0 ? "aide" : "teacher";
    staff.push_back(std::move(p));
  }
  std::vector<const Person*> teachers;
  for (const auto& p : staff) {
    if (p.role == "teacher") teachers.push_back(&p);
  }

  CsvOut users(o.out, "users.csv"), demographics(o.out, "demographics.csv"),
      classes(o.out, "classes.csv"), enrollments(o.out, "enrollments.csv"),
      courses(o.out, "courses.csv");
  if (!users.ok() || !demographics.ok() || !classes.ok() || !enrollments.ok() || !courses.ok()) {
    return Status::Invalid("cannot write into " + o.out, "out");
  }
  users.Row({"sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role",
             "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email",
             "sms", "phone", "agentSourcedIds", "grades", "password"});
  demographics.Row({"sourcedId", "status", "dateLastModified", "birthDate", "sex",
                    "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
                    "nativeHawaiianOrOtherPacificIslander", "white",
                    "demographicRaceTwoOrMoreRaces", "hispanicOrLatinoEthnicity",
                    "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth",
                    "publicSchoolResidenceStatus"});
  classes.Row({"sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId",
               "classCode", "classType", "location", "schoolSourcedId", "termSourcedIds",
               "subjects", "subjectCodes", "periods"});
  enrollments.Row({"sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId",
                   "userSourcedId", "role", "primary", "beginDate", "endDate"});
  courses.Row({"sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title",
               "courseCode", "grades", "orgSourcedId", "subjects", "subjectCodes"});
  for (const auto& p : staff) {
    users.Row({p.id, "active", "", "true", kSchool, p.role, p.email, "", p.given, p.family, "",
               p.id, p.email, "", "", "", "", ""});
  }
  counts.staff = staff_count;

  long long enrolled = 0;
  auto enroll = [&](const std::string& klass, const std::string& user, const char* role,
                    bool primary) {
    enrollments.Row({Id("enr", static_cast<int>(++enrolled)), "active", "", klass, kSchool, user,
                     role, primary ? "true" : "false", "", ""});
  };
  std::unordered_set<std::string> upns;
  int pupil_n = 0, teacher_at = 0, group_n = 0;
  for (int year = 7; year <= 11; ++year) {
    std::string grade = Grade(year);
    std::string registration = "course-reg-" + grade;
    courses.Row({registration, "active", "", kYear,
                 "Year " + std::to_string(year) + " registration", "REG" + grade, grade, kSchool,
                 "", ""});
    // Forms, each with its tutor, then the year's pupils round the forms.
    std::vector<std::string> forms;
    for (int f = 0; f < size.forms_per_year; ++f) {
      std::string name = std::to_string(year) + std::string(1, static_cast<char>('A' + f % 26)) +
                         (f >= 26 ? std::to_string(f / 26 + 1) : "");
      std::string id = "class-form-" + name;
      classes.Row({id, "active", "", name, grade, registration, name, "homeroom", "", kSchool,
                   kYear, "", "", ""});
      enroll(id, teachers[teacher_at++ % teachers.size()]->id, "teacher", true);
      forms.push_back(id);
    }
    counts.forms += size.forms_per_year;
    int in_year = PupilsInYear(o.pupils, year);
    std::vector<std::string> band[2];
    for (int i = 0; i < in_year; ++i) {
      Pupil p = DrawDemoPupil(random, year);
      while (!upns.insert(p.upn).second) p = DrawDemoPupil(random, year);
      std::string id = Id("pupil", ++pupil_n), parent = Id("parent", pupil_n);
      int form = i % size.forms_per_year;
      users.Row({id, "active", "", "true", kSchool, "student", "", "", p.first_name, p.last_name,
                 "", p.upn, "", "", "", parent, grade, ""});
      users.Row({parent, "active", "", "false", kSchool, "guardian", "", "",
                 random.Pick(AdultFirstNames(Heritage::kBritish, random.Chance(0.5) ? "F" : "M")),
                 p.last_name, "", "", "", "", "", id, "", ""});
      demographics.Row({id, "active", "", FormatDate(p.date_of_birth),
                        p.sex == "F" ? "female" : "male", "", "", "", "", "", "", "", "", "", "",
                        ""});
      enroll(forms[form], id, "student", false);
      band[BandOfForm(form, size.forms_per_year)].push_back(id);
    }
    // Each band's pupils in every subject, split into sets (shuffled) or
    // groups in form order.
    for (int b = 0; b < 2; ++b) {
      std::string band_name = std::to_string(year) + (b == 0 ? "x" : "y");
      for (const auto& subject : subjects) {
        std::string course = "course-" + subject.code + "-" + grade;
        if (b == 0) {
          courses.Row({course, "active", "", kYear,
                       "Year " + std::to_string(year) + " " + subject.name, subject.code + grade,
                       grade, kSchool, subject.name, ""});
        }
        std::vector<std::string> pupils = band[b];
        if (subject.setted) random.Shuffle(pupils);
        int groups = size.groups_per_band;
        for (int g = 0; g < groups; ++g) {
          std::string name = band_name + "/" + subject.code + std::to_string(g + 1);
          std::string id = Id("class", ++group_n);
          classes.Row({id, "active", "",
                       "Year " + std::to_string(year) + " " + subject.name + " (" + name + ")",
                       grade, course, name, "scheduled", "", kSchool, kYear, subject.name, "", ""});
          enroll(id, teachers[teacher_at++ % teachers.size()]->id, "teacher", true);
          for (size_t at = g; at < pupils.size(); at += groups)
            enroll(id, pupils[at], "student", false);
        }
        counts.groups += groups;
      }
    }
  }
  counts.pupils = pupil_n;
  counts.enrollments = enrolled;

  CsvOut manifest(o.out, "manifest.csv"), orgs(o.out, "orgs.csv"),
      sessions(o.out, "academicSessions.csv");
  manifest.Row({"propertyName", "value"})
      .Row({"manifest.version", "1.0"})
      .Row({"oneroster.version", "1.1"});
  for (const char* file :
       {"academicSessions", "classes", "courses", "demographics", "enrollments", "orgs", "users"}) {
    manifest.Row({std::string("file.") + file, "bulk"});
  }
  for (const char* file :
       {"categories", "classResources", "courseResources", "lineItems", "resources", "results"}) {
    manifest.Row({std::string("file.") + file, "absent"});
  }
  manifest.Row({"source.systemName", "attune demo oneroster"}).Row({"source.systemCode", "demo"});
  orgs.Row({"sourcedId", "status", "dateLastModified", "name", "type", "identifier",
            "parentSourcedId"})
      .Row({kTrust, "active", "", "Brookfield Learning Trust (demo)", "district", "", ""})
      .Row({kSchool, "active", "", "Brookfield Academy (demo)", "school", "149999", kTrust});
  sessions
      .Row({"sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate",
            "parentSourcedId", "schoolYear"})
      .Row({kYear, "active", "", "2026/27", "schoolYear", "2026-09-01", "2027-07-23", "", "2027"})
      .Row({"as-2026-aut", "active", "", "Autumn 2026", "term", "2026-09-01", "2026-12-18", kYear,
            "2027"})
      .Row({"as-2027-spr", "active", "", "Spring 2027", "term", "2027-01-04", "2027-03-26", kYear,
            "2027"})
      .Row({"as-2027-sum", "active", "", "Summer 2027", "term", "2027-04-12", "2027-07-23", kYear,
            "2027"});
  if (!manifest.ok() || !orgs.ok() || !sessions.ok()) {
    return Status::Invalid("cannot write into " + o.out, "out");
  }
  return counts;
}

}  // namespace attune::demo
