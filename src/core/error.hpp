#pragma once
// Errors a user can fix (bad scenario, bad edge list, bad command line) are InputError:
// the CLI prints their one-line message and exits with code 2. Anything else is exit 1.
#include <stdexcept>
#include <string>

namespace grassroots::core {

struct SourcePosition {
    std::string file;
    int line = 0;    // 1-based; 0 when unknown
    int column = 0;  // 1-based; 0 when unknown
};

class InputError : public std::runtime_error {
public:
    // Message: "FILE:LINE:COL: KEY: PROBLEM (expected EXPECTED)".
    InputError(const SourcePosition& where, const std::string& key, const std::string& problem,
               const std::string& expected = {})
        : std::runtime_error(format(where, key, problem, expected)) {}

private:
    static std::string format(const SourcePosition& where, const std::string& key,
                              const std::string& problem, const std::string& expected) {
        std::string text = where.file + ":" + std::to_string(where.line) + ":" +
                           std::to_string(where.column) + ": ";
        if (!key.empty()) text += key + ": ";
        text += problem;
        if (!expected.empty()) text += " (expected " + expected + ")";
        return text;
    }
};

}  // namespace grassroots::core
