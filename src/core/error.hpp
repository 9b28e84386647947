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
        return escape_controls(text);
    }

    // The message is one line whatever the input held: control bytes become escapes.
    static std::string escape_controls(const std::string& text) {
        static const char* hex = "0123456789abcdef";
        std::string out;
        for (const char ch : text) {
            const auto byte = static_cast<unsigned char>(ch);
            if (ch == '\n') {
                out += "\\n";
            } else if (ch == '\t') {
                out += "\\t";
            } else if (ch == '\r') {
                out += "\\r";
            } else if (byte < 0x20 || byte == 0x7f) {
                out += "\\x";
                out += hex[byte >> 4];
                out += hex[byte & 15];
            } else {
                out += ch;
            }
        }
        return out;
    }
};

}  // namespace grassroots::core
