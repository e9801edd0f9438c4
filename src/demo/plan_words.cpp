#include "demo/plan_words.h"

#include <cstring>
#include <utility>

namespace attune::demo {

using nlohmann::json;

std::string FillNames(std::string text, const PlanPeople& p) {
  const std::pair<const char*, const std::string*> names[] = {
      {"{child}", &p.child}, {"{parent}", &p.parent}, {"{parent_words}", &p.parent_words},
      {"{tutor}", &p.tutor}, {"{lsa}", &p.lsa},       {"{key_adult}", &p.key_adult},
      {"{slt}", &p.slt},     {"{mentor}", &p.mentor}, {"{pastoral}", &p.pastoral}};
  for (const auto& [key, value] : names) {
    for (size_t at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value->size())) {
      text.replace(at, std::strlen(key), *value);
    }
  }
  return text;
}

std::string PickWords(DemoRandom& random, const std::vector<std::string>& bank,
                      const PlanPeople& p) {
  return FillNames(random.Pick(bank), p);
}

// A view, with who gave it.
json View(const std::string& text, const std::string& by) {
  return {{"text", text}, {"given_by", by}};
}

namespace {

json Target(const std::string& target, const std::string& responsible, const PlanPeople& p) {
  return {{"target", FillNames(target, p)}, {"responsible", FillNames(responsible, p)}};
}

// The people at a plan's meetings, each once.
json Invited(const PlanPeople& p) {
  json out = json::array();
  auto add = [&](const std::string& name, const std::string& as) {
    if (name.empty()) return;
    for (const auto& n : out) {
      if (n.get<std::string>().rfind(name, 0) == 0) return;
    }
    out.push_back(name + " (" + as + ")");
  };
  add(p.child, "the child");
  add(p.parent, p.parent_words);
  add(p.tutor, "class teacher");
  add(p.key_adult, "key adult");
  add(p.slt, "SLT");
  return out;
}

}  // namespace

json WapStart(DemoRandom& random, const PlanPeople& p, Date on,
              const std::vector<long long>& incidents, const std::string& after_dpr) {
  json out;
  out["date_of_first_meeting"] = FormatDate(on);
  out["people_invited"] = Invited(p);
  if (random.Chance(0.3) && !p.key_adult.empty() && p.key_adult != p.tutor) {
    out["apologies"] = json::array({p.key_adult + " (key adult)"});
  }
  out["key_workers"] = p.key_adult.empty() || p.key_adult == p.lsa
                           ? json::array({p.lsa})
                           : json::array({p.key_adult, p.lsa});
  out["slt"] = p.slt;
  if (!incidents.empty()) out["incidents"] = incidents;
  out["recent_interventions"] =
      after_dpr + (after_dpr.empty() ? "" : " ") +
      FillNames(
          "Restorative conversations after the harder moments, a seat near the door and a break "
          "card, and a morning check-in with {key_adult}. A Thrive assessment has been asked for.",
          p);
  out["aim"] =
      PickWords(random,
                {"For {child} to feel safe and settled in school, so that lunchtimes and "
                 "afternoons go well and {child} can enjoy learning again.",
                 "To help {child} manage big feelings with an adult's support, stay in lessons "
                 "more of the time, and rebuild friendships in the class.",
                 "For {child} to have a trusted adult every day, a calm place to go, and the "
                 "words to say when things feel too much."},
                p);
  out["provision_view"] =
      View(FillNames(
               "{child} is kind and funny, and brilliant with younger children. Afternoons are "
               "hardest, especially after a difficult lunchtime; a heads-up before changes helps a "
               "great deal.",
               p),
           p.tutor);
  out["student_view"] = View(
      PickWords(random,
                {"I like Art and helping in the library. Lunch is hard because the football always "
                 "ends in arguments. I want to stay in my lessons more.",
                 "When it's loud I can't think and then I get angry. I like it when {key_adult} "
                 "checks on me. I want a job in class.",
                 "I don't like it when everyone looks at me. I'm good at drawing and I want people "
                 "to see that."},
                p),
      p.child);
  out["parental_view"] = View(
      FillNames(random.Chance(0.5) ? "Things have been unsettled at home lately and {child} "
                                     "is tired in the mornings. We want {child} to be happy at "
                                     "school, and we will use the home-school book every "
                                     "evening."
                                   : "{child} talks about {key_adult} a lot and trusts them. "
                                     "We would like to hear about the good days too, not only "
                                     "the hard ones.",
                p),
      p.parent);
  json targets = json::array(
      {Target("Use my break card and go to Zone 6 (the Rainbow Room) when things feel too much",
              "{child}", p)});
  std::vector<std::pair<std::string, std::string>> more = {
      {"Meet {child} at the gate each morning for a five-minute check-in", "{key_adult}"},
      {"Give {child} a heads-up before any change to the day", "{tutor}"},
      {"Read the home-school book together each evening and name one thing that went well",
       "{parent} ({parent_words})"},
      {"Play a structured lunchtime game with {child} on Mondays and Wednesdays", "{lsa}"},
      {"Ask for help with a task by putting my help card on the desk", "{child}"}};
  random.Shuffle(more);
  for (int i = 0; i < 2; ++i) targets.push_back(Target(more[i].first, more[i].second, p));
  out["targets"] = targets;
  out["mentor"] = p.mentor;
  return out;
}

