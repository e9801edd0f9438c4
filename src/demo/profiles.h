// Personal profiles for demo pupils, as if written with the pupil: ticked
// communication preferences, what helps, triggers and anxieties, strengths
// and the pupil's own words.
//
// Wording is calm, respectful and strength-based (DESIGN.md §3): it says
// what adults can do, never labels the child.
#pragma once

#include <string>
#include <vector>

#include "demo/random.h"
#include "model/pupil.h"

namespace attune::demo {

// A profile for `pupil` (pupil_id set). Pupils with SEN or who are looked
// after get a fuller one.
PupilProfile MakeProfile(DemoRandom& random, const Pupil& pupil);

}  // namespace attune::demo
