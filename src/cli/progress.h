// Showing a long command's progress on standard error: a bar redrawn in
// place when standard error is a terminal, otherwise one plain line per
// step (for logs and cron mail, which a bar would fill with redraws).
//
// Thread-safety: used by one thread.
#pragma once

#include <chrono>
#include <string>

namespace attune::cli {

class Progress {
 public:
  // Default: a bar when standard error is a terminal.
  Progress();
  explicit Progress(bool bar) : bar_(bar) {}
  ~Progress() { Finish(); }

  // Step `step` is `done` of `total` through (total 0: not known).
  void Show(const std::string& step, long long done, long long total);
  // Clears the bar, so what is printed next starts on a clean line.
  void Finish();

 private:
  bool bar_;
  bool drawn_ = false;
  std::string step_;
  int percent_ = -1;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace attune::cli
