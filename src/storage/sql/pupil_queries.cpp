// PupilStore on SQLite: pupils, search as you type, profiles and contacts.
#include <algorithm>
#include <sstream>

#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Escapes LIKE wildcards so a typed % or _ matches itself.
std::string LikePattern(const std::string& word) {
  std::string out = "%";
  for (char c : word) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

// A macro so a kept statement (GetPupil) can join it to its WHERE clause
// as one string literal.
#define ATTUNE_PUPIL_COLUMNS                                                             \
  "SELECT p.id, p.school_id, p.upn, p.first_name, p.last_name, p.preferred_name, "       \
  "p.date_of_birth, p.year_group, COALESCE(p.form_id, 0), COALESCE(f.name, ''), p.sex, " \
  "p.sen_status, p.ethnicity_code, p.ehcp, p.fsm, p.looked_after, "                      \
  "COALESCE(p.key_adult_staff_id, 0), COALESCE(s.name, ''), p.left_on "                  \
  "FROM pupils p LEFT JOIN forms f ON f.id = p.form_id "                                 \
  "LEFT JOIN staff s ON s.id = p.key_adult_staff_id "
constexpr const char* kPupilColumns = ATTUNE_PUPIL_COLUMNS;

template <typename Row>
Pupil ReadPupil(const Row& r) {
  Pupil p;
  p.id = Int(r, 0);
  p.school_id = Int(r, 1);
  p.upn = Text(r, 2);
  p.first_name = Text(r, 3);
  p.last_name = Text(r, 4);
  p.preferred_name = Text(r, 5);
  if (auto dob = ParseDate(Text(r, 6)); dob.ok()) p.date_of_birth = *dob;
  p.year_group = static_cast<int>(Int(r, 7));
  p.form_id = Int(r, 8);
  p.form_name = Text(r, 9);
  p.sex = Text(r, 10);
  ParseSenCode(Text(r, 11), p.sen);
  p.ethnicity_code = Text(r, 12);
  p.ehcp = Int(r, 13) != 0;
  p.fsm = Int(r, 14) != 0;
  p.looked_after = Int(r, 15) != 0;
  p.key_adult_staff_id = Int(r, 16);
  p.key_adult_name = Text(r, 17);
  p.left_on = OptDate(r, 18);
  return p;
}

// The WHERE clause of a PupilFilter, with its values bound by name.
class PupilWhere {
 public:
  PupilWhere(long long school_id, const PupilFilter& f)
      : school_id_(school_id),
        year_(f.year_group),
        form_(f.form_id),
        sen_(f.sen),
        plan_(f.active_plan) {
    std::istringstream in(Lower(f.query));
    for (std::string word; in >> word && words_.size() < 6;) words_.push_back(LikePattern(word));
    sql_ = " WHERE p.school_id = :s";
    // Pupils who have left keep their records but leave the lists.
    if (!f.include_left) sql_ += " AND p.left_on IS NULL";
    for (size_t i = 0; i < words_.size(); ++i) {
      sql_ += " AND p.search_text LIKE :w" + std::to_string(i) + " ESCAPE '\\'";
    }
    if (f.year_group >= 0) sql_ += " AND p.year_group = :yg";
    if (f.form_id) sql_ += " AND p.form_id = :fm";
    if (!f.sen.empty()) sql_ += " AND p.sen_status = :sen";
    // Active plans as a set of pupils, built once, not looked up per pupil.
    if (f.active_plan) {
      sql_ += f.active_plan > 0 ? " AND p.id IN" : " AND p.id NOT IN";
      sql_ += " (SELECT pupil_id FROM plans WHERE school_id = :s2 AND status = 'active')";
    }
  }
  const std::string& Sql() const { return sql_; }
  void Bind(soci::statement& st) {
    st.exchange(soci::use(school_id_, "s"));
    for (size_t i = 0; i < words_.size(); ++i) {
      st.exchange(soci::use(words_[i], "w" + std::to_string(i)));
    }
    if (year_ >= 0) st.exchange(soci::use(year_, "yg"));
    if (form_) st.exchange(soci::use(form_, "fm"));
    if (!sen_.empty()) st.exchange(soci::use(sen_, "sen"));
    if (plan_) st.exchange(soci::use(school_id_, "s2"));
  }

 private:
  long long school_id_;
  int year_;
  long long form_;
  std::string sen_;
  int plan_;
  std::vector<std::string> words_;
  std::string sql_;
};

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

}  // namespace

