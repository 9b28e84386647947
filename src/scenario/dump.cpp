// The writer side of the schema: Scenario -> resolved YAML with every default filled in.
#include <charconv>
#include <type_traits>

#include <yaml-cpp/yaml.h>

#include "scenario/load.hpp"
#include "scenario/schema.hpp"

namespace grassroots::scenario {
namespace {

// Shortest text that reads back as the same value, so a resolved scenario replays exactly.
template <class T>
std::string format_number(T value) {
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, ec == std::errc{} ? end : buffer);
}

class Writer {
public:
    explicit Writer(YAML::Emitter& out) : out_(out) {}

    void text(const char* key, const std::string& field) { out_ << YAML::Key << key << YAML::Value << field; }
    void path(const char* key, const std::string& field) { text(key, field); }
    void flag(const char* key, bool field) { out_ << YAML::Key << key << YAML::Value << (field ? "true" : "false"); }

    template <class T>
    void number(const char* key, T field, const Limits&) {
        out_ << YAML::Key << key << YAML::Value << format_number(field);
    }

    template <class T>
    void numbers(const char* key, const std::vector<T>& field, const Limits&) {
        out_ << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (T value : field) out_ << format_number(value);
        out_ << YAML::EndSeq;
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
            out_ << YAML::Flow << YAML::BeginMap;
            fn(item);
            out_ << YAML::EndMap;
        }
        out_ << YAML::EndSeq;
    }

    void require(bool, const std::string&, const std::string&, const std::string&) {}

private:
    YAML::Emitter& out_;
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
