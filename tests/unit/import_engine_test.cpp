// The MIS import engine on a real store (src/import/importer.h): a small
// OneRoster export created, imported again with nothing changed, changed
// (a pupil moves year and form, one leaves and comes back, a teacher
// leaves), and bad rows named by file and line while the rest imports.
#include <gtest/gtest.h>

#include "import/importer.h"
#include "test_store.h"

namespace attune::import {
namespace {

std::string Upn(const std::string& digits) { return UpnCheckLetter(digits) + digits; }

// A school of three pupils, two staff, a form and a teaching group.
struct Files {
  std::string users =
      "sourcedId,status,orgSourcedIds,role,givenName,familyName,identifier,email,grades\n"
      "t1,active,s1,teacher,Rose,Okafor,,r.okafor@oak.example,\n"
      "t2,active,s1,aide,Ben,Hall,,b.hall@oak.example,\n"
      "p1,active,s1,student,Amir,Khan," +
      Upn("820200126001") +
      ",,07\n"
      "p2,active,s1,student,Lily,Evans," +
      Upn("820200126002") +
      ",,07\n"
      "p3,active,s1,student,Noah,Price," +
      Upn("820200126003") + ",,07\n";
  std::string demographics =
      "sourcedId,birthDate,sex\n"
      "p1,2014-10-02,male\np2,2015-01-20,female\np3,2014-12-11,male\n";
  std::string classes =
      "sourcedId,title,classCode,classType,courseSourcedId,schoolSourcedId,grades,termSourcedIds\n"
      "f7a,7A,7A,homeroom,reg7,s1,07,y1\n"
      "f7b,7B,7B,homeroom,reg7,s1,07,y1\n"
      "g1,Year 7 Mathematics,7x/Ma1,scheduled,ma7,s1,07,y1\n";
  std::string enrollments =
      "sourcedId,classSourcedId,schoolSourcedId,userSourcedId,role,primary\n"
      "e1,f7a,s1,t1,teacher,true\n"
      "e2,f7a,s1,p1,student,false\ne3,f7a,s1,p2,student,false\ne4,f7b,s1,p3,student,false\n"
      "e5,g1,s1,t1,teacher,true\ne6,g1,s1,p1,student,false\ne7,g1,s1,p2,student,false\n"
      "e8,g1,s1,p3,student,false\n";

