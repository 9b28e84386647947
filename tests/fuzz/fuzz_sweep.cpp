// Fuzz target: sweep file text -> parse_sweep, as `grassroots sweep FILE` reads it, every
// point validated against the scenario schema. The fuzzer never touches the file system:
// the sweep stands at /grassroots-fuzz/sweeps/fuzz.yaml, and the only base scenario there
// is base.yaml (tests/inputs/sweeps/base.yaml's text), so the seeds' `base: base.yaml` and
// `base: ../sweeps/base.yaml` resolve as they do on disk; any other base is "no scenario
// file". Likewise the only points_file is points.csv (tests/inputs/sweeps/points.csv). An InputError is the expected
// answer to bad input; any other exception, a crash, a sanitizer report or a hang is a bug. A sweep that parses must
// survive the round trip through its resolved dump (dump -> parse -> dump gives the same text): `sweep --resume`
// compares the dump with the one the output directory holds.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/error.hpp"
#include "sweep/spec.hpp"

namespace {

namespace sw = grassroots::sweep;

constexpr const char* kSweepPath = "/grassroots-fuzz/sweeps/fuzz.yaml";
constexpr const char* kBasePath = "/grassroots-fuzz/sweeps/base.yaml";
// Every point is validated by a scenario parse (~2 ms under ASan; an input of 100,000
// points took 7 minutes): the fuzzer allows 100 runs, which still reaches every branch
// of the limit checks, and keeps each input well under run_fuzzers.sh's 10 s timeout.
constexpr std::size_t kMaxRuns = 100;

// tests/inputs/sweeps/base.yaml, the base of the seed sweeps.
constexpr const char* kBase = R"(name: sweep_base
ticks: 30
population:
  users: 2000
  cohorts: [{name: all, share: 1, p: 0.02, q: 0.3, initially_online: 0.5, attention: 10}]
graph: {type: barabasi_albert, m: 3}
creators: {share: 0.05, elite_share: 0.2, elite: {initial_followers: 50}}
)";

// tests/inputs/sweeps/points.csv, the points_file of the seed sweeps.
constexpr const char* kPointsPath = "/grassroots-fuzz/sweeps/points.csv";
constexpr const char* kPoints = "creators.share,population.cohorts.0.attention\n0.03,5\n0.08,12\n0.05,20\n";

std::string read_points(const std::string& path, const grassroots::core::SourcePosition& where) {
    if (path != kPointsPath) {
        // read_file_from_disk's message for a missing file.
        throw grassroots::core::InputError(where, "points_file", "no file at " + path,
                                           "a CSV file, relative to this file");
    }
    return kPoints;
}

std::string read_base(const std::string& base_path, const grassroots::core::SourcePosition& where) {
    if (base_path != kBasePath) {
        // load_sweep's message for a missing file.
        throw grassroots::core::InputError(where, "base", "no scenario file at " + base_path,
                                           "a scenario file, relative to this file");
    }
    return kBase;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    sw::SweepSpec parsed;
    try {
        parsed = sw::parse_sweep(text, kSweepPath, read_base, kMaxRuns, read_points);
    } catch (const grassroots::core::InputError&) {
        return 0;
    }
    const std::string dumped = sw::dump_sweep(parsed);
    std::string again;
    try {
        again = sw::dump_sweep(
            sw::parse_sweep(dumped, "/grassroots-fuzz/sweeps/dump.yaml", read_base, kMaxRuns, read_points));
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
