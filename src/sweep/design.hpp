#pragma once
// A sweep's design: how its points were made, kept with the sweep so that sweep.json can
// say it and, for Sobol' and Morris designs, design.csv can give each point's place in the
// design (its block, role and unit coordinates), which `grassroots analyze` needs.
#include <cstddef>
#include <string>
#include <vector>

namespace grassroots::sweep {

enum class DesignMethod { grid, points, points_file, latin_hypercube, sobol, morris };

const char* method_name(DesignMethod method);

// A sampled key's range: a unit coordinate u in [0, 1] maps to lo + u (hi - lo), or for a
// log range to exp(ln lo + u (ln hi - ln lo)); integer lo and hi give rounded values.
struct SampleRange {
    std::string key;
    std::string lo_text;  // as the sweep file wrote them (in YAML 1.1 number form), for sweep.yaml
    std::string hi_text;
    double lo = 0.0;
    double hi = 0.0;
    bool log = false;
    bool integer = false;
};

// The value of a range at unit coordinate u, as the text a scenario key is set to.
std::string range_value(const SampleRange& range, double u);

// Where a point stands in a Sobol' or Morris design (design.csv's columns).
struct DesignRow {
    std::size_t block = 0;  // Sobol': base sample j; Morris: trajectory t
    const char* role = "";  // Sobol': A, AB, BA, B; Morris: base, step
    int changed = -1;       // the swept key (index) that differs from A_j, B_j or the previous point
};

struct Design {
    DesignMethod method = DesignMethod::grid;
    std::size_t n = 0;                // sample.n: Latin hypercube points, Sobol' base samples N, Morris trajectories r
    bool second_order = false;        // Sobol' only
    int levels = 0;                   // Morris only: p
    std::vector<SampleRange> ranges;  // the sampled keys, in swept-key order
    // Sobol' and Morris: per point, its row and its unit coordinates (one per range).
    std::vector<DesignRow> rows;
    std::vector<std::vector<double>> units;
};

// Morris' step in unit coordinates, p / (2 (p - 1)) (Morris 1991).
double morris_delta(int levels);

// DIR/design.csv of a Sobol' or Morris design: point_id, block, role, changed, then
// u:<key> per swept key, 17 significant digits. Empty for other designs (no file).
std::string design_csv(const Design& design);

// sweep.json's "design" object.
std::string design_json(const Design& design);

}  // namespace grassroots::sweep
