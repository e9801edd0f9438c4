// The OneRoster reader's users.csv and demographics.csv: staff and pupils,
// their UPNs, year groups, dates of birth and sex (oneroster_reading.h).
#include <algorithm>
#include <cctype>

#include "import/fields.h"
#include "import/oneroster_reading.h"
#include "services/text.h"

namespace attune::import::oneroster {
namespace {

// A metadata column (OneRoster's extension, "metadata.ukUpn") whose name,
// in lower case, contains `part`; -1 when none.
int MetadataColumn(const ExportTable& t, const char* part) {
  const auto& header = t.header();
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name = ToLower(header[i]);
    if (name.rfind("metadata.", 0) == 0 && name.find(part) != std::string::npos) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// The person's schools from orgSourcedIds; false (with a problem) when one
// is not in orgs.csv.
bool ReadSchools(ExportTable& t, const CsvRow& row, int column, Reading& r,
                 std::vector<std::string>& schools) {
  for (const auto& org : SplitList(t.Field(row, column))) {
    if (!r.Refers(t, row, r.org_types, org, "orgSourcedIds names org", "orgs.csv")) return false;
    if (r.org_types[org] == "school") schools.push_back(org);
  }
  return true;
}

}  // namespace

Status ReadUsers(ExportTable& t, Reading& r) {
  ATTUNE_RETURN_IF_ERROR(t.Need({"sourcedId", "orgSourcedIds", "role", "givenName", "familyName"}));
  const int id_col = t.Column("sourcedId"), status_col = t.Column("status"),
            orgs_col = t.Column("orgSourcedIds"), role_col = t.Column("role"),
            given_col = t.Column("givenName"), family_col = t.Column("familyName"),
            identifier_col = t.Column("identifier"), email_col = t.Column("email"),
            grades_col = t.Column("grades");
  const int upn_col = MetadataColumn(t, "upn");
  int preferred_col = t.Column("preferredFirstName");
  if (preferred_col < 0) preferred_col = MetadataColumn(t, "preferred");
  std::unordered_map<std::string, int> upn_lines, email_lines;
  int parents = 0, no_school = 0;
  for (const auto& row : t.rows()) {
    auto id = t.Id(row, id_col, "sourcedId");
    if (!id) continue;
    auto fail = [&](std::string message) {
      t.Problem(row, std::move(message));
      r.bad.insert(*id);
    };
    auto leaving = t.Leaving(row, status_col);
    if (!leaving) {
      r.bad.insert(*id);
      continue;
    }
    std::string role = t.Field(row, role_col);
    bool pupil = role == "student";
    bool staff = role == "teacher" || role == "administrator" || role == "aide";
    if (!pupil && !staff) {
      if (role == "parent" || role == "guardian" || role == "relative") {
        r.users[*id] = UserKind::kOther;
        ++parents;
      } else {
        fail("role \"" + role +
             "\" is not a OneRoster role (student, teacher, administrator, "
             "aide, parent, guardian, relative)");
      }
      continue;
    }
    ExportPerson person;
    person.key = person.source_id = *id;
    person.leaving = *leaving;
    person.at = t.At(row);
    if (!ReadSchools(t, row, orgs_col, r, person.schools)) {
      r.bad.insert(*id);
      continue;
    }
    if (person.schools.empty()) {
      ++no_school;
      r.users[*id] = UserKind::kOther;
      continue;
    }
    auto given = t.Required(row, given_col, "givenName");
    auto family = t.Required(row, family_col, "familyName");
    if (!given || !family) {
      r.bad.insert(*id);
      continue;
    }
    Status names = CheckName("givenName", *given);
    if (names.ok()) names = CheckName("familyName", *family);
    if (names.ok() && preferred_col >= 0) {
      names = CheckName(t.header()[preferred_col], t.Field(row, preferred_col));
    }
    if (names.ok() && staff) names = CheckName("givenName and familyName", *given + " " + *family);
    if (!names.ok()) {
      fail(names.message());
      continue;
    }
    if (staff) {
      ExportStaff s;
      static_cast<ExportPerson&>(s) = std::move(person);
      s.name = *given + " " + *family;
      s.email = ToLower(t.Field(row, email_col));
      if (s.email.empty()) {
        fail(
            "email is empty: staff sign in to attune with their email address, so each needs "
            "one");
        continue;
      }
      if (!LooksLikeEmail(s.email)) {
        fail("email \"" + s.email + "\" is not an email address");
        continue;
      }
      auto [seen, fresh] = email_lines.emplace(s.email, row.line);
      if (!fresh) {
        fail("email " + s.email + " is also on line " + std::to_string(seen->second) +
             "; each member of staff needs their own");
        continue;
      }
      s.role = role == "aide" ? Role::kSupport : Role::kTeacher;
      r.users[*id] = UserKind::kStaff;
      r.out.staff.push_back(std::move(s));
      continue;
    }
    ExportPupil p;
    static_cast<ExportPerson&>(p) = std::move(person);
    p.first_name = *given;
    p.last_name = *family;
    if (preferred_col >= 0) {
      std::string preferred = t.Field(row, preferred_col);
      p.preferred_name = preferred == *given ? "" : preferred;
    }
    std::string upn = upn_col >= 0 ? t.Field(row, upn_col) : "";
    if (upn.empty()) upn = t.Field(row, identifier_col);
    std::transform(upn.begin(), upn.end(), upn.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (upn.empty()) {
      fail(
          "identifier is empty: attune knows each pupil by their UPN, which English MIS "
          "exports put in identifier");
      continue;
    }
    if (Status st = CheckUpn(upn); !st.ok()) {
      fail(st.message());
      continue;
    }
    auto [seen, fresh] = upn_lines.emplace(upn, row.line);
    if (!fresh) {
      fail("UPN " + upn + " is also on line " + std::to_string(seen->second) +
           "; each pupil has their own");
      continue;
    }
    p.upn = upn;
    std::string grades = t.Field(row, grades_col);
    if (!grades.empty()) {
      auto year = ParseYearGroup(grades);
      if (!year.ok()) {
        fail("grades " + year.status().message());
        continue;
      }
      p.year_group = *year;
    }
    r.users[*id] = UserKind::kPupil;
    r.pupil_at[*id] = r.out.pupils.size();
    r.out.pupils.push_back(std::move(p));
  }
  if (parents > 0) {
    r.out.notes.push_back(std::to_string(parents) +
                          " parents and carers in users.csv were not imported: attune does not "
                          "take contacts from the MIS, and each pupil's contacts stay as they "
                          "are in attune");
  }
  if (no_school > 0) {
    r.out.notes.push_back(std::to_string(no_school) +
                          " users belong to no school of orgs.csv (a trust's or local "
                          "authority's staff, say) and were not imported");
  }
  return Status::Ok();
}

Status ReadDemographics(ExportTable& t, Reading& r) {
  ATTUNE_RETURN_IF_ERROR(t.Need({"sourcedId"}));
  const int id_col = t.Column("sourcedId"), birth_col = t.Column("birthDate"),
            sex_col = t.Column("sex");
  for (const auto& row : t.rows()) {
    auto id = t.Id(row, id_col, "sourcedId");
    if (!id || !r.Refers(t, row, r.users, *id, "sourcedId", "users.csv")) continue;
    auto at = r.pupil_at.find(*id);
    if (at == r.pupil_at.end()) continue;  // staff and parents: not kept
    ExportPupil& p = r.out.pupils[at->second];
    std::string birth = t.Field(row, birth_col);
    if (!birth.empty()) {
      auto day = ParseBirthDate(birth, r.today);
      if (!day.ok()) {
        t.Problem(row, "birthDate " + day.status().message());
      } else {
        p.date_of_birth = *day;
      }
    }
    std::string sex = t.Field(row, sex_col);
    p.sex = ParseSex(sex);
    std::string lower = ToLower(sex);
    if (!p.sex && !lower.empty() && lower != "other" && lower != "unspecified") {
      t.Problem(row, "sex \"" + sex +
                         "\" is not one OneRoster has (male, female, other, "
                         "unspecified)");
    }
  }
  return Status::Ok();
}

}  // namespace attune::import::oneroster
