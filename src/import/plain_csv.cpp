// The plain pupils and staff CSVs (plain_csv.h).
#include "import/plain_csv.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "import/export_table.h"
#include "import/fields.h"
#include "services/text.h"

namespace attune::import {
namespace {

std::string UpperCase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// A yes/no column's value in `into`; false, with a problem, when it is
// something else. An absent column or empty field leaves `into` unset.
bool ReadFlag(ExportTable& t, const CsvRow& row, int column, const char* name,
              std::optional<bool>& into) {
  std::string text = t.Field(row, column);
  if (column < 0 || text.empty()) return true;
  into = ParseYesNo(text);
  if (into) return true;
  t.Problem(row, std::string(name) + " \"" + text + "\" should be yes or no");
  return false;
}

Status ReadPupils(ExportTable& t, Export& out, Date today) {
  ATTUNE_RETURN_IF_ERROR(
      t.Need({"upn", "first_name", "last_name", "date_of_birth", "year_group", "sex"}));
  const int upn_col = t.Column("upn"), first_col = t.Column("first_name"),
            last_col = t.Column("last_name"), dob_col = t.Column("date_of_birth"),
            year_col = t.Column("year_group"), sex_col = t.Column("sex"),
            preferred_col = t.Column("preferred_name"), form_col = t.Column("form"),
            sen_col = t.Column("sen"), ethnicity_col = t.Column("ethnicity"),
            ehcp_col = t.Column("ehcp"), fsm_col = t.Column("fsm"),
            lac_col = t.Column("looked_after");
  out.has_forms = form_col >= 0;
  std::map<std::string, size_t> forms;  // name -> index in out.classes
  for (const auto& row : t.rows()) {
    // A UPN is the row's id: needed, and once in the file.
    auto upn = t.Id(row, upn_col, "upn", UpperCase);
    if (!upn) continue;
    if (Status st = CheckUpn(*upn); !st.ok()) {
      t.Problem(row, st.message());
      out.bad_keys.insert("upn:" + *upn);
      continue;
    }
    ExportPupil p;
    p.key = "upn:" + *upn;
    p.upn = *upn;
    p.at = t.At(row);
    auto fail = [&](std::string message) {
      t.Problem(row, std::move(message));
      out.bad_keys.insert(p.key);
    };
    auto first = t.Required(row, first_col, "first_name");
    auto last = t.Required(row, last_col, "last_name");
    auto dob = t.Required(row, dob_col, "date_of_birth");
    auto year = t.Required(row, year_col, "year_group");
    auto sex = t.Required(row, sex_col, "sex");
    if (!first || !last || !dob || !year || !sex) {
      out.bad_keys.insert(p.key);
      continue;
    }
    p.first_name = *first;
    p.last_name = *last;
    if (preferred_col >= 0) p.preferred_name = t.Field(row, preferred_col);
    Status names = CheckName("first_name", p.first_name);
    if (names.ok()) names = CheckName("last_name", p.last_name);
    if (names.ok()) names = CheckName("preferred_name", p.preferred_name.value_or(""));
    if (names.ok()) names = CheckName("form", t.Field(row, form_col));
    if (!names.ok()) {
      fail(names.message());
      continue;
    }
    auto day = ParseBirthDate(*dob, today);
    if (!day.ok()) {
      fail("date_of_birth " + day.status().message());
      continue;
    }
    p.date_of_birth = *day;
    auto parsed_year = ParseYearGroup(*year);
    if (!parsed_year.ok()) {
      fail("year_group " + parsed_year.status().message());
      continue;
    }
    p.year_group = *parsed_year;
    p.sex = ParseSex(*sex);
    if (!p.sex) {
      fail("sex \"" + *sex + "\" should be F or M, as in the school census");
      continue;
    }
    std::string sen = t.Field(row, sen_col);
    if (!sen.empty()) {
      SenStatus status;
      if (!ParseSenCode(sen, status)) {
        fail("sen \"" + sen + "\" should be N (none), K (SEN support) or E (EHC plan)");
        continue;
      }
      p.sen = status;
    }
    std::string ethnicity = t.Field(row, ethnicity_col);
    if (!ethnicity.empty()) p.ethnicity_code = ethnicity;
    if (!ReadFlag(t, row, ehcp_col, "ehcp", p.ehcp) || !ReadFlag(t, row, fsm_col, "fsm", p.fsm) ||
        !ReadFlag(t, row, lac_col, "looked_after", p.looked_after)) {
      out.bad_keys.insert(p.key);
      continue;
    }
    std::string form = t.Field(row, form_col);
    if (!form.empty()) {
      auto [at, fresh] = forms.emplace(form, out.classes.size());
      if (fresh) {
        ExportClass k;
        k.key = "form:" + form;
        k.form = true;
        k.name = form;
        k.at = t.At(row);
        out.classes.push_back(std::move(k));
      }
      out.enrollments.push_back({out.classes[at->second].key, p.key, false, false, t.At(row)});
    }
    out.pupils.push_back(std::move(p));
  }
  return Status::Ok();
}

Status ReadStaff(ExportTable& t, Export& out) {
  ATTUNE_RETURN_IF_ERROR(t.Need({"email", "name"}));
  const int email_col = t.Column("email"), name_col = t.Column("name"), role_col = t.Column("role"),
            title_col = t.Column("job_title");
  for (const auto& row : t.rows()) {
    auto email = t.Id(row, email_col, "email", ToLower);
    if (!email) continue;
    ExportStaff s;
    s.key = "email:" + *email;
    s.email = *email;
    s.at = t.At(row);
    auto fail = [&](std::string message) {
      t.Problem(row, std::move(message));
      out.bad_keys.insert(s.key);
    };
    if (!LooksLikeEmail(s.email)) {
      fail("email \"" + s.email + "\" is not an email address");
      continue;
    }
    auto name = t.Required(row, name_col, "name");
    if (!name) {
      out.bad_keys.insert(s.key);
      continue;
    }
    s.name = *name;
    Status names = CheckName("name", s.name);
    if (names.ok() && title_col >= 0) names = CheckName("job_title", t.Field(row, title_col));
    if (!names.ok()) {
      fail(names.message());
      continue;
    }
    std::string role = ToLower(t.Field(row, role_col));
    if (!role.empty()) {
      auto parsed = ParseRole(role);
      if (!parsed) {
        fail("role \"" + role +
             "\" should be teacher, support, pastoral, senco, dsl, senior or "
             "admin");
        continue;
      }
      s.role = *parsed;
    }
    if (title_col >= 0) s.job_title = t.Field(row, title_col);
    out.staff.push_back(std::move(s));
  }
  return Status::Ok();
}

}  // namespace

Result<Export> ReadPlainCsv(PlainKind kind, const std::string& file, std::string_view text) {
  Export out;
  out.format = kind == PlainKind::kPupils ? "pupils CSV" : "staff CSV";
  out.whole = false;
  auto table = ExportTable::Read(file, text, out);
  if (!table.ok()) return table.status();
  ATTUNE_RETURN_IF_ERROR(kind == PlainKind::kPupils ? ReadPupils(*table, out, LondonDate(Now()))
                                                    : ReadStaff(*table, out));
  return out;
}

}  // namespace attune::import
