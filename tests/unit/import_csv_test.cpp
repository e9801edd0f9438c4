// The MIS import's CSV reader and field readers (src/import/csv_reader.h,
// fields.h): quoted fields, line breaks and quotes inside them, a byte
// order mark, CRLF, the line each row starts on, and the rows refused.
#include <gtest/gtest.h>

#include "import/csv_reader.h"
#include "import/fields.h"
#include "import/zip_reader.h"
#include "model/pupil.h"

namespace attune::import {
namespace {

CsvTable Read(std::string_view text) {
  auto t = ReadCsv("users.csv", text);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *t : CsvTable{};
}

TEST(ImportCsvTest, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  CsvTable t = Read(
      "sourcedId,givenName,note\n"
      "u1,\"O'Neil, Siobhan\",\"said \"\"hello\"\"\"\n"
      "u2,Amir,\"two\nlines\"\n"
      "u3,Zoë,plain\n");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].fields[1], "O'Neil, Siobhan");
  EXPECT_EQ(t.rows[0].fields[2], "said \"hello\"");
  EXPECT_EQ(t.rows[1].fields[2], "two\nlines");
  EXPECT_EQ(t.rows[2].fields[1], "Zoë");
  // Each row's line is where it starts, as an editor numbers the file.
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_EQ(t.rows[1].line, 3);
  EXPECT_EQ(t.rows[2].line, 5);
  EXPECT_TRUE(t.problems.empty());
}

TEST(ImportCsvTest, ByteOrderMarkAndCrlfAreNotPartOfTheData) {
  CsvTable t = Read("\xEF\xBB\xBFsourcedId,role\r\nu1,student\r\n\r\nu2,\"teacher\"\r\n");
  ASSERT_EQ(t.header.size(), 2u);
  EXPECT_EQ(t.header[0], "sourcedId");
  EXPECT_EQ(t.Column("sourcedId"), 0);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields[1], "student");
  EXPECT_EQ(t.rows[1].fields[1], "teacher");
  EXPECT_EQ(t.rows[1].line, 4);  // the blank line 3 is passed over
  // A line break inside quotes with CRLF counts once.
  CsvTable q = Read("a,b\r\n\"x\r\ny\",1\r\nz,2\r\n");
  ASSERT_EQ(q.rows.size(), 2u);
  EXPECT_EQ(q.rows[0].fields[0], "x\r\ny");
  EXPECT_EQ(q.rows[1].line, 4);
}

TEST(ImportCsvTest, ColumnsAreFoundByNameWhateverTheirOrderOrCase) {
  CsvTable t = Read("role,SOURCEDID,givenName\nstudent, u1 ,Amir\n");
  EXPECT_EQ(t.Column("sourcedId"), 1);
  EXPECT_EQ(t.Column("role"), 0);
  EXPECT_EQ(t.Column("email"), -1);
  EXPECT_EQ(t.Field(t.rows[0], t.Column("sourcedId")), "u1");
  EXPECT_EQ(t.Field(t.rows[0], -1), "");
}

TEST(ImportCsvTest, BadRowsAreRefusedWithTheirLineAndTheRestRead) {
  CsvTable t = Read(
      "sourcedId,givenName,familyName\n"
      "u1,Amir,Khan\n"
      "u2,Too,Many,Fields\n"
      "u3,Bad\xFF,Byte\n"
      "u4,Ok,Fine\n"
      "u5,\"never closed,x\n"
      "u6,lost,row\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].fields[0], "u4");
  ASSERT_EQ(t.problems.size(), 3u);
  EXPECT_EQ(t.problems[0].line, 3);
  EXPECT_EQ(t.problems[0].message, "has 4 fields where the header has 3");
  EXPECT_EQ(t.problems[1].line, 4);
  EXPECT_NE(t.problems[1].message.find("givenName is not UTF-8"), std::string::npos);
  EXPECT_EQ(t.problems[2].line, 6);
  EXPECT_NE(t.problems[2].message.find("never closed"), std::string::npos);
}

TEST(ImportCsvTest, AFileThatIsNotCsvIsOneClearMessage) {
  auto empty = ReadCsv("users.csv", "\xEF\xBB\xBF\n\n");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(),
            "users.csv is empty: it should start with a header line naming its columns");
  auto zip = ReadCsv("users.csv", std::string_view("PK\x03\x04rest", 8));
  ASSERT_FALSE(zip.ok());
  EXPECT_NE(zip.status().message().find("zip archive"), std::string::npos);
  auto binary = ReadCsv("users.csv", std::string_view("a,b\n\x00\x01\x02", 7));
  ASSERT_FALSE(binary.ok());
  EXPECT_NE(binary.status().message().find("binary data"), std::string::npos);
  auto twice = ReadCsv("users.csv", "sourcedId,role,sourcedId\n");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().message(), "users.csv:1: the header names \"sourcedId\" twice");
  auto unnamed = ReadCsv("users.csv", "sourcedId,,role\n");
  ASSERT_FALSE(unnamed.ok());
  EXPECT_EQ(unnamed.status().message(), "users.csv:1: column 2 of the header has no name");
}

