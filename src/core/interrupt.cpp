#include "core/interrupt.hpp"

#include <atomic>
#include <csignal>

namespace grassroots::core {
namespace {

std::atomic<bool> stop_flag{false};
std::atomic<int> first_signal{0};

extern "C" void on_stop_signal(int signal) {
    int none = 0;
    first_signal.compare_exchange_strong(none, signal);
    if (stop_flag.exchange(true)) {
        // Asked twice: the user wants out now.
        std::signal(signal, SIG_DFL);
        std::raise(signal);
    }
}

}  // namespace

void install_stop_handlers() {
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
}

bool stop_requested() { return stop_flag.load(std::memory_order_relaxed); }
void request_stop() { stop_flag.store(true); }
void clear_stop_request() {
    stop_flag.store(false);
    first_signal.store(0);
}
int stop_signal() { return first_signal.load(); }

const char* stop_signal_name(int signal) {
    switch (signal) {
        case SIGINT:
            return "SIGINT";
        case SIGTERM:
            return "SIGTERM";
        default:
            return "a stop request";
    }
}

}  // namespace grassroots::core
