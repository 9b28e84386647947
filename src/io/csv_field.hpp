#pragma once
// One CSV field as RFC 4180 wants it: quoted, with "" for ", when it holds a comma, a
// quote or a line break (a swept text value or a key might); as it is otherwise.
#include <string>

namespace grassroots::io {

inline std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace grassroots::io
