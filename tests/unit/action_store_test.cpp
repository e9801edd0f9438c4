// The follow-up queue's store: open actions by when they are due, those with
// no due time last, paged across that edge; and the due groups' counts,
// checked against a count made here row by row.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <optional>
#include <tuple>
#include <vector>

#include "test_store.h"

namespace attune {
namespace {

constexpr long long kNow = 1780000000;

class ActionStoreTest : public testing::DemoSchoolTest {
 protected:
  struct Made {
    long long id;
    std::optional<long long> due;
    std::string kind;
    std::string role;
    bool open;
  };

  void SetUp() override {
    DemoSchoolTest::SetUp();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "attune.db").c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db,
                                 "INSERT INTO actions (school_id, kind, label, assignee_role, "
                                 "due_at, status, created_at) VALUES (?1, ?2, 'A test', ?3, ?4, "
                                 "?5, ?6)",
                                 -1, &st, nullptr),
              SQLITE_OK);
    // 70 actions: due from three days ago to ten days ahead, several at the
    // same second, every seventh with no due time, every ninth done; two
    // kinds, two roles.
    for (int i = 0; i < 70; ++i) {
      Made m;
      if (i % 7 != 3) m.due = kNow + (static_cast<long long>(i * 37 % 13) - 3) * 86400 + i % 2;
      m.kind = i % 3 == 0 ? "meeting" : "phone_call_home";
      m.role = i % 4 == 0 ? "senco" : "pastoral";
      m.open = i % 9 != 5;
      sqlite3_bind_int64(st, 1, school_);
      sqlite3_bind_text(st, 2, m.kind.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 3, m.role.c_str(), -1, SQLITE_TRANSIENT);
      if (m.due) {
        sqlite3_bind_int64(st, 4, *m.due);
      } else {
        sqlite3_bind_null(st, 4);
      }
      sqlite3_bind_text(st, 5, m.open ? "open" : "done", -1, SQLITE_STATIC);
      sqlite3_bind_int64(st, 6, kNow - 86400);
      ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
      sqlite3_reset(st);
      m.id = sqlite3_last_insert_rowid(db);
      made_.push_back(m);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
  }

  ActionQuery Open() const {
    ActionQuery q;
    q.school_id = school_;
    q.viewer_role = "pastoral";
    return q;
  }
  // What the queue must show for `q` (open, of `kind` if set), made here.
  std::vector<long long> Expected(const ActionQuery& q) const {
    std::vector<const Made*> rows;
    for (const auto& m : made_) {
      if (m.open && (q.kind.empty() || m.kind == q.kind) && (q.role.empty() || m.role == q.role)) {
        rows.push_back(&m);
      }
    }
    std::sort(rows.begin(), rows.end(), [](const Made* a, const Made* b) {
      return std::make_tuple(!a->due, a->due.value_or(0), a->id) <
             std::make_tuple(!b->due, b->due.value_or(0), b->id);
    });
    std::vector<long long> out;
    for (const Made* m : rows) out.push_back(m->id);
    return out;
  }
  // Every page of `q`, `size` at a time, joined.
  std::vector<long long> Paged(ActionQuery q, int size) {
    std::vector<long long> out;
    q.limit = size;
    for (q.offset = 0;; q.offset += size) {
      auto page = store_->ListActions(q);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      if (!page.ok() || page->empty()) break;
      EXPECT_LE(static_cast<int>(page->size()), size);
      for (const auto& a : *page) out.push_back(a.id);
    }
    return out;
  }

  std::vector<Made> made_;
};

TEST_F(ActionStoreTest, OpenActionsComeByDueTimeThoseWithNoneLastOnEveryPageSize) {
  std::vector<long long> expected = Expected(Open());
  ASSERT_GT(expected.size(), 50u);
  for (int size : {1, 4, 7, 25, 100}) EXPECT_EQ(Paged(Open(), size), expected) << size;
  ActionQuery meetings = Open();
  meetings.kind = "meeting";
  EXPECT_EQ(Paged(meetings, 5), Expected(meetings));
  ActionQuery senco = Open();
  senco.role = "senco";
  EXPECT_EQ(Paged(senco, 3), Expected(senco));
}

TEST_F(ActionStoreTest, APageWhollyAmongThoseWithNoDueTimeStartsWhereItShould) {
  std::vector<long long> expected = Expected(Open());
  ActionQuery q = Open();
  q.limit = 2;
  q.offset = static_cast<int>(expected.size()) - 3;  // the last three are undated
  auto page = store_->ListActions(q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].id, expected[expected.size() - 3]);
  EXPECT_FALSE((*page)[0].due_at.has_value());
  q.offset = static_cast<int>(expected.size()) + 4;
  EXPECT_TRUE(store_->ListActions(q)->empty());
}

TEST_F(ActionStoreTest, TheDueGroupsAreCountedAsTheRowsSay) {
  DueEdges edges;
  edges.now = FromUnix(kNow);
  edges.end_of_today = FromUnix(kNow + 86400 / 2);
  edges.end_of_week = FromUnix(kNow + 4 * 86400);
  for (const char* kind : {"", "meeting"}) {
    ActionQuery q = Open();
    q.kind = kind;
    ActionCounts want;
    for (const auto& m : made_) {
      if (!m.open || (!q.kind.empty() && m.kind != q.kind)) continue;
      ++want.total;
      if (!m.due) {
        ++want.undated;
      } else if (*m.due < kNow) {
        ++want.overdue;
      } else if (*m.due < kNow + 86400 / 2) {
        ++want.today;
      } else if (*m.due < kNow + 4 * 86400) {
        ++want.week;
      } else {
        ++want.later;
      }
    }
    auto got = store_->CountActions(q, edges);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(std::tie(got->total, got->overdue, got->today, got->week, got->later, got->undated),
              std::tie(want.total, want.overdue, want.today, want.week, want.later, want.undated))
        << "kind '" << kind << "'";
    EXPECT_GT(want.overdue * want.today * want.week * want.later * want.undated, 0);
  }
  ActionQuery done = Open();
  done.status = "done";
  EXPECT_EQ(store_->CountActions(done, edges)->total, 8);
}

}  // namespace
}  // namespace attune
