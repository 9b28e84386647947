// The scenario reader: defaults, strictness, --set overrides and the resolved dump.
#include <string>

#include "catch.hpp"
#include "core/error.hpp"
#include "scenario/load.hpp"

namespace sc = grassroots::scenario;

namespace {

sc::Scenario parse(const std::string& yaml, const std::vector<std::string>& sets = {}) {
    return sc::parse_scenario(yaml, "s.yaml", "/base", sets);
}

// The message of the InputError that parsing throws ("" if it does not throw).
std::string error_of(const std::string& yaml, const std::vector<std::string>& sets = {}) {
    try {
        parse(yaml, sets);
    } catch (const grassroots::core::InputError& e) {
        return e.what();
    }
    return "";
}

const char* kMinimal = "name: m\npopulation:\n  users: 10\n";

}  // namespace

TEST_CASE("Scenario: omitted keys take their defaults", "[scenario]") {
    const sc::Scenario s = parse(kMinimal);
    CHECK(s.name == "m");
    CHECK(s.population.users == 10);
    REQUIRE(s.population.cohorts.size() == 1);
    CHECK(s.population.cohorts[0].name == "all");
    CHECK(s.graph.type == sc::GraphType::barabasi_albert);
    CHECK(s.creators.share == 0.02);
    CHECK(s.ticks == 365);
}

TEST_CASE("Scenario: errors name file, line, column and dotted key", "[scenario]") {
    CHECK(error_of("name: m\npopulation:\n  users: 10\n  userz: 3\n") ==
          "s.yaml:4:3: population.userz: unknown key (did you mean population.users?) "
          "(expected one of users, cohorts, regions, homophily)");
    CHECK(error_of("name: m\nticks: many\npopulation: {users: 10}\n") ==
          "s.yaml:2:8: ticks: 'many' is not a number (expected an integer in [1, 1000000])");
    CHECK(error_of("name: m\npopulation: {users: -5}\n")
              .find("s.yaml:2:21: population.users: value -5 is out of range") == 0);
    CHECK(error_of("name: m\nname: n\npopulation: {users: 10}\n").find("s.yaml:2:1: name: duplicate key") == 0);
    CHECK(error_of("name: m\npopulation: {users: 10}\ngraph: {type: barabasi}\n")
              .find("graph.type: unknown value 'barabasi' (did you mean barabasi_albert?)") != std::string::npos);
    // A key of another graph type does not apply.
    CHECK(error_of("name: m\npopulation: {users: 10}\ngraph: {type: complete, m: 3}\n")
              .find("s.yaml:3:25: graph.m: unknown key") == 0);
    CHECK(error_of("name: m\npopulation:\n  users: 10\n  cohorts:\n"
                   "    - {name: a, share: 0.5}\n    - {name: b, share: 0.4}\n")
              .find("population.cohorts: cohort shares sum to 0.9") != std::string::npos);
    CHECK(error_of("- 1\n- 2\n").find("s.yaml:1:1: the document is not a mapping") == 0);
    CHECK(error_of("").find("empty scenario") != std::string::npos);
    CHECK(error_of("name: [\n").find("s.yaml:2:1: yaml: syntax error") == 0);
}

TEST_CASE("Scenario: --set overrides values, creates keys and is validated", "[scenario]") {
    const std::string with_cohort = std::string(kMinimal) + "  cohorts: [{name: a, share: 1}]\n";
    const sc::Scenario s = parse(with_cohort, {"creators.share=0.05", "population.cohorts.0.p=0.25", "ticks=1e3"});
    CHECK(s.creators.share == 0.05);
    CHECK(s.population.cohorts[0].p == 0.25);
    CHECK(s.ticks == 1000);
    CHECK(error_of(kMinimal, {"creators.sharee=0.1"}) ==
          "--set:1:1: creators.sharee: unknown key (did you mean creators.share?) (expected one of "
          "share, elite_share, topics, talent, prodigy_talent, publish_rate, quality_noise, "
          "item_lifetime, max_items, elite, entry, exit, effort)");
    CHECK(error_of(kMinimal, {"creators.share"}).find("--set:1:1: creators.share: not KEY=VALUE") == 0);
    CHECK(error_of(with_cohort, {"ticks=5", "population.cohorts.3.p=0.1"})
              .find("--set:1:2: population.cohorts.3: no list item '3'") == 0);
    // Cohorts left to their default are not in the document: there is no item to change.
    CHECK(error_of(kMinimal, {"population.cohorts.0.p=0.1"})
              .find("--set:1:1: population.cohorts: is not a list in the file") == 0);
    CHECK(error_of(kMinimal, {"creators.share=2"}).find("creators.share: value 2 is out of range") !=
          std::string::npos);
}

