// The reader side of the schema: YAML document -> validated Scenario.
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <type_traits>

#include <yaml-cpp/yaml.h>

#include "scenario/load.hpp"
#include "scenario/mapping_keys.hpp"
#include "scenario/overrides.hpp"
#include "scenario/schema.hpp"
#include "scenario/suggest.hpp"
#include "scenario/yaml_document.hpp"

namespace grassroots::scenario {
namespace {

using core::InputError;
using core::SourcePosition;

// Parses a whole scalar as a number of type T; nullopt-like false when it is not one.
template <class T>
bool parse_number(const std::string& text, T& out) {
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (first != last && *first == '+') ++first;
    if constexpr (std::is_floating_point_v<T>) {
        const auto [end, ec] = std::from_chars(first, last, out);
        return ec == std::errc{} && end == last;
    } else {
        const auto [end, ec] = std::from_chars(first, last, out);
        if (ec == std::errc{} && end == last) return true;
        // Accept integral values written as decimals or in exponent form (1e6, 100.0),
        // only where a double holds them exactly.
        double value = 0.0;
        const auto [dend, dec] = std::from_chars(first, last, value);
        if (dec != std::errc{} || dend != last || !std::isfinite(value)) return false;
        if (value != std::floor(value) || std::abs(value) > 9007199254740992.0) return false;
        if (value < static_cast<double>(std::numeric_limits<T>::min()) ||
            value > static_cast<double>(std::numeric_limits<T>::max()))
            return false;
        out = static_cast<T>(value);
        return true;
    }
}

// Where the i-th override came from: given, or the i-th --set option.
SourcePosition override_origin(const std::vector<SourcePosition>& origins, std::size_t i) {
    return i < origins.size() ? origins[i] : SourcePosition{"--set", 1, static_cast<int>(i) + 1};
}

// YAML's spellings of infinity and not-a-number.
bool is_yaml_special(const std::string& s) {
    static const char* kSpecial[] = {".inf",  ".Inf",  ".INF",  "+.inf", "+.Inf", "+.INF",
                                     "-.inf", "-.Inf", "-.INF", ".nan",  ".NaN",  ".NAN"};
    for (const char* special : kSpecial) {
        if (s == special) return true;
    }
    return false;
}

class Reader {
public:
    Reader(const YAML::Node& root, std::string file, std::string base_dir, const std::vector<std::string>& overrides,
           const std::vector<SourcePosition>& origins, Scenario& s)
        : file_(std::move(file)),
          base_dir_(std::move(base_dir)),
          overrides_(overrides),
          origins_(origins),
          scenario_(s) {
        if (!root.IsMap()) {
            const SourcePosition start{file_, 1, 1};  // an empty document has no position of its own
            throw InputError(root.Mark().is_null() ? start : position(root.Mark()), "",
                             root.IsNull() ? "empty scenario" : "the document is not a mapping",
                             "a mapping of scenario keys such as name, ticks, population");
        }
        enter(root, "", position(root.Mark()));
    }

    void finish() { leave(); }

    void text(const char* key, std::string& field) {
        const YAML::Node node = scalar(key);
        if (node.IsDefined()) field = node.Scalar();
        if (!valid_name(field)) {
            throw InputError(where(key, node), dotted(key),
                             field.empty() ? "missing name" : "invalid name '" + field + "'", kNameRule);
        }
    }

    void path(const char* key, std::string& field) {
        const YAML::Node node = scalar(key);
        if (node.IsDefined()) field = node.Scalar();
        if (field.empty()) {
            throw InputError(where(key, node), dotted(key), "missing path",
                             "the path of an edge-list file, relative to the scenario file");
        }
        // A control byte (a tab, a stray carriage return before the end of the file) is never
        // meant, and YAML cannot write every one back unchanged into the resolved scenario.
        for (const char c : field) {
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                throw InputError(where(key, node), dotted(key), "the path holds a control character",
                                 "a file name of printable characters");
            }
        }
        std::filesystem::path p(field);
        if (p.is_relative()) p = std::filesystem::path(base_dir_) / p;
        field = std::filesystem::absolute(p).lexically_normal().string();
    }

    void flag(const char* key, bool& field) {
        const YAML::Node node = scalar(key);
        if (!node.IsDefined()) return;
        const std::string& s = node.Scalar();
        if (s == "true") {
            field = true;
        } else if (s == "false") {
            field = false;
        } else {
            throw InputError(where(key, node), dotted(key), "'" + s + "' is not a boolean", "true or false");
        }
    }

