#include "core/memory.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/resource.h>

#include <fmt/format.h>

namespace grassroots::core {
namespace {

// Limits at or above this mean "no limit" (cgroup v1 reports 2^63 rounded to a page).
constexpr std::uint64_t kUnlimited = std::uint64_t{1} << 62;

std::optional<std::uint64_t> read_number(const std::string& path) {
    std::ifstream in(path);
    std::string text;
    if (!(in >> text)) return std::nullopt;
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;  // e.g. "max"
    return value;
}

// The value of a "Key: N kB" line of a /proc file, in bytes.
std::optional<std::uint64_t> proc_kib_field(const char* path, const std::string& wanted) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string key, unit;
        std::uint64_t kib = 0;
        if (fields >> key >> kib >> unit && key == wanted) return kib * 1024;
    }
    return std::nullopt;
}

std::optional<std::uint64_t> mem_available() { return proc_kib_field("/proc/meminfo", "MemAvailable:"); }

// The memory limit of this process's cgroup, if any: cgroup v2 names the group in
// /proc/self/cgroup as "0::/path"; v1 containers see their own group at the mount point.
std::optional<std::uint64_t> cgroup_limit() {
    std::optional<std::uint64_t> limit;
    const auto lower = [&](std::optional<std::uint64_t> value) {
        if (value && *value < kUnlimited && (!limit || *value < *limit)) limit = value;
    };
    std::ifstream groups("/proc/self/cgroup");
    std::string line;
    while (std::getline(groups, line)) {
        if (!line.starts_with("0::")) continue;
        // Every level up to the root may set a limit; the tightest applies.
        std::string group = line.substr(3);
        for (;;) {
            lower(read_number("/sys/fs/cgroup" + group + "/memory.max"));
            const std::size_t slash = group.find_last_of('/');
            if (slash == std::string::npos || group.size() <= 1) break;
            group = slash == 0 ? "/" : group.substr(0, slash);
        }
    }
    lower(read_number("/sys/fs/cgroup/memory.max"));
    lower(read_number("/sys/fs/cgroup/memory/memory.limit_in_bytes"));
    return limit;
}

}  // namespace

std::optional<MemoryLimit> available_memory() {
    const auto available = mem_available();
    const auto limit = cgroup_limit();
    if (limit && (!available || *limit < *available)) return MemoryLimit{*limit, "the cgroup memory limit"};
    if (available) return MemoryLimit{*available, "available memory (MemAvailable)"};
    return std::nullopt;
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
    std::size_t digits = 0;
    while (digits < text.size() && (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.')) {
        ++digits;
    }
    double number = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + digits, number);
    if (digits == 0 || ec != std::errc{} || end != text.data() + digits) return std::nullopt;
    std::string suffix;
    for (const char c : text.substr(digits)) suffix += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    double scale = 1.0;
    if (!suffix.empty() && suffix != "B") {
        const std::string_view units = "KMGT";
        const std::size_t power = units.find(suffix[0]);
        const std::string_view rest = std::string_view(suffix).substr(1);
        if (power == std::string_view::npos || !(rest.empty() || rest == "B" || rest == "IB")) return std::nullopt;
        scale = std::pow(1024.0, static_cast<double>(power + 1));
    }
    const double bytes = std::round(number * scale);
    if (!(bytes >= 1.0) || bytes > 9.2e18) return std::nullopt;
    return static_cast<std::uint64_t>(bytes);
}

std::string format_size(double bytes) {
    static const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int unit = 0;
    while (bytes >= 1024.0 && unit < 6) {
        bytes /= 1024.0;
        ++unit;
    }
    if (unit == 0) return fmt::format("{:.0f} bytes", bytes);
    return fmt::format(fmt::runtime(bytes < 10    ? "{:.2f} {}"
                                    : bytes < 100 ? "{:.1f} {}"
                                                  : "{:.0f} {}"),
                       bytes, units[unit]);
}

std::uint64_t peak_memory_bytes() {
    // VmHWM is this program's own high-water mark. getrusage's ru_maxrss is kept across
    // exec, so a run started by a larger process (a Python script: 17 MB) reported that
    // process's peak as its own.
    if (const auto hwm = proc_kib_field("/proc/self/status", "VmHWM:")) return *hwm;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

}  // namespace grassroots::core