json WapReview(DemoRandom& random, const PlanPeople& p, Date on, const json& targets) {
  json out;
  out["date_of_interim_meeting"] = FormatDate(on);
  out["interim_people_invited"] = Invited(p);
  if (random.Chance(0.25)) out["interim_apologies"] = json::array({p.parent + " (sent views)"});
  out["summary_of_discussion"] = PickWords(
      random,
      {"{child} has settled well into the morning routine and uses the break card sensibly. "
       "Lunchtimes are calmer since the structured games began, and at home {parent_words} "
       "finds {child} happier coming to school.",
       "A mixed month: a good fortnight, then a harder week after a change of teacher. {child} "
       "said what helped, and we have agreed to warn {child} earlier about changes.",
       "Real progress. {child} spoke up in the meeting about what is working and chose the new "
       "targets with us. {mentor} continues as mentor."},
      p);
  const std::vector<std::string> progress = {
      "Going well: used on most days, and {child} comes back ready to learn.",
      "Partly met: happens most mornings; we will add a check-in after lunch.",
      "Not yet: {child} and {key_adult} will practise it together this week.",
      "Achieved: {child} now does this without a reminder."};
  json progressed = json::array();
  for (json t : targets) {
    t["progress"] = PickWords(random, progress, p);
    progressed.push_back(std::move(t));
  }
  out["progress_towards_targets"] = progressed;
  std::vector<std::pair<std::string, std::string>> next = {
      {"Take on the job of library monitor on Tuesdays", "{child}"},
      {"Phone home on Friday with one thing that went well this week", "{tutor}"},
      {"Practise the 'stop, breathe, ask' steps at the start of each afternoon",
       "{child} with {key_adult}"},
      {"A weekly session with the Thrive team", "{pastoral}"}};
  const auto& n = random.Pick(next);
  out["new_targets"] = json::array({Target(n.first, n.second, p)});
  return out;
}

json Zone6Start(const std::vector<long long>& incidents, int time_in) {
  json out{{"time_in", FormatTimeOfDay(time_in)}};
  if (!incidents.empty()) out["incidents"] = incidents;
  return out;
}

json Zone6End(DemoRandom& random, const PlanPeople& p, int time_out, bool could_say_why) {
  json out{{"time_out", FormatTimeOfDay(time_out)}, {"could_say_why", could_say_why}};
  out["reflection"] =
      could_say_why
          ? PickWords(
                random,
                {"{child} showed me what happened with the chairs, and said they felt "
                 "embarrassed when the class laughed. {child} thought the teacher had been "
                 "worried, and wants to put it right by helping tidy the room at break.",
                 "{child} explained that the argument started in the lunch queue and carried "
                 "into the lesson. {child} felt angry, then sorry, and said the other child was "
                 "probably upset too.",
                 "Once calm, {child} could say that the work had felt too hard and shouting was "
                 "a way out of it. {child} suggested asking for a help card next time."},
                p)
          : FillNames(
                "{child} was still finding it hard to talk about what happened, so we agreed to "
                "come back to it tomorrow with {key_adult}. {child} could say they had felt "
                "'really cross', but not yet why.",
                p);
  out["debrief"] = PickWords(
      random,
      {"{child} and {tutor} agreed a fresh start next lesson, with a quiet signal for when "
       "things are getting too much.",
       "{child} will help {lsa} set up the classroom tomorrow morning, which {child} suggested "
       "as a way of putting things right.",
       "A short conversation with the other child as well: both agreed to keep space in the "
       "queue and to tell an adult straight away next time."},
      p);
  return out;
}

