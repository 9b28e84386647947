#pragma once
// Ctrl-C and SIGTERM ask long work to stop at the next safe point (the end of a tick, the
// end of a run); nothing half-written is left behind. The handler only sets a flag.
#include <stdexcept>

namespace grassroots::core {

// Installs SIGINT and SIGTERM handlers that request a stop (a second signal kills).
void install_stop_handlers();
bool stop_requested();
void request_stop();

class Interrupted : public std::runtime_error {
public:
    Interrupted() : std::runtime_error("interrupted") {}
};

}  // namespace grassroots::core
