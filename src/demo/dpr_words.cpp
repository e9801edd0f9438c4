#include "demo/dpr_words.h"

#include <utility>

namespace attune::demo {
namespace {

using nlohmann::json;

// "that you …", things a teacher was pleased to notice.
const std::vector<std::string> kNoticed = {
    "held the door for the Year 7s coming in from break, and smiled at them",
    "put your hand up and waited to be asked in Maths, even when you were bursting to answer",
    "came into registration calmly and had your planner out straight away",
    "helped the person next to you find the right page in English without being asked",
    "showed your break card instead of walking out, and came back ready to carry on",
    "tidied away the science equipment for your whole table",
    "said sorry after bumping into someone in the corridor, and really meant it",
    "kept going with the fractions when they got tricky, and asked for help at just the right "
    "moment",
    "listened carefully to a classmate's idea in Geography and built on it",
    "walked calmly to the dining hall at lunchtime and waited your turn in the queue",
    "started your writing within two minutes of the task being set",
    "said \"well played\" to the other team in PE, even though your team lost",
    "told me calmly when something felt unfair, so we could sort it out together",
    "read two whole chapters in the library lesson and told me all about the ending",
    "shared your coloured pencils with the whole table in Art",
    "thanked the lunchtime staff on your way out of the hall",
    "settled straight away after break and were ready to learn",
    "noticed a younger child on their own at break and asked them to join your game",
    "moved seats when I asked, straight away and without any fuss",
    "had a go at answering in French even though you weren't sure, which was brave",
    "handed your homework in on time, and had clearly taken care over it",
    "stayed with your group in Drama and helped them finish the scene",
};
const std::vector<std::string> kHarderDay = {
    "Today was a harder day, and I was still pleased to notice that you ",
    "Some of today was tricky, and I was still pleased to notice that you ",
    "Today had some bumpy moments, and I was still pleased to notice that you ",
};
const std::vector<std::string> kAfterNoticing = {
    "That is exactly what Ready, Respectful, Safe looks like.",
    "It made a real difference to the lesson.",
    "You should feel proud of that, {child}.",
    "{lsa} noticed it too, and told me at lunch.",
    "I could see it took effort, and it was worth it.",
    "You chose to do that yourself, and it showed.",
};
// Tomorrow's targets: the child's words, and the teacher's.
const std::vector<std::pair<std::string, std::string>> kTargets = {
    {"Put my hand up and wait to be asked", "put your hand up and wait to be asked"},
    {"Show my break card when I need a moment, and come back when I'm ready",
     "show your break card when you need a moment, and come back when you're ready"},
    {"Start my work within two minutes of the task being set",
     "start your work within two minutes of the task being set"},
    {"Walk calmly between lessons", "walk calmly between lessons"},
    {"Use kind words with my group in PE", "use kind words with your group in PE"},
    {"Bring my planner and a pen to every lesson", "bring your planner and a pen to every lesson"},
    {"Ask an adult for help when the work feels too hard",
     "ask an adult for help when the work feels too hard"},
    {"Come in calmly after lunch, ready to learn", "come in calmly after lunch, ready to learn"},
    {"Tell an adult straight away if something at break upsets me",
     "tell an adult straight away if something at break upsets you"},
};

}  // namespace

json DprStart(const PlanPeople& p) { return {{"lsa", p.lsa}, {"slt", p.slt}}; }

std::string DprFirstTarget(DemoRandom& random) { return random.Pick(kTargets).first; }

json DprDay(DemoRandom& random, const PlanPeople& p, bool harder, std::string& target) {
  std::string text = harder ? random.Pick(kHarderDay) : "Today I was pleased to notice that you ";
  text += random.Pick(kNoticed) + ".";
  if (random.Chance(0.5)) text += " " + PickWords(random, kAfterNoticing, p);
  const auto& next = random.Pick(kTargets);
  text += " Tomorrow, let's see if you can " + next.second + ".";
  target = next.first;
  return {{"target_for_today", target}, {"pleased_to_notice", text}};
}

json DprReview(DemoRandom& random, const PlanPeople& p, bool going_well) {
  const std::vector<std::string> well =
      going_well ? std::vector<std::string>{
                       "Putting my hand up more. I like it when {tutor} says well done quietly.",
                       "Coming in calmly in the morning. Seeing {lsa} at the door helps.",
                       "Getting my work started faster, and I did all my homework this week.",
                       "Being kind at break. I let the Year 7s join our game."}
                 : std::vector<std::string>{
                       "Some mornings are good. I liked getting my sheet signed on Tuesday.",
                       "I used my break card once and it worked.", "Being kind to my friends."};
  const std::vector<std::string> improve =
      going_well ? std::vector<std::string>{"Staying calm when the football goes wrong at lunch.",
                                            "Not calling out when I know the answer.",
                                            "Remembering my planner every day."}
                 : std::vector<std::string>{
                       "Afternoons. I get cross after lunch and then it all goes wrong.",
                       "Staying in the room when it gets really noisy."};
  const std::vector<std::string> help = {
      "If adults remind me quietly, not in front of everyone.", "Sitting near the door.",
      "Having a job to do at lunchtime.", "Knowing what's happening next in the day."};
  std::string others_well =
      going_well ? "Much more settled after break and ready to learn in most lessons; {child} has "
                   "been a real help in the classroom this week."
                 : "Mornings are going well: {child} arrives calmly and gets started, and we have "
                   "seen real kindness towards younger children.";
  std::string others_improve =
      going_well ? "Carrying the calm of the morning into the afternoon."
                 : "Lunchtimes and afternoons are still very hard; a few times this week {child} "
                   "left the classroom upset.";
  json out;
  out["pupil_doing_well"] = View(PickWords(random, well, p), p.child);
  out["pupil_improve"] = View(PickWords(random, improve, p), p.child);
  out["pupil_help"] = View(PickWords(random, help, p), p.child);
  out["others_doing_well"] = View(FillNames(others_well, p), p.tutor + " (class teacher)");
  out["others_improve"] = View(FillNames(others_improve, p), p.lsa + " (LSA)");
  out["others_help"] =
      View(FillNames(random.Chance(0.5)
                         ? "We look at the sheet together every evening and talk about what "
                           "went well; a message when there is a good day means a lot."
                         : "A five-minute check-in with {lsa} straight after lunch, before "
                           "the afternoon starts.",
                     p),
           p.parent + " (" + p.parent_words + ")");
  return out;
}

json DprEnd(DemoRandom& random, const PlanPeople& p, bool successful,
            const std::optional<Date>& wap_on) {
  std::string text;
  if (successful) {
    text = PickWords(
        random,
        {"Two good weeks: {child} met the daily target on most days and says the reporting "
         "helped. Agreed with {child} and {parent_words} to finish Daily Positive Reporting and "
         "keep the morning check-in with {lsa} until half-term. {tutor} will keep noticing out "
         "loud what goes well.",
         "{child} has made the change we hoped for: calm starts, work begun quickly and far fewer "
         "hard moments at lunch. Daily Positive Reporting ends here; a postcard goes home, and "
         "{tutor} will catch up with {parent_words} in two weeks."},
        p);
  } else {
    text = PickWords(
        random,
        {"Everyone agreed that the reporting has not been enough on its own: mornings are "
         "better, but lunchtimes and afternoons are still very hard for {child}.",
         "{child} has worked hard and the good days show it, but the harder moments have "
         "not eased over the two weeks."},
        p);
    text +=
        FillNames(" With {parent_words}'s agreement, {slt} will start a Wellbeing Action Plan", p);
    text += wap_on ? ", with a first meeting on " + DateWords(*wap_on, false) + "." : ".";
  }
  return {{"next_steps", text}};
}

}  // namespace attune::demo
