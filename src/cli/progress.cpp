#include "cli/progress.hpp"

#include <cstdio>

#include <unistd.h>

#include "cli/commands.hpp"

namespace grassroots::cli {

bool isatty_stderr() { return ::isatty(STDERR_FILENO) != 0; }

Progress::Progress(std::int64_t total, bool enabled, const char* unit)
    : total_(total), enabled_(enabled && ::isatty(STDERR_FILENO)), unit_(unit) {}

Progress::~Progress() {
    if (drawn_) std::fprintf(stderr, "\r\033[K");
}

void Progress::clear() {
    if (drawn_) std::fprintf(stderr, "\r\033[K");
    drawn_ = false;
}

void Progress::update(std::int64_t done) {
    if (!enabled_) return;
    const auto now = Clock::now();
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    if (elapsed < 1.0 || now - last_draw_ < std::chrono::milliseconds(200)) return;
    last_draw_ = now;
    const double fraction = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
    const double done_here = static_cast<double>(done - done_before_);
    const double eta = done_here > 0 ? elapsed * static_cast<double>(total_ - done) / done_here : 0.0;
    constexpr int kWidth = 24;
    char bar[kWidth + 1];
    const int filled = static_cast<int>(fraction * kWidth);
    for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '#' : '.';
    bar[kWidth] = '\0';
    std::fprintf(stderr, "\r\033[K[%s] %s %lld/%lld  %3.0f%%  %.0fs elapsed, ETA %.0fs", bar, unit_,
                 static_cast<long long>(done), static_cast<long long>(total_), 100.0 * fraction, elapsed, eta);
    std::fflush(stderr);
    drawn_ = true;
}

}  // namespace grassroots::cli
