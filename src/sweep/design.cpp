// Ranges, and a design as sweep.json and design.csv give it.
#include "sweep/design.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "io/run_files.hpp"

namespace grassroots::sweep {
namespace {

std::string shortest(double x) {
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);
    return std::string(buffer, end);
}

std::string json_ranges(const std::vector<SampleRange>& ranges) {
    std::string text;
    for (const SampleRange& r : ranges) {
        if (!text.empty()) text += ", ";
        text +=
            fmt::format("{}: {{\"lo\": {}, \"hi\": {}, \"scale\": \"{}\", \"integer\": {}}}", io::json_string(r.key),
                        shortest(r.lo), shortest(r.hi), r.log ? "log" : "linear", r.integer ? "true" : "false");
    }
    return "{" + text + "}";
}

}  // namespace

const char* method_name(DesignMethod method) {
    switch (method) {
        case DesignMethod::grid:
            return "grid";
        case DesignMethod::points:
            return "points";
        case DesignMethod::points_file:
            return "points_file";
        case DesignMethod::latin_hypercube:
            return "latin_hypercube";
        case DesignMethod::sobol:
            return "sobol";
        case DesignMethod::morris:
            return "morris";
    }
    return "grid";
}

std::string range_value(const SampleRange& range, double u) {
    double value = range.log ? std::exp(std::log(range.lo) + u * (std::log(range.hi) - std::log(range.lo)))
                             : range.lo + u * (range.hi - range.lo);
    // Rounding can step just outside the range at u = 0 or 1 (exp(ln hi) is not always hi),
    // and a bound such as a probability's 1 must not be exceeded by an ulp.
    value = std::clamp(value, range.lo, range.hi);
    return range.integer ? std::to_string(std::llround(value)) : shortest(value);
}

double morris_delta(int levels) { return static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1)); }

std::string design_csv(const Design& design) {
    if (design.method != DesignMethod::sobol && design.method != DesignMethod::morris) return {};
    std::string text = "point_id,block,role,changed";
    for (const SampleRange& r : design.ranges) {
        text += ",u:";
        text += r.key;  // dotted scenario keys: no comma or quote to escape
    }
    text += '\n';
    for (std::size_t p = 0; p < design.rows.size(); ++p) {
        const DesignRow& row = design.rows[p];
        text += fmt::format("{},{},{},{}", p, row.block, row.role, row.changed);
        for (const double u : design.units[p]) text += fmt::format(",{:.17g}", u);
        text += '\n';
    }
    return text;
}

std::string design_json(const Design& design) {
    const std::string method = io::json_string(method_name(design.method));
    switch (design.method) {
        case DesignMethod::sobol:
            return fmt::format("{{\"method\": {}, \"n\": {}, \"second_order\": {}, \"ranges\": {}}}", method, design.n,
                               design.second_order ? "true" : "false", json_ranges(design.ranges));
        case DesignMethod::morris:
            return fmt::format(
                "{{\"method\": {}, \"trajectories\": {}, \"levels\": {}, \"delta\": {}, \"ranges\": {}}}", method,
                design.n, design.levels, shortest(morris_delta(design.levels)), json_ranges(design.ranges));
        case DesignMethod::latin_hypercube:
            return fmt::format("{{\"method\": {}, \"n\": {}, \"ranges\": {}}}", method, design.n,
                               json_ranges(design.ranges));
        default:
            return fmt::format("{{\"method\": {}}}", method);
    }
}

}  // namespace grassroots::sweep
