#pragma once
// A one-line progress display on stderr: only on a terminal, only once a run has taken
// more than a second, redrawn at most five times a second.
#include <chrono>
#include <cstdint>

namespace grassroots::cli {

class Progress {
public:
    // `unit` names what is counted ("tick", "runs").
    Progress(std::int64_t total, bool enabled, const char* unit = "tick");
    ~Progress();
    void update(std::int64_t done);
    // Erases the line, so that a log line can be printed; the next update redraws it.
    void clear();
    // For counts known only once work starts (a resumed sweep skips finished runs).
    void set_total(std::int64_t total) { total_ = total; }
    // Work done before this process began (a resumed run's ticks): counted in the bar, not
    // in the rate the ETA is made of.
    void set_done_before(std::int64_t done) { done_before_ = done; }

private:
    using Clock = std::chrono::steady_clock;
    std::int64_t total_;
    std::int64_t done_before_ = 0;
    bool enabled_;
    const char* unit_;
    bool drawn_ = false;
    Clock::time_point start_ = Clock::now();
    Clock::time_point last_draw_ = start_;
};

}  // namespace grassroots::cli
