// The demo school for `make run`: create it when the database is empty and
// print one sign-in per role.
#pragma once

#include <ostream>

#include "storage/store.h"

namespace attune::cli {

// Generates the default demo school if the database holds no school.
Status EnsureDemo(Store& store);

// Prints the demo sign-ins that exist in `store`.
void PrintDemoSignIns(Store& store, std::ostream& out);

}  // namespace attune::cli