  ExportFiles Export() const {
    return {
        {"manifest.csv",
         "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\n"
         "file.orgs,bulk\nfile.academicSessions,bulk\nfile.courses,bulk\nfile.classes,bulk\n"
         "file.users,bulk\nfile.enrollments,bulk\nfile.demographics,bulk\n"},
        {"orgs.csv", "sourcedId,name,type,identifier\ns1,Oak Academy,school,100001\n"},
        {"academicSessions.csv",
         "sourcedId,title,type,startDate,endDate\ny1,2026/27,schoolYear,2026-09-01,2027-07-23\n"},
        {"courses.csv", "sourcedId,title,orgSourcedId\nreg7,Registration,s1\nma7,Mathematics,s1\n"},
        {"users.csv", users},
        {"demographics.csv", demographics},
        {"classes.csv", classes},
        {"enrollments.csv", enrollments}};
  }
};

class ImportEngineTest : public testing::StoreTest {
 protected:
  ImportReport Import(const Files& files) {
    ImportOptions options;
    options.source = "test";
    auto report = RosterImport(*store_).OneRoster(files.Export(), options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : ImportReport{};
  }
  const Pupil* Find(const std::vector<Pupil>& pupils, const std::string& first) {
    for (const auto& p : pupils) {
      if (p.first_name == first) return &p;
    }
    return nullptr;
  }
};

TEST_F(ImportEngineTest, ASecondRunOfTheSameExportChangesNothing) {
  Files files;
  ImportReport first = Import(files);
  // The database's only school is the export's.
  EXPECT_EQ(first.Count(Kind::kSchools).updated, 1);
  EXPECT_EQ(first.Count(Kind::kPupils).created, 3);
  EXPECT_EQ(first.Count(Kind::kStaff).created, 2);
  EXPECT_EQ(first.Count(Kind::kForms).created, 2);
  EXPECT_EQ(first.Count(Kind::kGroups).created, 1);
  EXPECT_EQ(first.members_added, 4);  // three pupils and their teacher
  EXPECT_EQ(first.bad_row_count, 0) << first.Summary();
  EXPECT_EQ(store_->GetSchool(school_id_)->name, "Oak Academy");
  auto staff = store_->ListStaff(school_id_);
  ASSERT_EQ(staff->size(), 2u);
  for (const auto& s : *staff) {
    EXPECT_TRUE(s.password_hash.empty());  // no password until invited
    EXPECT_EQ(s.role, s.name == "Ben Hall" ? Role::kSupport : Role::kTeacher);
  }

  ImportReport second = Import(files);
  EXPECT_TRUE(second.NothingChanged()) << second.Summary();
  EXPECT_EQ(second.Count(Kind::kPupils).unchanged, 3);
  EXPECT_NE(second.Summary().find("Nothing changed"), std::string::npos);
}

TEST_F(ImportEngineTest, AChangedExportUpdatesMarksLeftAndBringsBack) {
  Files files;
  Import(files);
  Files next = files;
  // Noah moves to 7A; Lily has left; the teaching assistant has left.
  next.enrollments = files.enrollments;
  next.enrollments.replace(next.enrollments.find("e4,f7b"), 6, "e4,f7a");
  for (const char* gone : {"e3,f7a,s1,p2,student,false\n", "e7,g1,s1,p2,student,false\n"}) {
    next.enrollments.erase(next.enrollments.find(gone), std::string(gone).size());
  }
  next.users.erase(next.users.find("p2,"), next.users.find("p3,") - next.users.find("p2,"));
  next.users.erase(next.users.find("t2,"), next.users.find("p1,") - next.users.find("t2,"));
  next.demographics.erase(next.demographics.find("p2,"), 21);
  ImportReport changed = Import(next);
  EXPECT_EQ(changed.Count(Kind::kPupils).updated, 1) << changed.Summary();
  EXPECT_EQ(changed.Count(Kind::kPupils).left, 1);
  EXPECT_EQ(changed.Count(Kind::kStaff).left, 1);
  EXPECT_EQ(changed.members_removed, 1);  // Lily out of 7x/Ma1
  EXPECT_EQ(changed.bad_row_count, 0) << changed.Summary();
  PupilFilter all;
  all.include_left = true;
  all.limit = 100;
  auto pupils = store_->ListPupils(school_id_, all);
  ASSERT_EQ(pupils->size(), 3u);  // no one deleted
  ASSERT_NE(Find(*pupils, "Lily"), nullptr);
  EXPECT_TRUE(Find(*pupils, "Lily")->left_on.has_value());
  EXPECT_EQ(Find(*pupils, "Noah")->form_name, "7A");
  EXPECT_EQ(*store_->CountPupils(school_id_), 2);  // on roll
  EXPECT_EQ(store_->ListProfileSaves(school_id_)->size(), 2u);  // no profile review for her
  EXPECT_FALSE(store_->FindStaffByEmail("b.hall@oak.example")->active);

  ImportReport back = Import(files);
  EXPECT_EQ(back.Count(Kind::kPupils).back, 1) << back.Summary();
  EXPECT_EQ(back.Count(Kind::kStaff).back, 1);
  EXPECT_EQ(*store_->CountPupils(school_id_), 3);
  EXPECT_TRUE(store_->FindStaffByEmail("b.hall@oak.example")->active);
}

TEST_F(ImportEngineTest, BadRowsAreNamedByFileAndLineAndTheRestImports) {
  Files files;
  files.users += "p4,active,s1,student,Ella,,820200126004,,07\n";     // line 7: no surname
  files.users += "p5,active,s1,student,Zac,Reed,X20200126005,,07\n";  // line 8: bad UPN
  files.users += "p1,active,s1,student,Amir,Again,,,07\n";            // line 9: id twice
  files.users += "p6,active,s1,student,Mia,Cole," + Upn("820200126006") + ",,Year 15\n";
  files.demographics += "p9,2014-01-01,female\n";        // unknown user
  files.enrollments += "e9,nope,s1,p1,student,false\n";  // unknown class
  ImportReport report = Import(files);
  EXPECT_EQ(report.Count(Kind::kPupils).created, 3);
  std::vector<std::string> where;
  for (const auto& p : report.bad_rows) where.push_back(p.Text());
  auto has = [&](const std::string& text) {
    for (const auto& w : where) {
      if (w.find(text) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("users.csv:7: familyName is empty")) << report.Summary();
  EXPECT_TRUE(has("users.csv:8: UPN \"X20200126005\""));
  EXPECT_TRUE(has("users.csv:9: sourcedId \"p1\" is used twice: line 4 has it too"));
  EXPECT_TRUE(has("users.csv:10: grades \"Year 15\" is not a year group"));
  EXPECT_TRUE(has("demographics.csv:5: sourcedId \"p9\" is not in users.csv"));
  EXPECT_TRUE(has("enrollments.csv:10: classSourcedId \"nope\" is not in classes.csv"));
  EXPECT_EQ(report.bad_row_count, 6);
}

TEST_F(ImportEngineTest, AnExportThatCannotBeReadWritesNothing) {
  Files files;
  ExportFiles broken = files.Export();
  broken["users.csv"] = "givenName,familyName\nAmir,Khan\n";
  auto report = RosterImport(*store_).OneRoster(broken, ImportOptions{});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("users.csv:1: the header has no column \"sourcedId\""),
            std::string::npos);
  broken = files.Export();
  std::string& manifest = broken["manifest.csv"];
  manifest.replace(manifest.find("file.users,bulk"), 15, "file.users,delta");
  report = RosterImport(*store_).OneRoster(broken, ImportOptions{});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("delta"), std::string::npos);
  EXPECT_EQ(*store_->CountPupils(school_id_), 0);
}

TEST_F(ImportEngineTest, ADryRunWritesNothing) {
  Files files;
  ImportOptions options;
  options.dry_run = true;
  auto report = RosterImport(*store_).OneRoster(files.Export(), options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->Count(Kind::kPupils).created, 3);
  EXPECT_EQ(*store_->CountPupils(school_id_), 0);
  EXPECT_TRUE(store_->ListStaff(school_id_)->empty());
}

TEST_F(ImportEngineTest, APlainPupilsCsvAddsAndUpdatesButMarksNoOneLeft) {
  std::string csv = "upn,first_name,last_name,date_of_birth,year_group,sex,form,sen\n" +
                    Upn("820200126001") + ",Amir,Khan,2014-10-02,7,M,7A,K\n" + Upn("820200126002") +
                    ",Lily,Evans,2015-01-20,Year 7,F,7A,\n";
  ImportOptions options;
  options.school_id = school_id_;
  auto first = RosterImport(*store_).PlainCsv(PlainKind::kPupils, "pupils.csv", csv, options);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->Count(Kind::kPupils).created, 2) << first->Summary();
  EXPECT_EQ(first->Count(Kind::kForms).created, 1);
  std::string fewer = csv.substr(0, csv.rfind(Upn("820200126002")));
  auto second = RosterImport(*store_).PlainCsv(PlainKind::kPupils, "pupils.csv", fewer, options);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->Count(Kind::kPupils).left, 0);
  EXPECT_TRUE(second->NothingChanged()) << second->Summary();
  EXPECT_EQ(*store_->CountSen(school_id_), std::make_pair(1, 0));
}

}  // namespace
}  // namespace attune::import
