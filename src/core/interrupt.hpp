#pragma once
// Ctrl-C and SIGTERM ask long work to stop at the next safe point (the end of a tick, the
// end of a run); nothing half-written is left behind. The handler only sets a flag and
// remembers which signal asked, so that the exit code can say it (128 + signal).
#include <stdexcept>

namespace grassroots::core {

// Installs SIGINT and SIGTERM handlers that request a stop (a second signal kills).
void install_stop_handlers();
bool stop_requested();
void request_stop();
// Forgets a stop request (the Python module: one call's Ctrl-C must not stop the next).
void clear_stop_request();
// The signal that asked for the stop: SIGINT, SIGTERM, or 0 (request_stop, or none yet).
int stop_signal();
// "SIGINT", "SIGTERM", or "a stop request" for 0.
const char* stop_signal_name(int signal);

class Interrupted : public std::runtime_error {
public:
    Interrupted() : std::runtime_error("interrupted") {}
};

}  // namespace grassroots::core
