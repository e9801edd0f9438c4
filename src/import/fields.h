// Reading the values an MIS export holds: year groups in the forms English
// suppliers write them, UPNs with their DfE check letter, sex, yes/no
// flags (a UPN's check: model/pupil.h, CheckUpn). Each returns nullopt, or an Invalid status whose
// message says what was found and what would do, for a value it does not understand.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace attune::import {

// A year group from OneRoster's grades or a plain CSV: "07", "7", "Year 7",
// "Y7", "Yr 7" give 7; "R", "Reception", "YR" and "0" give 0; 0 to 14.
// Invalid for anything else: a sign ("-1", "Y-9"), a list of several
// ("07,08") among them.
Result<int> ParseYearGroup(std::string_view text);

// The lowest year group of a class's grades, which may list several
// ("07,08"); Invalid when one of them is not understood.
Result<int> ParseClassYearGroup(std::string_view text);

// "F" or "M" from "female", "male", "F", "M" (any case); nullopt for
// anything else ("other", "unspecified", ""), which the census does not
// record.
std::optional<std::string> ParseSex(std::string_view text);

// "yes"/"no", "true"/"false", "1"/"0", "y"/"n" (any case); nullopt for
// anything else.
std::optional<bool> ParseYesNo(std::string_view text);

// A date as OneRoster writes it, "YYYY-MM-DD" (a time after a "T" is
// ignored); Invalid with the value in the message.
Result<Date> ParseExportDate(std::string_view text);

}  // namespace attune::import
