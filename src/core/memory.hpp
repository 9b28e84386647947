#pragma once
// How much memory a run may use: what the machine has available (MemAvailable), capped by
// the container's cgroup limit, or what --max-memory says; and the SIZE syntax of that
// option. No model knowledge here: model/memory_estimate.hpp says what a run needs.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace grassroots::core {

struct MemoryLimit {
    std::uint64_t bytes = 0;
    std::string source;  // where the figure comes from, for messages
};

// MemAvailable from /proc/meminfo, lowered to a cgroup memory limit if one is set (v2
// memory.max or v1 memory.limit_in_bytes); nullopt if neither can be read.
std::optional<MemoryLimit> available_memory();

// "512M", "8G", "1.5G", "100000", "64K", "2T": a positive number with an optional binary
// suffix K, M, G or T (KiB, MiB, GiB, TiB; case-insensitive, a trailing B or iB allowed).
// nullopt for anything else, zero or more than 2^63 bytes.
std::optional<std::uint64_t> parse_size(std::string_view text);

// The process's peak resident memory so far (VmHWM; getrusage's ru_maxrss where /proc
// is missing).
std::uint64_t peak_memory_bytes();

// 1536 -> "1.5 KiB", 208000000 -> "198 MiB": three significant digits, binary units.
std::string format_size(double bytes);

}  // namespace grassroots::core
