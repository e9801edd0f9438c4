// SurveyStore on SQLite: surveys, runs, code hashes and anonymous responses
// (decision 0027). The throttle of codes is in session_queries.cpp.
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

// Options travel as one line each.
std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "\n") + item;
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The columns ReadRun reads, from survey_runs r.
constexpr const char* kRunColumns =
    "r.id, r.school_id, r.survey_id, COALESCE(r.form_id, 0), COALESCE(r.year_group, -1), "
    "r.group_label, r.opened_at, r.closed_at, COALESCE(r.opened_by_staff_id, 0), "
    "(SELECT COUNT(*) FROM survey_codes c WHERE c.run_id = r.id), "
    "(SELECT COUNT(*) FROM survey_responses p WHERE p.run_id = r.id)";

SurveyRun ReadRun(const soci::row& r) {
  SurveyRun run;
  run.id = Int(r, 0);
  run.school_id = Int(r, 1);
  run.survey_id = Int(r, 2);
  run.form_id = Int(r, 3);
  run.year_group = static_cast<int>(Int(r, 4));
  run.group_label = Text(r, 5);
  run.opened_at = FromUnix(Int(r, 6));
  run.closed_at = OptTime(r, 7);
  run.opened_by_staff_id = Int(r, 8);
  run.codes = static_cast<int>(Int(r, 9));
  run.responses = static_cast<int>(Int(r, 10));
  return run;
}

}  // namespace

Result<long long> SqlStore::CreateSurvey(const Survey& survey) {
  return Guard("create survey", [&]() -> Result<long long> {
    long long id = 0;
    Status st = RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      long long by = survey.created_by_staff_id, at = ToUnix(survey.created_at);
      soci::indicator by_ind = NullIfZero(by);
      *sql << "INSERT INTO surveys (school_id, title, created_by_staff_id, created_at) VALUES "
              "(:s, :t, :b, :a)",
          soci::use(survey.school_id), soci::use(survey.title), soci::use(by, by_ind),
          soci::use(at);
      id = sql.Raw().LastId();
      int position = 0;
      for (const auto& q : survey.questions) {
        ++position;
        std::string kind = QuestionKindName(q.kind);
        std::string options = JoinLines(q.options);
        int faces = q.kind == QuestionKind::kFaces ? q.faces : 0;
        *sql << "INSERT INTO survey_questions (survey_id, position, prompt, kind, faces, options) "
                "VALUES (:s, :p, :q, :k, :f, :o)",
            soci::use(id), soci::use(position), soci::use(q.prompt), soci::use(kind),
            soci::use(faces), soci::use(options);
      }
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return id;
  });
}

Result<std::vector<Survey>> SqlStore::ListSurveys(long long school_id) {
  return ReadGuard("list surveys", [&]() -> Result<std::vector<Survey>> {
    auto sql = pool_.Acquire();
    std::vector<Survey> out;
    soci::rowset<soci::row> rows =
        (sql->prepare
             << "SELECT v.id, v.school_id, v.title, COALESCE(v.created_by_staff_id, 0), "
                "v.created_at, COALESCE(s.name, ''), (SELECT COUNT(*) FROM survey_runs r "
                "WHERE r.survey_id = v.id) FROM surveys v LEFT JOIN staff s ON s.id = "
                "v.created_by_staff_id WHERE v.school_id = :s ORDER BY v.id DESC LIMIT 500",
         soci::use(school_id));
    for (const auto& r : rows) {
      Survey v;
      v.id = Int(r, 0);
      v.school_id = Int(r, 1);
      v.title = Text(r, 2);
      v.created_by_staff_id = Int(r, 3);
      v.created_at = FromUnix(Int(r, 4));
      v.created_by_name = Text(r, 5);
      v.runs = static_cast<int>(Int(r, 6));
      out.push_back(std::move(v));
    }
    return out;
  });
}

