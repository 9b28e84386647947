// Fuzz target: scenario YAML text -> parse_scenario, as `grassroots run FILE` reads it.
// An InputError is the expected answer to bad input; any other exception, a crash, a
// sanitizer report or a hang is a bug. A scenario that parses must survive the round trip
// through its resolved dump (dump -> parse -> dump gives the same text), which every run
// relies on to write a replayable scenario.yaml.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/error.hpp"
#include "scenario/load.hpp"

namespace sc = grassroots::scenario;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    // A base directory that does not exist: graph.path is only resolved, never opened.
    const std::string base_dir = "/nonexistent-grassroots-fuzz";
    sc::Scenario parsed;
    try {
        parsed = sc::parse_scenario(text, "fuzz.yaml", base_dir);
    } catch (const grassroots::core::InputError&) {
        return 0;
    }
    const std::string dumped = sc::dump_scenario(parsed);
    std::string again;
    try {
        again = sc::dump_scenario(sc::parse_scenario(dumped, "dump.yaml", base_dir));
    } catch (const grassroots::core::InputError& e) {
        std::fprintf(stderr, "the resolved dump does not parse: %s\n---\n%s\n", e.what(), dumped.c_str());
        std::abort();
    }
    if (again != dumped) {
        std::fprintf(stderr, "the resolved dump changes on a round trip:\n%s\n---\n%s\n", dumped.c_str(),
                     again.c_str());
        std::abort();
    }
    return 0;
}
