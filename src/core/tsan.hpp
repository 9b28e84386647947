#pragma once
// ThreadSanitizer sees the synchronisation of code compiled with it. Debian's libtbb is
// not, nor (in our TSan build, cmake/tsan_ignorelist.txt) is the code of TBB's headers,
// so the hand-overs TBB makes are invisible to it: tbb::parallel_pipeline hands tokens from
// stage to stage, and control back to its caller; tbb::parallel_for hands the caller's data
// to the worker threads and their writes back to the caller. Unmarked, TSan reports races
// on that data that cannot happen. PipelineStage and core::for_each_block mark exactly
// those edges and nothing else (two runs of a parallel stage, or two blocks of a loop,
// stay unordered, so a race between them is still reported); outside a TSan build this is
// empty. (With one block per loop, as every test world had until the tests were sized to
// split across threads, parallel_for ran on the calling thread and TSan saw nothing.)
#if defined(__SANITIZE_THREAD__)
#define GRASSROOTS_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define GRASSROOTS_TSAN 1
#endif
#endif

#if defined(GRASSROOTS_TSAN)
#include <sanitizer/tsan_interface.h>
#endif

namespace grassroots::core {

// An address that work releases into and later work acquires from.
class HappensBefore {
public:
    void release() {
#if defined(GRASSROOTS_TSAN)
        __tsan_release(this);
#endif
    }
    void acquire() {
#if defined(GRASSROOTS_TSAN)
        __tsan_acquire(this);
#endif
    }

private:
    [[maybe_unused]] char address_ = 0;  // gives the object a size; never read
};

// Lives for one call of a pipeline stage: it starts after what the previous stage released
// into `from`; its end is released into `to` (the next stage) and into `done` (which the
// pipeline's caller acquires after parallel_pipeline returns).
class PipelineStage {
public:
    PipelineStage(HappensBefore& from, HappensBefore& to, HappensBefore& done) : to_(to), done_(done) {
        from.acquire();
    }
    ~PipelineStage() {
        to_.release();
        done_.release();
    }
    PipelineStage(const PipelineStage&) = delete;
    PipelineStage& operator=(const PipelineStage&) = delete;

private:
    HappensBefore& to_;
    HappensBefore& done_;
};

}  // namespace grassroots::core