Result<Survey> SqlStore::GetSurvey(long long school_id, long long id) {
  return ReadGuard("get survey", [&]() -> Result<Survey> {
    auto sql = pool_.Acquire();
    Survey v;
    bool found = false;
    soci::rowset<soci::row> heads =
        (sql->prepare << "SELECT v.id, v.school_id, v.title, COALESCE(v.created_by_staff_id, 0), "
                         "v.created_at, COALESCE(s.name, '') FROM surveys v LEFT JOIN staff s ON "
                         "s.id = v.created_by_staff_id WHERE v.school_id = :s AND v.id = :i",
         soci::use(school_id), soci::use(id));
    for (const auto& r : heads) {
      found = true;
      v.id = Int(r, 0);
      v.school_id = Int(r, 1);
      v.title = Text(r, 2);
      v.created_by_staff_id = Int(r, 3);
      v.created_at = FromUnix(Int(r, 4));
      v.created_by_name = Text(r, 5);
    }
    if (!found) return Status::NotFound("No such survey");
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT id, position, prompt, kind, faces, options FROM survey_questions "
                         "WHERE survey_id = :i ORDER BY position",
         soci::use(id));
    for (const auto& r : rows) {
      SurveyQuestion q;
      q.id = Int(r, 0);
      q.position = static_cast<int>(Int(r, 1));
      q.prompt = Text(r, 2);
      q.kind = ParseQuestionKind(Text(r, 3)).value_or(QuestionKind::kWords);
      q.faces = static_cast<int>(Int(r, 4));
      q.options = SplitLines(Text(r, 5));
      v.questions.push_back(std::move(q));
    }
    return v;
  });
}

Result<long long> SqlStore::StartSurveyRun(const SurveyRun& run,
                                           const std::vector<NewSurveyCode>& codes) {
  return Guard("start survey run", [&]() -> Result<long long> {
    long long id = 0;
    Status st = RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      long long form = run.form_id, year = run.year_group, at = ToUnix(run.opened_at),
                by = run.opened_by_staff_id;
      soci::indicator form_ind = NullIfZero(form), by_ind = NullIfZero(by);
      soci::indicator year_ind = year < 0 ? soci::i_null : soci::i_ok;
      *sql << "INSERT INTO survey_runs (school_id, survey_id, form_id, year_group, group_label, "
              "opened_at, opened_by_staff_id) VALUES (:s, :v, :f, :y, :l, :a, :b)",
          soci::use(run.school_id), soci::use(run.survey_id), soci::use(form, form_ind),
          soci::use(year, year_ind), soci::use(run.group_label), soci::use(at),
          soci::use(by, by_ind);
      id = sql.Raw().LastId();
      for (const auto& c : codes) {
        long long y = c.year_group;
        *sql << "INSERT INTO survey_codes (run_id, code_hash, year_group, form_name) VALUES "
                "(:r, :h, :y, :f)",
            soci::use(id), soci::use(c.code_hash), soci::use(y), soci::use(c.form_name);
      }
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return id;
  });
}

Result<std::vector<SurveyRun>> SqlStore::ListSurveyRuns(long long school_id, long long survey_id) {
  return ReadGuard("list survey runs", [&]() -> Result<std::vector<SurveyRun>> {
    auto sql = pool_.Acquire();
    std::vector<SurveyRun> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << std::string("SELECT ") + kRunColumns +
                             " FROM survey_runs r WHERE r.school_id = :s AND r.survey_id = :v "
                             "ORDER BY r.opened_at, r.id LIMIT 200",
         soci::use(school_id), soci::use(survey_id));
    for (const auto& r : rows) out.push_back(ReadRun(r));
    return out;
  });
}

Result<SurveyRun> SqlStore::GetSurveyRun(long long school_id, long long id) {
  return ReadGuard("get survey run", [&]() -> Result<SurveyRun> {
    auto sql = pool_.Acquire();
    soci::rowset<soci::row> rows =
        (sql->prepare << std::string("SELECT ") + kRunColumns +
                             " FROM survey_runs r WHERE r.school_id = :s AND r.id = :i",
         soci::use(school_id), soci::use(id));
    for (const auto& r : rows) return ReadRun(r);
    return Status::NotFound("No such survey run");
  });
}

Status SqlStore::CloseSurveyRun(long long school_id, long long id, long long staff_id,
                                Timestamp at) {
  return Guard("close survey run", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long t = ToUnix(at), by = staff_id;
    soci::indicator by_ind = NullIfZero(by);
    soci::statement st =
        (sql->prepare << "UPDATE survey_runs SET closed_at = :t, closed_by_staff_id = :b WHERE "
                         "school_id = :s AND id = :i AND closed_at IS NULL",
         soci::use(t), soci::use(by, by_ind), soci::use(school_id), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 1) return Status::Ok();
    long long rows = 0;
    *sql << "SELECT COUNT(*) FROM survey_runs WHERE school_id = :s AND id = :i", soci::into(rows),
        soci::use(school_id), soci::use(id);
    if (rows == 0) return Status::NotFound("No such survey run");
    return Status::Conflict("This run is already closed");
  });
}

