// A command's progress on standard error (progress.h).
#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

#include "import/report.h"

namespace attune::cli {
namespace {

constexpr int kWidth = 30;  // the bar's cells

}  // namespace

Progress::Progress() : bar_(isatty(STDERR_FILENO) == 1) {}

void Progress::Show(const std::string& step, long long done, long long total) {
  bool new_step = step != step_;
  if (!bar_) {
    if (!new_step) return;
    step_ = step;
    if (total > 0 && step.rfind("Writing", 0) == 0) {
      std::fprintf(stderr, "%s %s changes\n", step.c_str(), import::Grouped(total).c_str());
    } else {
      std::fprintf(stderr, "%s\n", step.c_str());
    }
    return;
  }
  int percent = total > 0 ? static_cast<int>(done * 100 / total) : -1;
  auto now = std::chrono::steady_clock::now();
  // Redraw on a new step, a new percentage, or every tenth of a second.
  if (!new_step && percent == percent_ && now - last_ < std::chrono::milliseconds(100)) return;
  step_ = step;
  percent_ = percent;
  last_ = now;
  std::string line = "\r\033[K" + step;
  if (total > 0) {
    int filled = static_cast<int>(done * kWidth / total);
    line += " [" + std::string(filled, '#') + std::string(kWidth - filled, '-') + "] " +
            std::to_string(percent) + "% (" + import::Grouped(done) + " of " +
            import::Grouped(total) + ")";
  }
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Finish() {
  if (bar_ && drawn_) std::fputs("\r\033[K", stderr);
  drawn_ = false;
  std::fflush(stderr);
}

}  // namespace attune::cli
