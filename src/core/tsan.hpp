#pragma once
// ThreadSanitizer sees the synchronisation of code compiled with it. Debian's libtbb is
// not, and tbb::parallel_pipeline hands tokens from stage to stage, and control back to
// its caller, inside libtbb: TSan then reports races on a token's data (made by one stage,
// read by the next on another thread) and on whatever the stages touched once the pipeline
// has returned, none of which can happen. PipelineStage marks exactly those edges and
// nothing else (two runs of a parallel stage stay unordered); outside a TSan build it is
// empty. tbb::parallel_for needs nothing: its completion is visible to TSan (the wait
// lives in TBB's headers), and the determinism tests run clean without annotations.
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
    char address_ = 0;  // gives the object a size; never read
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