Result<SurveyCodeFound> SqlStore::FindSurveyCode(const std::string& code_hash) {
  return ReadGuard("find survey code", [&]() -> Result<SurveyCodeFound> {
    auto sql = pool_.Acquire();
    soci::rowset<soci::row> rows =
        (sql->prepare << std::string("SELECT ") + kRunColumns +
                             ", c.year_group, c.form_name FROM survey_codes c JOIN survey_runs r "
                             "ON r.id = c.run_id WHERE c.code_hash = :h AND c.used = 0 AND "
                             "r.closed_at IS NULL",
         soci::use(code_hash));
    for (const auto& r : rows) {
      SurveyCodeFound found;
      found.run = ReadRun(r);
      found.year_group = static_cast<int>(Int(r, 11));
      found.form_name = Text(r, 12);
      return found;
    }
    return Status::NotFound("That code did not work");
  });
}

Status SqlStore::SaveSurveyResponse(const std::string& code_hash, Date on,
                                    const std::vector<SurveyAnswer>& answers) {
  return Guard("save survey response", [&]() -> Status {
    return RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      long long run = 0, year = 0;
      std::string form;
      soci::indicator run_ind = soci::i_null;
      // The code is spent first: a second sending of it changes nothing.
      *sql << "UPDATE survey_codes SET used = 1 WHERE code_hash = :h AND used = 0 AND run_id IN "
              "(SELECT id FROM survey_runs WHERE closed_at IS NULL) RETURNING run_id, "
              "year_group, form_name",
          soci::use(code_hash), soci::into(run, run_ind), soci::into(year), soci::into(form);
      if (run_ind == soci::i_null || run == 0) return Status::NotFound("That code did not work");
      std::string day = FormatDate(on);
      *sql << "INSERT INTO survey_responses (run_id, year_group, form_name, answered_on) VALUES "
              "(:r, :y, :f, :d)",
          soci::use(run), soci::use(year), soci::use(form), soci::use(day);
      long long response = sql.Raw().LastId();
      for (const auto& a : answers) {
        long long choice = a.choice;
        soci::indicator choice_ind = choice > 0 ? soci::i_ok : soci::i_null;
        soci::indicator words_ind = a.words.empty() ? soci::i_null : soci::i_ok;
        // Only questions of the code's survey are kept.
        *sql << "INSERT INTO survey_answers (response_id, question_id, choice, words) SELECT :p, "
                "q.id, :c, :w FROM survey_questions q JOIN survey_runs r ON r.survey_id = "
                "q.survey_id WHERE q.id = :q AND r.id = :r",
            soci::use(response), soci::use(choice, choice_ind), soci::use(a.words, words_ind),
            soci::use(a.question_id), soci::use(run);
      }
      return Status::Ok();
    });
  });
}

Result<std::vector<SurveyAnswerCount>> SqlStore::CountSurveyAnswers(long long school_id,
                                                                    long long survey_id) {
  return ReadGuard("count survey answers", [&]() -> Result<std::vector<SurveyAnswerCount>> {
    auto sql = pool_.Acquire();
    std::vector<SurveyAnswerCount> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT p.run_id, a.question_id, a.choice, COUNT(*) FROM survey_answers a "
                         "JOIN survey_responses p ON p.id = a.response_id JOIN survey_runs r ON "
                         "r.id = p.run_id WHERE r.school_id = :s AND r.survey_id = :v AND "
                         "a.choice IS NOT NULL GROUP BY p.run_id, a.question_id, a.choice",
         soci::use(school_id), soci::use(survey_id));
    for (const auto& r : rows) {
      SurveyAnswerCount c;
      c.run_id = Int(r, 0);
      c.question_id = Int(r, 1);
      c.choice = static_cast<int>(Int(r, 2));
      c.count = static_cast<int>(Int(r, 3));
      out.push_back(c);
    }
    return out;
  });
}

Result<std::vector<SurveyWords>> SqlStore::ListSurveyWords(long long school_id,
                                                           long long survey_id) {
  return ReadGuard("list survey words", [&]() -> Result<std::vector<SurveyWords>> {
    auto sql = pool_.Acquire();
    std::vector<SurveyWords> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT p.run_id, a.question_id, a.words FROM survey_answers a JOIN "
                         "survey_responses p ON p.id = a.response_id JOIN survey_runs r ON r.id = "
                         "p.run_id WHERE r.school_id = :s AND r.survey_id = :v AND a.words IS NOT "
                         "NULL ORDER BY p.run_id, a.question_id, a.words LIMIT 5000",
         soci::use(school_id), soci::use(survey_id));
    for (const auto& r : rows) {
      SurveyWords w;
      w.run_id = Int(r, 0);
      w.question_id = Int(r, 1);
      w.words = Text(r, 2);
      out.push_back(std::move(w));
    }
    return out;
  });
}

}  // namespace attune::sql