std::string PupilSearchText(const Pupil& p) {
  return Lower(p.first_name + " " + p.last_name + " " + p.preferred_name + " " + p.upn);
}

Result<long long> SqlStore::CreatePupil(const Pupil& p) {
  Result<long long> id = Guard("create pupil", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    long long now = ToUnix(Now());
    std::string dob = FormatDate(p.date_of_birth), sen = SenCode(p.sen),
                search = PupilSearchText(p);
    int ehcp = p.ehcp, fsm = p.fsm, lac = p.looked_after;
    soci::indicator form = NullIfZero(p.form_id), key = NullIfZero(p.key_adult_staff_id);
    *sql << "INSERT INTO pupils (school_id, upn, first_name, last_name, preferred_name, "
            "date_of_birth, year_group, form_id, sex, sen_status, ethnicity_code, ehcp, fsm, "
            "looked_after, key_adult_staff_id, search_text, created_at) VALUES (:s, :upn, :fn, "
            ":ln, :pn, :dob, :yg, :form, :sex, :sen, :eth, :ehcp, :fsm, :lac, :key, :q, :now)",
        soci::use(p.school_id), soci::use(p.upn), soci::use(p.first_name), soci::use(p.last_name),
        soci::use(p.preferred_name), soci::use(dob), soci::use(p.year_group),
        soci::use(p.form_id, form), soci::use(p.sex), soci::use(sen), soci::use(p.ethnicity_code),
        soci::use(ehcp), soci::use(fsm), soci::use(lac), soci::use(p.key_adult_staff_id, key),
        soci::use(search), soci::use(now);
    return sql.Raw().LastId();
  });
  if (!id.ok() && id.status().code() == StatusCode::kConflict) {
    return Status::Conflict("A pupil with UPN " + p.upn + " is already on roll", "upn");
  }
  return id;
}

Result<Pupil> SqlStore::GetPupil(long long school_id, long long id) {
  return ReadGuard("get pupil", [&]() -> Result<Pupil> {
    auto sql = pool_.Acquire();
    // Read for every pupil in every record: a kept statement.
    auto rows = sql.Query(ATTUNE_PUPIL_COLUMNS "WHERE p.school_id = ?1 AND p.id = ?2");
    rows.Bind(1, school_id).Bind(2, id);
    if (rows.Next()) return ReadPupil(rows);
    return Status::NotFound("No such pupil");
  });
}

Result<std::vector<Pupil>> SqlStore::SearchPupils(long long school_id, const std::string& query,
                                                  int limit, int offset) {
  PupilFilter filter;
  filter.query = query;
  filter.limit = limit;
  filter.offset = offset;
  return ListPupils(school_id, filter);
}

Result<std::vector<Pupil>> SqlStore::ListPupils(long long school_id, const PupilFilter& f) {
  return ReadGuard("list pupils", [&]() -> Result<std::vector<Pupil>> {
    auto sql = pool_.Acquire();
    PupilWhere where(school_id, f);
    std::string order = f.by_year
                            ? " ORDER BY p.year_group, f.name, p.last_name, p.first_name, p.id"
                            : " ORDER BY p.last_name, p.first_name, p.id";
    std::vector<Pupil> out;
    ReadPage(*sql, std::string(kPupilColumns) + where.Sql() + order + " LIMIT :l OFFSET :o", where,
             f.limit, f.offset, ReadPupil<soci::row>, out);
    return out;
  });
}

Result<long long> SqlStore::CountPupils(long long school_id) {
  return CountPupils(school_id, PupilFilter{});
}

Result<long long> SqlStore::CountPupils(long long school_id, const PupilFilter& f) {
  return ReadGuard("count pupils", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    PupilWhere where(school_id, f);
    long long n = 0;
    soci::statement st =
        (sql->prepare << "SELECT COUNT(*) FROM pupils p LEFT JOIN forms f ON f.id = p.form_id" +
                             where.Sql());
    where.Bind(st);
    st.exchange(soci::into(n));
    st.define_and_bind();
    st.execute(true);
    return n;
  });
}

Result<std::pair<int, int>> SqlStore::CountSen(long long school_id) {
  return ReadGuard("count sen", [&]() -> Result<std::pair<int, int>> {
    auto sql = pool_.Acquire();
    int support = 0, ehcp = 0;
    *sql << "SELECT COALESCE(SUM(CASE WHEN sen_status = 'K' THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN sen_status = 'E' THEN 1 ELSE 0 END), 0) FROM "
            "pupils WHERE school_id = :s AND left_on IS NULL",
        soci::use(school_id), soci::into(support), soci::into(ehcp);
    return std::make_pair(support, ehcp);
  });
}

