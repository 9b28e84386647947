// Checkpoints: a run saved at any tick and restored continues exactly as if it had never
// stopped, and a damaged checkpoint is refused rather than resumed.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

#include "catch.hpp"
#include "core/error.hpp"
#include "io/checkpoint.hpp"
#include "io/run_files.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace grassroots;

namespace {

// Every mechanism on (tests/inputs/good/everything.yaml), so that every column of the
// state matters to what follows. Made small and short, since a test restores at every
// tick: 2,000 users and 24 ticks, fewer merchants, smaller elites and thresholds and a
// shorter patience, so that entry, exit and live sessions all happen within them; income
// feeds back into entry, exit and effort, and some users sell to friends. Rows every 3
// ticks, so restores also fall between rows.
const std::vector<std::string> kSmallEverything{
    "seed=4", "world_seed=9", "ticks=24", "population.users=2000", "creators.elite.initial_followers=50",
    "creators.entry.rate=0.001", "creators.entry.success_followers=20", "creators.exit.patience=5",
    "merchants.count=200", "commerce.live.min_followers=10",
    // Income feedback and social commerce (issue 12).
    "creators.entry.success_income=0.5", "creators.exit.min_income=0.5", "creators.effort.income_elasticity=1",
    "commerce.social.seller_share=0.05", "output.every=3"};

scenario::Scenario small_everything(const std::vector<std::string>& overrides = {}) {
    return scenario::load_scenario(testing::kEverythingPath, testing::with(kSmallEverything, overrides));
}

class TempPath {
public:
    TempPath() {
        static int counter = 0;
        path_ = fs::temp_directory_path() /
                ("grassroots_test_checkpoint_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    }
    ~TempPath() {
        std::error_code ec;
        fs::remove(path_, ec);
    }
    TempPath(const TempPath&) = delete;
    TempPath& operator=(const TempPath&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

// What a run's output files would hold: the timeseries (rows every output.every and at the
// end), creators, merchants and summary, after stepping `sim` to the last tick.
std::string finish(model::Simulation& sim, std::string timeseries) {
    const scenario::Scenario& s = sim.scenario();
    model::TickRow last;
    for (std::int64_t t = sim.tick() + 1; t <= s.ticks; ++t) {
        sim.step();
        if (t % s.output.every == 0 || t == s.ticks) {
            last = sim.take_row();
            timeseries += io::timeseries_row(last);
        }
    }
    return timeseries + io::creators_csv(sim.world()) + io::merchants_csv(sim.world()) + io::summary_csv(sim, last);
}

// Steps a fresh run to tick k (rows as a run takes them) and saves it to `path`.
std::string run_to(const scenario::Scenario& s, std::int64_t k, const fs::path& path) {
    scenario::Scenario copy = s;
    model::Simulation sim(copy, model::build_graph(copy));
    std::string timeseries = io::timeseries_header(s) + io::timeseries_row(sim.take_row());
    for (std::int64_t t = 1; t <= k; ++t) {
        sim.step();
        if (t % s.output.every == 0) timeseries += io::timeseries_row(sim.take_row());
    }
    io::write_checkpoint(path, sim, scenario::dump_scenario(s), timeseries, 1);
    return timeseries;
}

std::unique_ptr<model::Simulation> restore(const fs::path& path, io::CheckpointHeader& header) {
    header = io::read_checkpoint_header(path);
    scenario::Scenario s = testing::scenario_from(header.scenario_yaml);
    graph::SocialGraph g = model::build_graph(s);
    return io::read_checkpoint_simulation(path, header, s, std::move(g));
}

// The one-line message of the InputError that restoring `path` throws ("" if none).
std::string restore_error(const fs::path& path) {
    try {
        io::CheckpointHeader header;
        restore(path, header);
    } catch (const core::InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("Checkpoint: a run restored at any tick ends exactly as an uninterrupted one", "[checkpoint]") {
    // view_once keeps a row of viewed items per user: one more table to carry.
    const bool view_once = GENERATE(false, true);
    CAPTURE(view_once);
    const scenario::Scenario s =
        small_everything({std::string("engagement.view_once=") + (view_once ? "true" : "false")});
    std::string reference;
    {
        scenario::Scenario copy = s;
        model::Simulation sim(copy, model::build_graph(copy));
        reference = finish(sim, io::timeseries_header(s) + io::timeseries_row(sim.take_row()));
    }
    // Not vacuous: the mechanisms whose state is carried did something.
    CHECK(reference.find("churned") != std::string::npos);

    TempPath file, again;
    for (std::int64_t k = 0; k < s.ticks; ++k) {
        CAPTURE(k);
        const std::string timeseries = run_to(s, k, file.path());
        io::CheckpointHeader header;
        auto sim = restore(file.path(), header);
        REQUIRE(header.tick == k);
        REQUIRE(header.timeseries == timeseries);
        // The restored state saves to the very same bytes: no column was lost or changed.
        io::write_checkpoint(again.path(), *sim, header.scenario_yaml, header.timeseries, 1);
        REQUIRE(read_bytes(again.path()) == read_bytes(file.path()));
        CHECK(finish(*sim, header.timeseries) == reference);
    }
}

TEST_CASE("Checkpoint: damage, truncation and foreign files are refused", "[checkpoint]") {
    const scenario::Scenario s = small_everything();
    TempPath file;
    run_to(s, 5, file.path());
    const std::string good = read_bytes(file.path());
    REQUIRE(restore_error(file.path()).empty());

    // One flipped bit anywhere: in the header, the scenario, the world, the checksum.
    for (const std::size_t at :
         {std::size_t{3}, std::size_t{20}, std::size_t{200}, good.size() / 2, good.size() - 100, good.size() - 1}) {
        CAPTURE(at);
        std::string bad = good;
        bad[at] = static_cast<char>(bad[at] ^ 0x10);
        write_bytes(file.path(), bad);
        const std::string error = restore_error(file.path());
        CHECK(error.rfind(file.path().string() + ":0:0: checkpoint: ", 0) == 0);
        CHECK((error.find("corrupt or truncated") != std::string::npos ||
               error.find("not a grassroots checkpoint") != std::string::npos));
    }
    for (const std::size_t size :
         {std::size_t{0}, std::size_t{10}, std::size_t{100}, good.size() - 8, good.size() - 1}) {
        CAPTURE(size);
        write_bytes(file.path(), good.substr(0, size));
        CHECK(restore_error(file.path()).find("checkpoint: ") != std::string::npos);
    }
    write_bytes(file.path(), good + "x");
    CHECK(restore_error(file.path()).find("corrupt or truncated") != std::string::npos);
    write_bytes(file.path(), "name: not a checkpoint\npopulation: {users: 10}\n");
    CHECK(restore_error(file.path()).find("not a grassroots checkpoint") != std::string::npos);
    fs::remove(file.path());
    CHECK(restore_error(file.path()).find("no checkpoint here") != std::string::npos);
}

TEST_CASE("Checkpoint: a graph that differs from the saved run's is refused", "[checkpoint]") {
    const scenario::Scenario s = small_everything();
    TempPath file;
    run_to(s, 2, file.path());
    const io::CheckpointHeader header = io::read_checkpoint_header(file.path());
    scenario::Scenario other = s;
    other.world_seed += 1;  // same size, other edges
    graph::SocialGraph g = model::build_graph(other);
    CHECK(g.vertex_count() == header.vertices);
    try {
        io::read_checkpoint_simulation(file.path(), header, s, std::move(g));
        FAIL("a checkpoint was restored onto another graph");
    } catch (const core::InputError& e) {
        CHECK(std::string(e.what()).find("graph rebuilt from its scenario differs") != std::string::npos);
    }
}
