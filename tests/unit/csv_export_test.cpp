// CsvWriter: quoting and the formula guard of every list's download.
#include "web/csv_export.h"

#include <gtest/gtest.h>

namespace attune::web {
namespace {

TEST(CsvWriter, PlainCellsAreWrittenAsTheyAre) {
  CsvWriter csv;
  csv.Row({"Name", "Year"});
  csv.Row({"Amélie Jones", "9"});
  EXPECT_EQ(csv.text(), "Name,Year\r\nAmélie Jones,9\r\n");
  EXPECT_EQ(csv.rows(), 2);
}

TEST(CsvWriter, CommasQuotesAndLineBreaksAreQuoted) {
  CsvWriter csv;
  csv.Row({"Smith, Jo", "said \"no\"", "line one\nline two", ""});
  EXPECT_EQ(csv.text(), "\"Smith, Jo\",\"said \"\"no\"\"\",\"line one\nline two\",\r\n");
}

TEST(CsvWriter, CellsASpreadsheetWouldRunAreDisarmed) {
  CsvWriter csv;
  csv.Row({"=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "a=b"});
  EXPECT_EQ(csv.text(), "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),a=b\r\n");
}

}  // namespace
}  // namespace attune::web