Result<std::vector<PupilKind>> SqlStore::CountPupilKinds(long long school_id) {
  return ReadGuard("count pupil kinds", [&]() -> Result<std::vector<PupilKind>> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query("SELECT year_group, " ATTUNE_PUPIL_GROUP_FIELDS(
        "pupils") ", COUNT(*) "
                  "FROM pupils WHERE school_id = ?1 AND left_on IS NULL GROUP BY 1, 2, 3, 4, 5, 6, "
                  "7");
    r.Bind(1, school_id);
    std::vector<PupilKind> out;
    while (r.Next()) {
      PupilKind k;
      k.year_group = static_cast<int>(r.Int(0));
      k.groups = ReadGroupFields(r, 1);
      k.pupils = r.Int(7);
      out.push_back(std::move(k));
    }
    return out;
  });
}

Result<std::vector<Pupil>> SqlStore::GroupMembers(long long school_id, long long group_id) {
  return ReadGuard("group members", [&]() -> Result<std::vector<Pupil>> {
    auto sql = pool_.Acquire();
    soci::rowset<soci::row> rows =
        (sql->prepare << std::string(kPupilColumns) +
                             "JOIN teaching_group_members m ON m.pupil_id = p.id "
                             "JOIN teaching_groups g ON g.id = m.group_id "
                             "WHERE p.school_id = :s AND g.school_id = :s2 AND m.group_id = :g "
                             "AND p.left_on IS NULL "
                             "ORDER BY p.last_name, p.first_name, p.id",
         soci::use(school_id), soci::use(school_id), soci::use(group_id));
    std::vector<Pupil> out;
    for (const auto& r : rows) out.push_back(ReadPupil(r));
    return out;
  });
}

Result<PupilProfile> SqlStore::GetProfile(long long school_id, long long pupil_id) {
  return ReadGuard("get profile", [&]() -> Result<PupilProfile> {
    auto sql = pool_.Acquire();
    PupilProfile profile;
    profile.pupil_id = pupil_id;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT pp.communication, pp.what_helps, pp.triggers, pp.strengths, "
                         "pp.pupil_voice, pp.updated_at, COALESCE(s.name, ''), pp.own_words, "
                         "pp.reviewed_with_pupil_on, COALESCE(r.name, '') "
                         "FROM pupil_profiles pp LEFT JOIN staff s ON s.id = "
                         "pp.updated_by_staff_id LEFT JOIN staff r ON r.id = "
                         "pp.reviewed_by_staff_id WHERE pp.school_id = :s AND pp.pupil_id = :p",
         soci::use(school_id), soci::use(pupil_id));
    for (const auto& r : rows) {
      profile.communication = SplitLines(Text(r, 0));
      profile.what_helps = Text(r, 1);
      profile.triggers = Text(r, 2);
      profile.strengths = Text(r, 3);
      profile.pupil_voice = Text(r, 4);
      profile.updated_at = FromUnix(Int(r, 5));
      profile.updated_by = Text(r, 6);
      profile.own_words = SplitLines(Text(r, 7));
      profile.reviewed_with_pupil_on = OptDate(r, 8);
      profile.reviewed_by = Text(r, 9);
    }
    return profile;
  });
}

Result<std::vector<ProfileSaved>> SqlStore::ListProfileSaves(long long school_id) {
  return ReadGuard("list profile saves", [&]() -> Result<std::vector<ProfileSaved>> {
    auto sql = pool_.Acquire();
    std::vector<ProfileSaved> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT p.id, CASE WHEN p.preferred_name <> '' THEN p.preferred_name "
                         "ELSE p.first_name END || ' ' || p.last_name, COALESCE(f.name, ''), "
                         "pp.updated_at, pp.reviewed_with_pupil_on FROM pupils p LEFT JOIN "
                         "forms f ON f.id = p.form_id LEFT JOIN pupil_profiles pp ON "
                         "pp.pupil_id = p.id WHERE p.school_id = :s AND p.left_on IS NULL ORDER BY "
                         "pp.reviewed_with_pupil_on IS NOT NULL, pp.reviewed_with_pupil_on, "
                         "pp.updated_at IS NOT NULL, pp.updated_at, p.last_name, p.id",
         soci::use(school_id));
    for (const auto& r : rows) {
      out.push_back({Int(r, 0), Text(r, 1), Text(r, 2), OptTime(r, 3), OptDate(r, 4)});
    }
    return out;
  });
}

