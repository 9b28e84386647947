// An external user of the library: reads a scenario with --set overrides, runs it through
// the library's own run functions and prints its summary.csv (which must equal the
// executable's, byte for byte).
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <grassroots/core/error.hpp>
#include <grassroots/core/threads.hpp>
#include <grassroots/run/single_run.hpp>
#include <grassroots/scenario/load.hpp>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: one_run SCENARIO [KEY=VALUE...]\n");
        return 2;
    }
    try {
        const std::vector<std::string> overrides(argv + 2, argv + argc);
        grassroots::scenario::Scenario s = grassroots::scenario::load_scenario(argv[1], overrides);
        const auto out = grassroots::core::run_with_threads(2, [&] { return grassroots::run::execute_run(s); });
        std::fputs(out.summary.c_str(), stdout);
    } catch (const grassroots::core::InputError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