json ThriveStart(DemoRandom& random, const PlanPeople& p, Date assessed) {
  json out;
  out["assessment_date"] = FormatDate(assessed);
  out["barriers"] = PickWords(
      random,
      {"The assessment suggests {child} is still building the 'Being' stage: feeling safe enough "
       "to trust that adults keep them in mind. Changes and unstructured times feel unsafe, and "
       "what we see at those times is {child}'s way of telling us.",
       "Gaps at the 'Doing' stage: {child} finds it hard to start a task without knowing it will "
       "go right, and stops to avoid getting it wrong. Praise in front of others can feel "
       "exposing.",
       "The 'Thinking' and 'Power and Identity' stages: {child} wants to be in charge when things "
       "feel uncertain, and finds disappointment hard to manage when plans change."},
      p);
  out["child_view"] = View(PickWords(random,
                                     {"I like it in the Thrive room. I'd like a job in class and "
                                      "someone to talk to at lunch.",
                                      "I want people to know I'm trying. The feelings cards help."},
                                     p),
                           p.child);
  bool trying = random.Chance(0.5);
  out["learning_objectives"] = json::array(
      {Target("To feel safe and held in mind: a named adult greets {child} every morning",
              "{key_adult}", p),
       Target("To name feelings, using the feelings fan in Thrive sessions and in class",
              "{child} with {pastoral}", p),
       trying ? Target("To try new things: small tasks with a clear finish, praised quietly",
                       "{tutor}", p)
              : Target("To manage disappointment: games with winning and losing, with an adult "
                       "alongside",
                       "{pastoral}", p)});
  out["adult_support"] = FillNames(
      "Attune, validate, contain, regulate: adults name what {child} seems to feel, stay calm and "
      "close, and offer the calm space before any talk about what happened.",
      p);
  out["shared"] = FillNames(
      "Recommended to {slt}, and shared with {parent} ({parent_words}), who will use the same "
      "feelings words at home.",
      p);
  return out;
}

json ThriveEnd(DemoRandom& random, const PlanPeople& p) {
  return {
      {"what_changed",
       PickWords(random,
                 {"{child} now goes to the calm space before things build up, and starts the day "
                  "with a smile for {key_adult}. The Thrive sessions end; the morning greeting "
                  "stays.",
                  "{child} can name how they feel and ask for help. Lunchtimes are calmer, and "
                  "{parent_words} says mornings at home are easier too."},
                 p)}};
}

json RiskStart(DemoRandom& random, const PlanPeople& p, const std::vector<long long>& incidents) {
  json out;
  if (!incidents.empty()) out["incidents"] = incidents;
  out["triggers"] = PickWords(
      random,
      {"Crowded corridors at lesson changeover, and being crowded or touched when already upset. "
       "Afternoons after a difficult lunchtime are when things are most likely to go wrong.",
       "Feeling shown up in front of others, and sudden changes such as cover lessons. Hunger "
       "and tiredness make everything harder."},
      p);
  out["feel_safe"] = FillNames(
      "A calm adult who knows {child}, ideally {key_adult}; space, a quiet voice and time. Zone "
      "6 (the Rainbow Room) with a drink of water, before any talk about what happened.",
      p);
  std::vector<std::pair<std::string, std::string>> pairs = {
      {"Leave lessons two minutes early, with an adult, to miss the crowded corridor",
       "Practise the route and the 'stop, breathe, ask' steps with {key_adult}, so the early "
       "exit can end"},
      {"An adult close by on the playground at lunchtime for the next four weeks",
       "Weekly small-group sessions with {pastoral} on sorting out disagreements in games"},
      {"Scissors and craft knives handed out and collected by an adult in DT",
       "Teach {child} the safe-use routine step by step, and hand the freedom back once shown"}};
  random.Shuffle(pairs);
  json actions = json::array();
  for (int i = 0; i < 2; ++i) {
    actions.push_back({{"action", FillNames(pairs[i].first, p)}, {"kind", "protective"}});
    actions.push_back({{"action", FillNames(pairs[i].second, p)}, {"kind", "educational"}});
  }
  out["actions"] = actions;
  out["child_view"] =
      View(PickWords(random,
                     {"I don't want to hurt anyone. When it's loud I can't think. I "
                      "want to go to the Rainbow Room earlier.",
                      "I want to be trusted again. I know the steps now."},
                     p),
           p.child);
  out["parent_view"] = View(FillNames("We were worried and we are glad there is a plan. We use the "
                                      "same calming steps at home.",
                                      p),
                            p.parent);
  return out;
}

json RiskReview(DemoRandom& random, const PlanPeople& p) {
  json out;
  out["what_changed"] = PickWords(
      random,
      {"No unsafe moments this month. {child} uses the steps with {key_adult} and now walks the "
       "corridor with a friend instead of an adult.",
       "Two harder afternoons, both calmed in Zone 6 without anyone hurt. The lunchtime groups "
       "are helping; {child} asked for them to carry on."},
      p);
  json now = json::array();
  now.push_back({{"action", FillNames("Walk between lessons with a friend; an adult checks in at "
                                      "the door",
                                      p)},
                 {"kind", "protective"}});
  now.push_back(
      {{"action", FillNames("Keep practising the 'stop, breathe, ask' steps with {key_adult}", p)},
       {"kind", "educational"}});
  out["actions_now"] = now;
  return out;
}

}  // namespace attune::demo
