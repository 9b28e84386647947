// The writer side of the schema: Scenario -> resolved YAML with every default filled in.
#include <cctype>
#include <charconv>
#include <string_view>
#include <type_traits>

#include <yaml-cpp/yaml.h>

#include "scenario/load.hpp"
#include "scenario/schema.hpp"

namespace grassroots::scenario {
namespace {

// Shortest text that reads back as the same value, so a resolved scenario replays exactly,
// and that YAML 1.1 readers (PyYAML's safe_load) also take for a number. Their floats need a
// dot in the mantissa and a sign in the exponent: to_chars writes 2e-04 and 1e+12, which they
// read as strings; 2.0e-04 and 1.0e+12 are the same doubles to std::from_chars and floats to
// them. (to_chars always signs its exponent; integers and fixed notation need nothing.)
template <class T>
std::string format_number(T value) {
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string text(buffer, ec == std::errc{} ? end : buffer);
    if constexpr (std::is_floating_point_v<T>) {
        const std::size_t exponent = text.find('e');
        if (exponent != std::string::npos && text.find('.') == std::string::npos) text.insert(exponent, ".0");
    }
    return text;
}

// Names are free text to yaml-cpp but not to YAML 1.1 readers, which take a plain 123, 1.5,
// 010 (octal 8), 2024-01-01 (a date), yes or off for numbers, dates and booleans. Such a
// name is written quoted; both read a quoted scalar as the same string.
bool reads_as_non_string(const std::string& text) {
    if (text.empty() || std::string_view("0123456789+-.~").find(text.front()) != std::string_view::npos) return true;
    std::string lower;
    for (const char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* word : {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}) {
        if (lower == word) return true;
    }
    return false;
}

class Writer {
public:
    explicit Writer(YAML::Emitter& out) : out_(out) {}

    void text(const char* key, const std::string& field) {
        out_ << YAML::Key << key << YAML::Value;
        if (reads_as_non_string(field)) out_ << YAML::DoubleQuoted;
        out_ << field;
    }
    void path(const char* key, const std::string& field) { out_ << YAML::Key << key << YAML::Value << field; }
    void flag(const char* key, bool field) { out_ << YAML::Key << key << YAML::Value << (field ? "true" : "false"); }

    template <class T>
    void number(const char* key, T field, const Limits& limits) {
        out_ << YAML::Key << key << YAML::Value << format_number(field);
        unit_comment(limits);
    }

    template <class T>
    void numbers(const char* key, const std::vector<T>& field, const Limits& limits) {
        out_ << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (T value : field) out_ << format_number(value);
        out_ << YAML::EndSeq;
        unit_comment(limits);
    }

    template <class Enum, std::size_t N>
    void choice(const char* key, Enum field, const std::array<std::pair<Enum, const char*>, N>& names) {
        for (const auto& [value, name] : names) {
            if (value == field) out_ << YAML::Key << key << YAML::Value << name;
        }
    }

    template <class Fn>
    void section(const char* key, Fn&& fn) {
        out_ << YAML::Key << key << YAML::Value << YAML::BeginMap;
        fn();
        out_ << YAML::EndMap;
    }

    template <class T, class Fn>
    void list(const char* key, std::vector<T>& items, Fn&& fn) {
        out_ << YAML::Key << key << YAML::Value << YAML::BeginSeq;
        for (T& item : items) {
            // Block style, one key a line, so that each number carries its unit.
            out_ << YAML::BeginMap;
            fn(item);
            out_ << YAML::EndMap;
        }
        out_ << YAML::EndSeq;
    }

    void require(bool, const std::string&, const std::string&, const std::string&) {}

private:
    YAML::Emitter& out_;

    // The unit as a comment after the value: check's output and scenario.yaml say what
    // every number counts, and readers of the YAML ignore it.
    void unit_comment(const Limits& limits) {
        if (*limits.unit) out_ << YAML::Comment(limits.unit);
    }
};

}  // namespace

std::string dump_scenario(const Scenario& s) {
    Scenario copy = s;
    YAML::Emitter out;
    out << YAML::BeginMap;
    Writer writer(out);
    describe(copy, writer);
    out << YAML::EndMap;
    return std::string("# Resolved scenario: every key with its value, defaults filled in.\n") + out.c_str() + "\n";
}

}  // namespace grassroots::scenario
