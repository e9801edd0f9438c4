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

// The longest name an import keeps, in characters (a pupil's first or last
// or preferred name, a member of staff's name or job title, a form's or
// teaching group's name): what attune's own staff form takes.
inline constexpr size_t kMaxImportedName = 120;

// Ok, or Invalid naming `column` and what is wrong with `value`: a line
// break, tab or other control character, or more than kMaxImportedName
// characters.
Status CheckName(std::string_view column, std::string_view value);

// A date of birth (ParseExportDate), Invalid when after `today` too.
Result<Date> ParseBirthDate(std::string_view text, Date today);

// A date as OneRoster writes it, "YYYY-MM-DD" (a time after a "T" is
// ignored); Invalid with the value in the message.
Result<Date> ParseExportDate(std::string_view text);

}  // namespace attune::import
