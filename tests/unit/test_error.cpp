// InputError messages are one line of valid UTF-8 whatever bytes the input held.
#include "catch.hpp"
#include "core/error.hpp"

using grassroots::core::InputError;

namespace {

std::string message(const std::string& problem) { return InputError({"f.yaml", 2, 3}, "key", problem).what(); }

}  // namespace

TEST_CASE("InputError keeps valid UTF-8 and escapes everything else", "[error]") {
    CHECK(message("plain") == "f.yaml:2:3: key: plain");
    CHECK(message("caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80") ==
          "f.yaml:2:3: key: caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80");
    CHECK(message("a\nb\tc\rd\x01") == "f.yaml:2:3: key: a\\nb\\tc\\rd\\x01");
    // Latin-1, a lone continuation byte, a truncated sequence, an overlong encoding and a
    // UTF-16 surrogate are not UTF-8.
    CHECK(message("b\xff\xfe"
                  "ad") == "f.yaml:2:3: key: b\\xff\\xfead");
    CHECK(message("\x80") == "f.yaml:2:3: key: \\x80");
    CHECK(message("\xe4\xb8") == "f.yaml:2:3: key: \\xe4\\xb8");
    CHECK(message("\xc0\xaf") == "f.yaml:2:3: key: \\xc0\\xaf");
    CHECK(message("\xed\xa0\x80") == "f.yaml:2:3: key: \\xed\\xa0\\x80");
}
