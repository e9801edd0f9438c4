#include "demo/profiles.h"

#include <algorithm>

namespace attune::demo {

namespace {

const std::vector<std::string> kWhatHelps = {
    "A quiet check-in with a trusted adult at the start of the day.",
    "Being given a job or a responsibility in the lesson.",
    "Movement breaks: a short errand or a moment to stretch.",
    "Sitting near the door, away from the busiest part of the room.",
    "Seeing the plan for the lesson on the board so there are no surprises.",
    "Time to talk things through once calm, not straight away.",
    "Headphones during independent work.",
    "Tasks broken into small steps with a clear finishing point.",
    "Being reminded, quietly, of what has already gone well.",
    "Something to hold or fiddle with while listening.",
    "Knowing which adult to go to when worried.",
    "An agreed calm space to go to when things feel like too much.",
    "A warm greeting at the door by name.",
    "Written instructions to look back at.",
    "A heads-up before being asked to answer in front of the class.",
    "Working with a familiar partner.",
    "A brief walk with an adult to reset before returning to class.",
    "Humour, used kindly, to ease a tense moment.",
};

const std::vector<std::string> kTriggers = {
    "Sudden changes, such as a cover lesson or a room change, without warning.",
    "Loud, crowded spaces, especially the corridor at lesson changeover.",
    "Being asked to read aloud without notice.",
    "Feeling singled out in front of other pupils.",
    "Unstructured times: break and lunch can feel hard.",
    "Not understanding a task and worrying about getting it wrong.",
    "Being crowded or touched when already upset.",
    "Raised voices, even when they are not aimed at them.",
    "Tiredness after a difficult evening or a poor night's sleep.",
    "Falling-outs with friends that carry over from outside school.",
    "Feeling hungry; breakfast club makes a difference.",
    "Tests and timed tasks.",
    "Feeling that something is unfair and not being heard.",
    "Transitions between activities when the next step is unclear.",
    "Strong smells and bright light in the dining hall.",
};

const std::vector<std::string> kStrengths = {
    "Kind and patient with younger pupils.",
    "Creative, with a real talent for drawing and design.",
    "A great sense of humour that lifts the room.",
    "Knows a huge amount about animals and the natural world.",
    "A loyal friend who notices when others are upset.",
    "Sporty and a committed member of a school team.",
    "Persistent with practical tasks; loves building and fixing things.",
    "A keen reader with a wide vocabulary.",
    "Confident with technology and happy to help others with it.",
    "Musical, and enjoys performing.",
    "Honest, and will talk things through once calm.",
    "Takes a responsibility seriously when trusted with one.",
    "Asks thoughtful questions in science.",
    "Caring towards younger siblings and proud of it.",
    "A good listener in small-group work.",
    "Brave about trying again after a setback.",
    "Brings energy and ideas to drama and group tasks.",
    "Organised, and likes to help keep the classroom tidy.",
};

const char* const kAboutKeyAdult = "My key adult helps me sort things out when they go wrong.";

const std::vector<std::string> kPupilVoice = {
    "I work best when I know what is happening next.",
    "If I go quiet, I'm thinking, not ignoring you.",
    "I like it when adults tell me what I did well, but quietly.",
    "When I'm upset I need a few minutes before I can talk.",
    "I want people to know I'm trying, even when it doesn't look like it.",
    "Please don't ask me to read out in front of everyone.",
    "Art is the lesson where I feel most like myself.",
    "It helps when someone checks I've understood the task.",
    "I'd like to help out more, like giving out the books.",
    "Loud corridors make my head feel busy, so leaving a minute early helps.",
    kAboutKeyAdult,
    "I find it easier to say how I feel if I can write it down.",
    "I like having a job to do at lunchtime.",
    "When I get something wrong, I want a chance to fix it.",
    "Sometimes mornings are hard. A smile at the door makes a difference.",
    "I'm good at football and I'd like people to see that side of me.",
    "I don't always know why I'm cross. Give me time and I'll tell you.",
    "I like it when teachers use my name and say hello.",
};

// `count` distinct items of `pool`, in the pool's order.
std::vector<std::string> Choose(DemoRandom& random, const std::vector<std::string>& pool,
                                int count) {
  std::vector<size_t> order(pool.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  random.Shuffle(order);
  order.resize(std::min(order.size(), static_cast<size_t>(count)));
  std::sort(order.begin(), order.end());
  std::vector<std::string> out;
  for (size_t i : order) out.push_back(pool[i]);
  return out;
}

std::string Join(const std::vector<std::string>& sentences) {
  std::string out;
  for (const auto& s : sentences) out += (out.empty() ? "" : " ") + s;
  return out;
}

}  // namespace

PupilProfile MakeProfile(DemoRandom& random, const Pupil& pupil) {
  bool fuller = pupil.sen != SenStatus::kNone || pupil.looked_after;
  PupilProfile p;
  p.pupil_id = pupil.id;
  p.communication = Choose(random, CommunicationPreferences(),
                           fuller ? random.Between(3, 5) : random.Between(1, 3));
  p.what_helps =
      Join(Choose(random, kWhatHelps, fuller ? random.Between(2, 4) : random.Between(1, 2)));
  p.triggers = Join(Choose(random, kTriggers, fuller ? random.Between(2, 3) : 1));
  p.strengths = Join(Choose(random, kStrengths, random.Between(2, 3)));
  std::vector<std::string> voice = kPupilVoice;
  if (pupil.key_adult_staff_id == 0) {
    voice.erase(std::remove(voice.begin(), voice.end(), kAboutKeyAdult), voice.end());
  }
  p.pupil_voice = Join(Choose(random, voice, random.Between(1, 2)));
  // Written by the key adult with the child, today (decision 0028).
  p.reviewed_with_pupil_on = LondonDate(Now());
  return p;
}

}  // namespace attune::demo
