// The writer side of the schema: Scenario -> resolved YAML with every default filled in.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>
#include <type_traits>
#include <vector>

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
        key_line();
        out_ << YAML::Key << key << YAML::Value;
        if (reads_as_non_string(field)) out_ << YAML::DoubleQuoted;
        out_ << field;
    }
    void path(const char* key, const std::string& field) {
        key_line();
        out_ << YAML::Key << key << YAML::Value << field;
    }
    void flag(const char* key, bool field) {
        key_line();
        out_ << YAML::Key << key << YAML::Value << (field ? "true" : "false");
    }

    template <class T>
    void number(const char* key, T field, const Limits& limits) {
        key_line(limits.unit);
        out_ << YAML::Key << key << YAML::Value << format_number(field);
    }

    template <class T>
    void numbers(const char* key, const std::vector<T>& field, const Limits& limits) {
        key_line(limits.unit);
        out_ << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (T value : field) out_ << format_number(value);
        out_ << YAML::EndSeq;
    }

    template <class Enum, std::size_t N>
    void choice(const char* key, Enum field, const std::array<std::pair<Enum, const char*>, N>& names) {
        key_line();
        for (const auto& [value, name] : names) {
            if (value == field) out_ << YAML::Key << key << YAML::Value << name;
        }
    }

    template <class Fn>
    void section(const char* key, Fn&& fn) {
        key_line();
        out_ << YAML::Key << key << YAML::Value << YAML::BeginMap;
        fn();
        out_ << YAML::EndMap;
    }

    template <class T, class Fn>
    void list(const char* key, std::vector<T>& items, Fn&& fn) {
        key_line();
        out_ << YAML::Key << key << YAML::Value << YAML::BeginSeq;
        for (T& item : items) {
            // Block style, one key a line, so that each number has its unit above it.
            out_ << YAML::BeginMap;
            fn(item);
            out_ << YAML::EndMap;
        }
        out_ << YAML::EndSeq;
    }

    void require(bool, const std::string&, const std::string&, const std::string&) {}

    // Each key written, in order, with the unit of its number ("" if none): block style
    // puts every key on a line of its own, in this order.
    const std::vector<const char*>& key_units() const { return units_; }

private:
    YAML::Emitter& out_;
    std::vector<const char*> units_;

    void key_line(const char* unit = "") { units_.push_back(unit); }
};

// The emitted YAML with each number's unit as a comment line above its key (at the key's
// indentation), so that check's output and scenario.yaml say what every number counts while
// each `key: value` line stays as YAML writes it. Unchanged if the lines do not match the
// keys one to one (they always do in block style; this guards a change of style).
std::string with_unit_comments(const std::string& yaml, const std::vector<const char*>& units) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start < yaml.size();) {
        const std::size_t end = std::min(yaml.find('\n', start), yaml.size());
        lines.push_back(std::string_view(yaml).substr(start, end - start));
        start = end + 1;
    }
    if (lines.size() != units.size()) return yaml;
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (*units[i]) {
            const std::size_t indent = lines[i].find_first_not_of(' ');
            out.append(indent == std::string_view::npos ? 0 : indent, ' ');
            out += std::string("# ") + units[i] + "\n";
        }
        out += lines[i];
        out += '\n';
    }
    return out;
}

}  // namespace

std::string dump_scenario(const Scenario& s) {
    Scenario copy = s;
    YAML::Emitter out;
    out << YAML::BeginMap;
    Writer writer(out);
    describe(copy, writer);
    out << YAML::EndMap;
    return "# Resolved scenario: every key with its value, defaults filled in.\n"
           "# The comment line above a number says its unit.\n" +
           with_unit_comments(out.c_str(), writer.key_units());
}

}  // namespace grassroots::scenario