TEST_CASE("Scenario: the resolved dump reads back to the same scenario", "[scenario]") {
    const sc::Scenario s = parse(
        "name: r\nseed: 18446744073709551615\npopulation:\n  users: 1000\n  cohorts:\n"
        "    - {name: a, share: 0.3, p: 0.1, q: 0.2, initially_online: 0.5, attention: 7}\n"
        "    - {name: b, share: 0.7, p: 0.01, q: 0.3}\n"
        "graph: {type: watts_strogatz, k: 4, beta: 0.123456789}\ncreators: {share: 0.1}\n");
    const std::string dumped = sc::dump_scenario(s);
    const sc::Scenario again = parse(dumped);
    CHECK(sc::dump_scenario(again) == dumped);
    CHECK(again.seed == 18446744073709551615ULL);
    CHECK(again.graph.beta == 0.123456789);
    CHECK(again.population.cohorts[1].attention == 10);
    CHECK(dumped.find("item_lifetime: 7") != std::string::npos);
}

TEST_CASE("Scenario: the resolved dump writes numbers and names as YAML 1.1 reads them", "[scenario]") {
    // PyYAML (YAML 1.1) reads 2e-04 or 1e+12 as strings, 010 as octal 8, yes as a boolean.
    const sc::Scenario s = parse(
        "name: '2024'\npopulation:\n  users: 1e5\n  cohorts:\n"
        "    - {name: 'yes', share: 0.5, p: 2e-4}\n    - {name: '010', share: 0.25, p: 5e-324}\n"
        "    - {name: x1, share: 0.25, p: 1}\n"
        "creators: {publish_rate: 1e-7}\nmerchants: {mini_program: {cost: 1e12, payback_days: 1.5e2}}\n");
    const std::string dumped = sc::dump_scenario(s);
    CHECK(dumped.find("name: \"2024\"\n") != std::string::npos);
    // Cohorts are written one key a line, each number with its unit on a comment line above.
    CHECK(dumped.find(
              "- name: \"yes\"\n      # of users\n      share: 0.5\n      # per day (hazard)\n      p: 2.0e-04\n") !=
          std::string::npos);
    CHECK(dumped.find(
              "- name: \"010\"\n      # of users\n      share: 0.25\n      # per day (hazard)\n      p: 5.0e-324\n") !=
          std::string::npos);
    CHECK(dumped.find("- name: x1\n      # of users\n      share: 0.25\n      # per day (hazard)\n      p: 1\n") !=
          std::string::npos);
    CHECK(dumped.find("  # users\n  users: 100000\n") != std::string::npos);  // an integer, however it was written
    CHECK(dumped.find("  # items per active creator per day\n  publish_rate: 1.0e-07\n") != std::string::npos);
    CHECK(dumped.find("cost: 1.0e+12\n") != std::string::npos);
    CHECK(dumped.find("payback_days: 150\n") != std::string::npos);
    // yaml-cpp and std::from_chars read it all back to the same values and the same dump.
    const sc::Scenario again = parse(dumped);
    CHECK(sc::dump_scenario(again) == dumped);
    CHECK(again.name == "2024");
    CHECK(again.population.cohorts[0].name == "yes");
    CHECK(again.population.cohorts[1].name == "010");
    CHECK(again.population.cohorts[0].p == 2e-4);
    CHECK(again.population.cohorts[1].p == 5e-324);
    CHECK(again.merchants.mini_program.cost == 1e12);
    CHECK(again.creators.publish_rate == 1e-7);
}

TEST_CASE("Scenario: edge-list paths are resolved against the scenario's folder", "[scenario]") {
    const sc::Scenario s = parse("name: e\ngraph: {type: edgelist, path: data/g.txt}\n");
    CHECK(s.graph.path == "/base/data/g.txt");
    CHECK(s.population.users == 0);  // filled in from the file when the graph is loaded
}

TEST_CASE("Scenario: output.low_views_threshold defaults to 100 views, an integer >= 1", "[scenario]") {
    CHECK(parse(kMinimal).output.low_views_threshold == 100);
    CHECK(parse(kMinimal, {"output.low_views_threshold=1"}).output.low_views_threshold == 1);
    CHECK(error_of(kMinimal, {"output.low_views_threshold=0"})
              .find("output.low_views_threshold: value 0 is out of range") != std::string::npos);
    CHECK(error_of(kMinimal, {"output.low_views_threshold=2.5"}).find("output.low_views_threshold") !=
          std::string::npos);
    CHECK(error_of(kMinimal, {"output.low_views_threshold=4294967296"}).find("out of range") != std::string::npos);
}