    template <class T>
    void number(const char* key, T& field, const Limits& limits) {
        const YAML::Node node = scalar(key);
        if (!node.IsDefined()) return;
        const std::string& s = node.Scalar();
        T value{};
        if (!parse_number(s, value)) {
            const bool integral_field = !std::is_floating_point_v<T>;
            double d = 0.0;
            const bool is_number = parse_number(s, d);
            std::string problem = "'" + s + "' is not a number";
            if (is_yaml_special(s) || (is_number && !std::isfinite(d))) {
                problem = "'" + s + "' is not a finite number";
            } else if (is_number && integral_field && d == std::floor(d)) {
                problem = "value " + s + " is out of range";
            } else if (is_number && integral_field) {
                problem = "'" + s + "' is not an integer";
            }
            throw InputError(where(key, node), dotted(key), problem, limits.expected);
        }
        if constexpr (std::is_floating_point_v<T>) {
            if (!std::isfinite(value)) {
                throw InputError(where(key, node), dotted(key), "'" + s + "' is not a finite number", limits.expected);
            }
        }
        if (!limits.allows(static_cast<double>(value))) {
            throw InputError(where(key, node), dotted(key), "value " + s + " is out of range", limits.expected);
        }
        field = value;
    }

    template <class T>
    void numbers(const char* key, std::vector<T>& field, const Limits& limits) {
        const YAML::Node node = child(key);
        if (!node.IsDefined()) return;
        if (!node.IsSequence() || node.size() == 0) {
            throw InputError(where(key, node), dotted(key), "not a non-empty list of numbers",
                             std::string("a list such as [100, 1000] of ") + limits.expected);
        }
        field.clear();
        for (std::size_t i = 0; i < node.size(); ++i) {
            const std::string item_key = dotted(key) + "." + std::to_string(i);
            const YAML::Node element = node[i];
            T value{};
            if (!element.IsScalar() || !parse_number(element.Scalar(), value) ||
                !limits.allows(static_cast<double>(value))) {
                throw InputError(position(element.Mark()), item_key,
                                 "'" + (element.IsScalar() ? element.Scalar() : std::string("?")) + "' is not allowed",
                                 limits.expected);
            }
            field.push_back(value);
        }
    }

    template <class Enum, std::size_t N>
    void choice(const char* key, Enum& field, const std::array<std::pair<Enum, const char*>, N>& names) {
        const YAML::Node node = scalar(key);
        if (!node.IsDefined()) return;
        std::vector<std::string> options;
        for (const auto& [value, name] : names) {
            if (node.Scalar() == name) {
                field = value;
                return;
            }
            options.emplace_back(name);
        }
        std::string expected = "one of";
        for (std::size_t i = 0; i < options.size(); ++i) expected += (i ? ", " : " ") + options[i];
        std::string problem = "unknown value '" + node.Scalar() + "'";
        const std::string guess = closest_match(node.Scalar(), options);
        if (!guess.empty()) problem += " (did you mean " + guess + "?)";
        throw InputError(where(key, node), dotted(key), problem, expected);
    }

    template <class Fn>
    void section(const char* key, Fn&& fn) {
        const YAML::Node node = child(key);
        if (node.IsDefined() && !node.IsNull() && !node.IsMap()) {
            throw InputError(where(key, node), dotted(key), "not a mapping",
                             "a mapping of keys under '" + dotted(key) + "'");
        }
        const YAML::Node map = node.IsDefined() && node.IsMap() ? node : YAML::Node(YAML::NodeType::Map);
        enter(map, dotted(key), where(key, node));
        fn();
        leave();
    }

    template <class T, class Fn>
    void list(const char* key, std::vector<T>& items, Fn&& fn) {
        const YAML::Node node = child(key);
        if (!node.IsDefined()) return;
        if (!node.IsSequence() || node.size() == 0) {
            throw InputError(where(key, node), dotted(key), "not a non-empty list",
                             "a list of mappings, e.g. - {name: young, share: 1.0}");
        }
        if (node.size() > kMaxListItems) {
            throw InputError(where(key, node), dotted(key), std::to_string(node.size()) + " items",
                             "at most " + std::to_string(kMaxListItems) + " (a user's cohort is one byte)");
        }
        items.clear();
        for (std::size_t i = 0; i < node.size(); ++i) {
            const YAML::Node element = node[i];
            const std::string prefix = dotted(key) + "." + std::to_string(i);
            if (!element.IsMap()) {
                throw InputError(position(element.Mark()), prefix, "list item is not a mapping",
                                 "a mapping such as {name: young, share: 1.0}");
            }
            items.emplace_back();
            enter(element, prefix, position(element.Mark()));
            fn(items.back());
            leave();
        }
    }

