#include "scenario/strict_reader.hpp"

#include <cmath>

#include "scenario/mapping_keys.hpp"

namespace grassroots::scenario {

bool read_finite_number(const std::string& text, double& value) {
    const char* first = text.data();
    const char* last = first + text.size();
    if (first != last && *first == '+') ++first;
    const auto [end, ec] = std::from_chars(first, last, value);
    return ec == std::errc{} && end == last && std::isfinite(value);
}

core::SourcePosition StrictReader::at(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? core::SourcePosition{file_, 1, 1}
                          : core::SourcePosition{file_, mark.line + 1, mark.column + 1};
}

void StrictReader::check_keys(const YAML::Node& map, const std::string& prefix,
                              const std::vector<std::string>& known) const {
    auto problem = malformed_key(map, prefix);
    if (!problem && !known.empty()) problem = unknown_key(map, prefix, known);
    if (problem) throw core::InputError(at(problem->key), problem->dotted, problem->problem, problem->expected);
}

std::string StrictReader::scalar(const YAML::Node& node, const std::string& key, const std::string& expected) const {
    if (!node.IsScalar() || node.Scalar().empty()) {
        throw core::InputError(at(node), key, "not a single value", expected);
    }
    return node.Scalar();
}

double StrictReader::number(const YAML::Node& node, const std::string& key, const std::string& expected) const {
    const std::string text = scalar(node, key, expected);
    double value = 0.0;
    if (!read_finite_number(text, value)) {
        throw core::InputError(at(node), key, "'" + text + "' is not a finite number", expected);
    }
    return value;
}

bool StrictReader::boolean(const YAML::Node& node, const std::string& key) const {
    const std::string text = scalar(node, key, "true or false");
    if (text != "true" && text != "false") {
        throw core::InputError(at(node), key, "'" + text + "' is not a boolean", "true or false");
    }
    return text == "true";
}

}  // namespace grassroots::scenario
