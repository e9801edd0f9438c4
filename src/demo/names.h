// Name lists for the demo school: pupils, staff, parents and carers, schools.
//
// Every name is fictional in combination: first names and surnames are
// drawn separately, and IsFamousName() turns away the few combinations that
// would read as a well-known person. Lists are mixed-heritage, as a school
// in England is; which list a person's names come from follows their
// (demo) ethnicity, with plenty of crossing over.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attune::demo {

// Broad families of names. Not an ethnicity: only where names are drawn from.
enum class Heritage {
  kBritish,
  kIrish,
  kEuropean,
  kSouthAsian,
  kAfrican,
  kCaribbean,
  kChinese,
  kOther,  // Middle Eastern, Central Asian, Filipino, Latin American
};

// First names of children born 2010–2016. `sex` is "F" or "M".
const std::vector<std::string>& ChildFirstNames(Heritage heritage, std::string_view sex);
// First names of adults (staff, parents and carers).
const std::vector<std::string>& AdultFirstNames(Heritage heritage, std::string_view sex);
const std::vector<std::string>& Surnames(Heritage heritage);

// The everyday short form of a first name ("Alexander" -> "Alex"), or ""
// when there is no usual one.
std::string ShortForm(std::string_view first_name);

// True for the few first+last combinations that name a well-known person.
bool IsFamousName(std::string_view first_name, std::string_view last_name);

// The demo school's name without the "(demo)" mark, for school 1, 2, ...
std::string SchoolBaseName(int school);

// Lower-case ASCII for an email address: letters and digits kept, accents
// dropped ("Zoë" -> "zoe"), anything else removed.
std::string EmailPart(std::string_view name);

}  // namespace attune::demo