    void require(bool ok, const std::string& key, const std::string& problem, const std::string& expected) {
        if (ok) return;
        const std::string full = frames_.back().prefix.empty() ? key : frames_.back().prefix + "." + key;
        const auto found = scenario_.positions.find(full);
        const SourcePosition pos = found != scenario_.positions.end() ? found->second : frames_.back().where;
        throw InputError(pos, full, problem, expected);
    }

private:
    struct Frame {
        YAML::Node map;
        std::string prefix;
        SourcePosition where;
        std::vector<std::string> known;
    };

    // Nodes made by a --set override have no mark: they are named by the override's
    // place among the --set options, found by its key.
    SourcePosition position(const YAML::Mark& mark, const std::string& dotted_key = "") const {
        if (!mark.is_null()) return {file_, mark.line + 1, mark.column + 1};
        for (std::size_t i = overrides_.size(); i-- > 0;) {
            const std::string key = overrides_[i].substr(0, overrides_[i].find('='));
            if (!dotted_key.empty() && (dotted_key == key || key.rfind(dotted_key + ".", 0) == 0)) {
                return override_origin(origins_, i);
            }
        }
        return override_origin(origins_, 0);
    }

    std::string dotted(const char* key) const {
        return frames_.back().prefix.empty() ? key : frames_.back().prefix + "." + key;
    }

    // Where to point an error about `key`: its value if present, else its section.
    SourcePosition where(const char* key, const YAML::Node& node) const {
        return node.IsDefined() ? position(node.Mark(), dotted(key)) : frames_.back().where;
    }

    // Enters a mapping: rejects duplicate and non-scalar keys up front.
    void enter(const YAML::Node& map, std::string prefix, SourcePosition where) {
        if (const auto p = malformed_key(map, prefix)) {
            throw InputError(position(p->key.Mark()), p->dotted, p->problem, p->expected);
        }
        frames_.push_back(Frame{map, std::move(prefix), std::move(where), {}});
    }

    // Leaves a mapping: any key the schema did not ask for is an error.
    void leave() {
        const Frame& frame = frames_.back();
        if (const auto p = unknown_key(frame.map, frame.prefix, frame.known)) {
            throw InputError(position(p->key.Mark(), p->dotted), p->dotted, p->problem, p->expected);
        }
        frames_.pop_back();
    }

    YAML::Node child(const char* key) {
        Frame& frame = frames_.back();
        frame.known.emplace_back(key);
        for (const auto& entry : frame.map) {
            if (entry.first.Scalar() == key) {
                scenario_.positions[dotted(key)] = position(entry.second.Mark(), dotted(key));
                return entry.second;
            }
        }
        return YAML::Node(YAML::NodeType::Undefined);
    }

    YAML::Node scalar(const char* key) {
        YAML::Node node = child(key);
        if (!node.IsDefined()) return node;
        if (node.IsNull()) {
            throw InputError(where(key, node), dotted(key), "missing value", "a value after the colon");
        }
        if (!node.IsScalar()) {
            throw InputError(where(key, node), dotted(key),
                             node.IsMap() ? "a mapping where a value belongs" : "a list where a value belongs",
                             "a single value");
        }
        return node;
    }

    std::string file_;
    std::string base_dir_;
    const std::vector<std::string>& overrides_;
    const std::vector<SourcePosition>& origins_;
    Scenario& scenario_;
    std::vector<Frame> frames_;
};

}  // namespace

std::string read_scenario_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw InputError({path, 0, 0}, "", "is a directory", "a YAML file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError({path, 0, 0}, "", "cannot open the file", "a readable YAML file");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw InputError({path, 0, 0}, "", "cannot read the file", "a readable YAML file");
    return text.str();
}

Scenario parse_scenario(const std::string& text, const std::string& file_label, const std::string& base_dir,
                        const std::vector<std::string>& overrides, const std::vector<core::SourcePosition>& origins) {
    YAML::Node root = load_single_document(text, file_label, "scenario");
    for (std::size_t i = 0; i < overrides.size(); ++i) {
        apply_override(root, overrides[i], override_origin(origins, i));
    }

    Scenario s;
    s.source_file = file_label;
    Reader reader(root, file_label, base_dir, overrides, origins, s);
    describe(s, reader);
    reader.finish();
    return s;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
    const std::string text = read_scenario_file(path);
    const std::string base_dir = std::filesystem::absolute(path).parent_path().string();
    return parse_scenario(text, path, base_dir, overrides);
}

core::SourcePosition position_of(const Scenario& s, const std::string& dotted_key) {
    const auto found = s.positions.find(dotted_key);
    if (found != s.positions.end()) return found->second;
    return {s.source_file, 0, 0};
}

bool valid_name(const std::string& s) {
    if (s.empty() || s.size() > 64 || s.find_first_not_of('.') == std::string::npos) return false;
    for (const char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                        c == '-' || c == '.';
        if (!ok) return false;
    }
    return true;
}

}  // namespace grassroots::scenario
