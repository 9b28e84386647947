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
    static std::string format(const SourcePosition& where, const std::string& key, const std::string& problem,
                              const std::string& expected) {
        std::string text = where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": ";
        if (!key.empty()) text += key + ": ";
        text += problem;
        if (!expected.empty()) text += " (expected " + expected + ")";
        return escape_controls(text);
    }

    // Length of the well-formed UTF-8 sequence at text[i] (RFC 3629: no overlongs, no
    // surrogates, nothing past U+10FFFF), or 0 if there is none.
    static std::size_t utf8_length(const std::string& text, std::size_t i) {
        const auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
        const unsigned char b = at(i);
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xbf;  // the range of the second byte
        if (b >= 0xc2 && b <= 0xdf) {
            length = 2;
        } else if (b >= 0xe0 && b <= 0xef) {
            length = 3;
            if (b == 0xe0) low = 0xa0;
            if (b == 0xed) high = 0x9f;
        } else if (b >= 0xf0 && b <= 0xf4) {
            length = 4;
            if (b == 0xf0) low = 0x90;
            if (b == 0xf4) high = 0x8f;
        } else {
            return 0;
        }
        if (i + length > text.size() || at(i + 1) < low || at(i + 1) > high) return 0;
        for (std::size_t k = 2; k < length; ++k) {
            if (at(i + k) < 0x80 || at(i + k) > 0xbf) return 0;
        }
        return length;
    }

    // The message is one line of valid UTF-8 whatever the input held: control bytes and
    // bytes that are not UTF-8 (a binary or Latin-1 file) become \xNN escapes.
    static std::string escape_controls(const std::string& text) {
        static const char* hex = "0123456789abcdef";
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char ch = text[i];
            const auto byte = static_cast<unsigned char>(ch);
            if (byte >= 0x80) {
                const std::size_t length = utf8_length(text, i);
                if (length > 0) {
                    out.append(text, i, length);
                    i += length - 1;
                } else {
                    out += "\\x";
                    out += hex[byte >> 4];
                    out += hex[byte & 15];
                }
            } else if (ch == '\n') {
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
