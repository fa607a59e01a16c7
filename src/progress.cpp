#include "progress.h"

#include "phase_timing.h"
#include "utf8.h"

#include <cstdio>
#include <unistd.h>

namespace whlinst {

namespace {
constexpr int kBarWidth = 30;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
} // namespace

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(ProgressBar bar, StepLines steps) : bar_(bar), steps_(steps) {}

Progress::~Progress() {
  std::lock_guard lock(mutex_);
  erase_locked();
}

void Progress::expect(uint64_t files) {
  std::lock_guard lock(mutex_);
  total_ += files;
}

void Progress::advance() {
  std::lock_guard lock(mutex_);
  ++done_;
  draw_locked(false);
}

void Progress::step(const std::string& wheel, const std::string& text) {
  mark_phase(text.substr(0, text.find(" (")));
  if (steps_ == StepLines::off)
    return;
  std::lock_guard lock(mutex_);
  erase_locked();
  std::printf("%s: %s\n", printable_name(wheel).c_str(), printable_name(text).c_str());
  std::fflush(stdout);
  draw_locked(true);
}

void Progress::draw_locked(bool force) {
  if (bar_ == ProgressBar::off || total_ == 0)
    return;
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < kRedrawInterval)
    return;
  last_draw_ = now;
  uint64_t done = done_ > total_ ? total_ : done_;
  int filled = static_cast<int>(done * kBarWidth / total_);
  std::string bar(static_cast<size_t>(filled), '=');
  bar.resize(kBarWidth, ' ');
  std::fprintf(stderr, "\r[%s] %llu/%llu files", bar.c_str(), static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(total_));
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::erase_locked() {
  if (!drawn_)
    return;
  std::fprintf(stderr, "\r%*s\r", kBarWidth + 40, "");
  std::fflush(stderr);
  drawn_ = false;
}

} // namespace whlinst
