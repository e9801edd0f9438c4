#include "model/survey.h"

namespace attune {

const char* QuestionKindName(QuestionKind kind) {
  switch (kind) {
    case QuestionKind::kFaces:
      return "faces";
    case QuestionKind::kScale:
      return "scale";
    case QuestionKind::kChoice:
      return "choice";
    case QuestionKind::kWords:
      return "words";
  }
  return "faces";
}

std::optional<QuestionKind> ParseQuestionKind(std::string_view name) {
  for (QuestionKind k :
       {QuestionKind::kFaces, QuestionKind::kScale, QuestionKind::kChoice, QuestionKind::kWords}) {
    if (name == QuestionKindName(k)) return k;
  }
  return std::nullopt;
}

std::vector<std::string> SurveyQuestion::AnswerLabels() const {
  switch (kind) {
    case QuestionKind::kFaces:
      if (faces == 5) return {"Really not good", "Not good", "OK", "Good", "Really good"};
      return {"Not good", "OK", "Good"};
    case QuestionKind::kScale:
      return {"1", "2", "3", "4", "5"};
    case QuestionKind::kChoice:
      return options;
    case QuestionKind::kWords:
      return {};
  }
  return {};
}

}  // namespace attune