TEST(ImportFieldsTest, YearGroupsAsEnglishSuppliersWriteThem) {
  EXPECT_EQ(*ParseYearGroup("07"), 7);
  EXPECT_EQ(*ParseYearGroup("7"), 7);
  EXPECT_EQ(*ParseYearGroup("Year 7"), 7);
  EXPECT_EQ(*ParseYearGroup("Y11"), 11);
  EXPECT_EQ(*ParseYearGroup("Yr 10"), 10);
  EXPECT_EQ(*ParseYearGroup("R"), 0);
  EXPECT_EQ(*ParseYearGroup("Reception"), 0);
  EXPECT_FALSE(ParseYearGroup("KG").ok());
  EXPECT_FALSE(ParseYearGroup("Year 15").ok());
  EXPECT_FALSE(ParseYearGroup("07,08").ok());
  // A sign is not dropped: negative and signed year groups are refused.
  EXPECT_EQ(*ParseYearGroup("0"), 0);
  EXPECT_EQ(*ParseYearGroup("YR"), 0);
  for (const char* bad : {"-1", "-7", "Y-9", "Year -7", "Year-7", "+7", "- 7", "-0"}) {
    EXPECT_FALSE(ParseYearGroup(bad).ok()) << bad;
    EXPECT_FALSE(ParseClassYearGroup(bad).ok()) << bad;
  }
  EXPECT_EQ(*ParseClassYearGroup("08,07"), 7);
  EXPECT_NE(ParseYearGroup("KG").status().message().find("\"Year 7\""), std::string::npos);
}

TEST(ImportFieldsTest, NamesAreOneLineOfAtMost120Characters) {
  EXPECT_TRUE(CheckName("givenName", "Zoë").ok());
  std::string accents;
  for (int i = 0; i < 120; ++i) accents += "é";  // 240 bytes, 120 characters
  EXPECT_TRUE(CheckName("givenName", accents).ok());
  EXPECT_FALSE(CheckName("givenName", accents + "e").ok());
  for (const char* bad : {"Line\nBreak", "Tab\tbed", "Bell\x07", "Del\x7f", "C1\xc2\x85"}) {
    Status st = CheckName("givenName", bad);
    EXPECT_FALSE(st.ok()) << bad;
    EXPECT_NE(st.message().find("givenName holds a line break"), std::string::npos);
  }
  EXPECT_NE(CheckName("form", std::string(5000, '7')).message().find("form is 5000 characters"),
            std::string::npos);
}

TEST(ImportFieldsTest, ADateOfBirthIsNotInTheFuture) {
  Date today = *ParseDate("2026-12-07");
  EXPECT_EQ(*ParseBirthDate("2014-05-05", today), *ParseDate("2014-05-05"));
  EXPECT_TRUE(ParseBirthDate("2026-12-07", today).ok());
  EXPECT_NE(ParseBirthDate("2026-12-08", today).status().message().find("is in the future"),
            std::string::npos);
  EXPECT_FALSE(ParseBirthDate("31/12/2014", today).ok());
}

TEST(ImportFieldsTest, CsvFileNamesInAnyCase) {
  EXPECT_EQ(CsvFileName("users.csv"), "users.csv");
  EXPECT_EQ(CsvFileName("USERS.CSV"), "users.csv");
  EXPECT_EQ(CsvFileName("ACADEMICSESSIONS.CSV"), "academicSessions.csv");
  EXPECT_EQ(CsvFileName("Extra.Csv"), "Extra.csv");
  EXPECT_EQ(CsvFileName("users.txt"), "");
}

TEST(ImportFieldsTest, UpnsPassTheDfeCheckLetter) {
  std::string digits = "820200126001";
  std::string upn = UpnCheckLetter(digits) + digits;
  EXPECT_TRUE(CheckUpn(upn).ok()) << upn;
  std::string typo = upn;
  typo[5] = typo[5] == '9' ? '8' : '9';
  EXPECT_NE(CheckUpn(typo).message().find("check letter"), std::string::npos);
  EXPECT_NE(CheckUpn("A12345").message().find("13"), std::string::npos);
  std::string temporary = "82020012600A";  // a temporary UPN ends with a letter
  EXPECT_TRUE(CheckUpn(UpnCheckLetter(temporary) + temporary).ok());
}

TEST(ImportFieldsTest, SexDatesAndFlags) {
  EXPECT_EQ(*ParseSex("female"), "F");
  EXPECT_EQ(*ParseSex("Male"), "M");
  EXPECT_FALSE(ParseSex("unspecified").has_value());
  EXPECT_TRUE(ParseExportDate("2013-09-01").ok());
  EXPECT_TRUE(ParseExportDate("2013-09-01T00:00:00Z").ok());
  EXPECT_FALSE(ParseExportDate("01/09/2013").ok());
  EXPECT_FALSE(ParseExportDate("2013-02-30").ok());
  EXPECT_EQ(*ParseYesNo("Yes"), true);
  EXPECT_EQ(*ParseYesNo("0"), false);
  EXPECT_FALSE(ParseYesNo("perhaps").has_value());
}

}  // namespace
}  // namespace attune::import
