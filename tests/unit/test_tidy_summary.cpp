// A sweep's summary in long form: one row per run and metric, keys repeated, quoting kept.
#include <catch2/catch.hpp>

#include "analysis/tidy_summary.hpp"
#include "core/error.hpp"

using grassroots::analysis::tidy_summary;

TEST_CASE("tidy summary: one row per run and metric, in run then column order", "[tidy]") {
    const std::string wide =
        "run_id,point_id,name,views,gini\n"
        "0,0,\"a, b\",10,0.5\n"
        "1,0,\"say \"\"hi\"\"\",20,nan\n";
    CHECK(tidy_summary(wide, 3, "summary.csv") ==
          "run_id,point_id,name,metric,value\n"
          "0,0,\"a, b\",views,10\n"
          "0,0,\"a, b\",gini,0.5\n"
          "1,0,\"say \"\"hi\"\"\",views,20\n"
          "1,0,\"say \"\"hi\"\"\",gini,nan\n");
}

TEST_CASE("tidy summary: a header only gives a header only; a broken table is refused", "[tidy]") {
    CHECK(tidy_summary("run_id,views\n", 1, "summary.csv") == "run_id,metric,value\n");
    CHECK_THROWS_AS(tidy_summary("run_id,views\n0,1,2\n", 1, "summary.csv"), grassroots::core::InputError);
}
