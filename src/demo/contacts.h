// Parents and carers for demo pupils: one or two contacts each, with
// fictional phone numbers in Ofcom's drama range (07700 900000–900999) and
// example.com email addresses.
#pragma once

#include <vector>

#include "demo/names.h"
#include "demo/random.h"
#include "model/pupil.h"

namespace attune::demo {

// Contacts for `pupil` (pupil_id set, priority 1 first). A looked-after
// pupil's first contact is their foster carer, then their social worker.
// `heritage` is where the family's names are drawn from.
std::vector<Contact> MakeContacts(DemoRandom& random, const Pupil& pupil, Heritage heritage);

}  // namespace attune::demo
