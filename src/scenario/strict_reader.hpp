#pragma once
// The strict reading that sweep, targets and calibration files share: positions for
// errors, keys checked (scalar, unique, known), single values, finite numbers, integers in
// a range and booleans, each failure a core::InputError naming the file, line, column and
// dotted key. Each file kind adds its own structure on top.
#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/error.hpp"

namespace grassroots::scenario {

// A finite number as the scenario reader takes one: all of the text read by
// std::from_chars, after an optional '+'.
bool read_finite_number(const std::string& text, double& value);

class StrictReader {
public:
    explicit StrictReader(std::string file) : file_(std::move(file)) {}

    const std::string& file() const { return file_; }

    // Where a node stands (line and column from 1); the file's start for a node without one.
    core::SourcePosition at(const YAML::Node& node) const;

    // A mapping's keys: each a plain scalar, once, and (when `known` is not empty) known.
    void check_keys(const YAML::Node& map, const std::string& prefix, const std::vector<std::string>& known) const;

    // A non-empty scalar.
    std::string scalar(const YAML::Node& node, const std::string& key, const std::string& expected) const;

    double number(const YAML::Node& node, const std::string& key,
                  const std::string& expected = "a finite number") const;

    bool boolean(const YAML::Node& node, const std::string& key) const;

    template <class T>
    T integer(const YAML::Node& node, const std::string& key, T lo, T hi, const std::string& expected) const {
        const std::string text = scalar(node, key, expected);
        T value{};
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc{} || end != text.data() + text.size()) {
            throw core::InputError(at(node), key, "'" + text + "' is not an integer", expected);
        }
        if (value < lo || value > hi) {
            throw core::InputError(at(node), key, "value " + text + " is out of range", expected);
        }
        return value;
    }

private:
    std::string file_;
};

}  // namespace grassroots::scenario
