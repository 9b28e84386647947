#include "scenario/overrides.hpp"

#include <charconv>
#include <vector>

#include "core/error.hpp"

namespace grassroots::scenario {
namespace {

using core::InputError;

std::vector<std::string> split_dotted(const std::string& key) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = key.find('.', start);
        parts.push_back(key.substr(start, dot - start));
        if (dot == std::string::npos) return parts;
        start = dot + 1;
    }
}

}  // namespace

void apply_override(YAML::Node& root, const std::string& assignment, const core::SourcePosition& where) {
    const std::size_t eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0) {
        throw InputError(where, assignment, "not KEY=VALUE", "a dotted key and a value, e.g. creators.share=0.05");
    }
    const std::string key = assignment.substr(0, eq);
    const std::vector<std::string> parts = split_dotted(key);
    for (const std::string& part : parts) {
        if (part.empty()) throw InputError(where, key, "empty part in dotted key", "e.g. creators.share");
    }
    if (!root.IsMap() && !root.IsNull()) {
        throw InputError(where, key, "the scenario is not a mapping", "a scenario file");
    }

    YAML::Node current = root;
    std::string walked;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string& part = parts[i];
        walked += (i ? "." : "") + part;
        const bool last = i + 1 == parts.size();
        if (current.IsSequence()) {
            std::size_t item = 0;
            const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), item);
            if (ec != std::errc{} || end != part.data() + part.size() || item >= current.size()) {
                throw InputError(where, walked, "no list item '" + part + "'",
                                 "an index below " + std::to_string(current.size()));
            }
            if (last) {
                current[item] = assignment.substr(eq + 1);
                return;
            }
            current.reset(current[item]);
            continue;
        }
        if (current.IsScalar()) {
            throw InputError(where, walked, "is a value, not a section", "a dotted path to a value");
        }
        if (last) {
            // Removing first drops the file's mark, so errors name the --set, not the file.
            current.remove(part);
            current[part] = assignment.substr(eq + 1);
            return;
        }
        YAML::Node next = current[part];
        if (!next.IsDefined() || next.IsNull()) {
            // A missing section can be made, a missing list cannot: its items are unknown.
            const std::string& following = parts[i + 1];
            if (following.find_first_not_of("0123456789") == std::string::npos) {
                throw InputError(where, walked, "is not a list in the file, so it has no item " + following,
                                 "a list the scenario file writes out, e.g. population.cohorts");
            }
            current[part] = YAML::Node(YAML::NodeType::Map);
        }
        current.reset(current[part]);
    }
}

}  // namespace grassroots::scenario