Status SqlStore::SaveProfile(long long school_id, const PupilProfile& p, long long staff_id) {
  return Guard("save profile", [&]() -> Status {
    auto sql = pool_.Acquire();
    std::string communication, own_words;
    for (const auto& c : p.communication) communication += c + "\n";
    for (const auto& part : p.own_words) own_words += part + "\n";
    long long now = ToUnix(Now());
    soci::indicator by = NullIfZero(staff_id);
    // A save without the pupil keeps the day they last went through it.
    std::string reviewed = p.reviewed_with_pupil_on ? FormatDate(*p.reviewed_with_pupil_on) : "";
    soci::indicator with_pupil = p.reviewed_with_pupil_on ? soci::i_ok : soci::i_null;
    long long reviewer = p.reviewed_with_pupil_on ? staff_id : 0;
    soci::indicator reviewer_ind = NullIfZero(reviewer);
    *sql << "INSERT INTO pupil_profiles (pupil_id, school_id, communication, what_helps, "
            "triggers, strengths, pupil_voice, own_words, reviewed_with_pupil_on, "
            "reviewed_by_staff_id, updated_at, updated_by_staff_id) "
            "VALUES (:p, :s, :c, :w, :t, :st, :v, :o, :rv, :rb, :now, :by) "
            "ON CONFLICT (pupil_id) DO UPDATE SET communication = excluded.communication, "
            "what_helps = excluded.what_helps, triggers = excluded.triggers, "
            "strengths = excluded.strengths, pupil_voice = excluded.pupil_voice, "
            "own_words = excluded.own_words, "
            "reviewed_with_pupil_on = COALESCE(excluded.reviewed_with_pupil_on, "
            "pupil_profiles.reviewed_with_pupil_on), "
            "reviewed_by_staff_id = CASE WHEN excluded.reviewed_with_pupil_on IS NULL THEN "
            "pupil_profiles.reviewed_by_staff_id ELSE excluded.reviewed_by_staff_id END, "
            "updated_at = excluded.updated_at, updated_by_staff_id = excluded.updated_by_staff_id",
        soci::use(p.pupil_id), soci::use(school_id), soci::use(communication),
        soci::use(p.what_helps), soci::use(p.triggers), soci::use(p.strengths),
        soci::use(p.pupil_voice), soci::use(own_words), soci::use(reviewed, with_pupil),
        soci::use(reviewer, reviewer_ind), soci::use(now), soci::use(staff_id, by);
    return Status::Ok();
  });
}

Result<long long> SqlStore::AddContact(long long school_id, const Contact& c) {
  return Guard("add contact", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    int pr = c.parental_responsibility ? 1 : 0;
    *sql << "INSERT INTO contacts (school_id, pupil_id, name, relationship, phone, email, "
            "parental_responsibility, priority) VALUES (:s, :p, :n, :r, :ph, :e, :pr, :pri)",
        soci::use(school_id), soci::use(c.pupil_id), soci::use(c.name), soci::use(c.relationship),
        soci::use(c.phone), soci::use(c.email), soci::use(pr), soci::use(c.priority);
    return sql.Raw().LastId();
  });
}

Result<std::vector<Contact>> SqlStore::ListContacts(long long school_id, long long pupil_id) {
  return ReadGuard("list contacts", [&]() -> Result<std::vector<Contact>> {
    auto sql = pool_.Acquire();
    std::vector<Contact> out;
    soci::rowset<soci::row> rows =
        (sql->prepare
             << "SELECT id, name, relationship, phone, email, parental_responsibility, "
                "priority, COALESCE(family_account_id, 0) FROM contacts WHERE school_id = :s AND "
                "pupil_id = :p "
                "ORDER BY priority, id",
         soci::use(school_id), soci::use(pupil_id));
    for (const auto& r : rows) {
      Contact c;
      c.id = Int(r, 0);
      c.pupil_id = pupil_id;
      c.name = Text(r, 1);
      c.relationship = Text(r, 2);
      c.phone = Text(r, 3);
      c.email = Text(r, 4);
      c.parental_responsibility = Int(r, 5) != 0;
      c.family_account_id = Int(r, 7);
      c.priority = static_cast<int>(Int(r, 6));
      out.push_back(c);
    }
    return out;
  });
}

}  // namespace attune::sql
