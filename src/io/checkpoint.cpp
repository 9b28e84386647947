#include "io/checkpoint.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "core/build_info.hpp"
#include "core/error.hpp"
#include "io/atomic_file.hpp"

namespace grassroots::io {
namespace {

namespace fs = std::filesystem;
using model::World;

constexpr char kMagic[16] = {'g', 'r', 'a', 's', 's', 'r', 'o', 'o', 't', 's', '-', 'c', 'k', 'p', 't', '\n'};
// 2: users' daily activity, Flows' views by feed source and expired items; 3: seen filters;
// 4: needs met offline; 5: issue 12: live commerce as a market (hosts' tallies and
// audiences, merchants' commission rates, views of sessions, flows by cohort), creators'
// income at the last check and recent income, social commerce's sellers and orders,
// tourism needs and orders, merchants' joined_via and aggregator fees.
constexpr std::uint32_t kFormatVersion = 6;  // 6: row tables with 32- or 64-bit starts
constexpr std::uint32_t kByteOrderMark = 0x01020304;

// Columns are listed by hand below; these fail the build when one is added to the world
// or the carried state without being saved (add it to save_state, then fix the count).
constexpr std::size_t kVector = sizeof(std::vector<int>);
static_assert(sizeof(model::Users) == 6 * kVector, "a Users column is not in the checkpoint");
static_assert(sizeof(model::Creators) == 22 * kVector, "a Creators column is not in the checkpoint");
static_assert(sizeof(model::Items) == 8 + 12 * kVector, "an Items column is not in the checkpoint");
static_assert(sizeof(model::Merchants) == 10 * kVector, "a Merchants column is not in the checkpoint");
static_assert(sizeof(World) == sizeof(graph::SocialGraph) + sizeof(model::Users) + sizeof(model::Creators) +
                                   sizeof(model::Items) + 11 * kVector + 2 * sizeof(core::Bitmap) +
                                   sizeof(model::Merchants) + 8 + 8 +  // viewed_base, regions (padded)
                                   sizeof(model::SeenFilters),
              "a World member is not in the checkpoint");
static_assert(sizeof(model::RowStarts) == 2 * kVector, "a RowStarts member is not in the checkpoint");
static_assert(sizeof(model::SeenFilters) == 8 + 4 + 4 + 2 * kVector,  // shape, generation_start (padded)
              "a World member is not in the checkpoint");
static_assert(sizeof(model::CohortFlows) == 3 * kVector, "a CohortFlows column is not in the checkpoint");
static_assert(sizeof(model::SimulationState) ==
                  8 + 2 * sizeof(model::Flows) + 8 + kVector + 2 * sizeof(model::CohortFlows),
              "a SimulationState member is not in the checkpoint");
// Flows are saved as raw bytes: every member is an 8-byte integer.
static_assert(std::is_trivially_copyable_v<model::Flows> && sizeof(model::Flows) % 8 == 0);

// A 64-bit checksum over a byte stream, word by word. Each step is a bijection of the
// running value for a fixed word, so any single changed word changes the result; other
// damage goes unnoticed with chance about 2^-64.
class Checksum {
public:
    void update(const void* data, std::size_t n) {
        // An empty column's data() may be null, which memcpy must not get even for 0 bytes
        // (UndefinedBehaviorSanitizer stops the run there).
        if (n == 0) return;
        const auto* bytes = static_cast<const unsigned char*>(data);
        length_ += n;
        if (pending_size_ > 0) {
            const std::size_t take = std::min(n, 8 - pending_size_);
            std::memcpy(pending_ + pending_size_, bytes, take);
            pending_size_ += take;
            bytes += take;
            n -= take;
            if (pending_size_ < 8) return;
            mix(load(pending_));
            pending_size_ = 0;
        }
        for (; n >= 8; n -= 8, bytes += 8) mix(load(bytes));
        std::memcpy(pending_, bytes, n);
        pending_size_ = n;
    }
    std::uint64_t value() const {
        Checksum copy = *this;
        unsigned char tail[8] = {};
        std::memcpy(tail, pending_, pending_size_);
        copy.mix(load(tail));
        copy.mix(length_);
        return copy.hash_;
    }

private:
    static std::uint64_t load(const unsigned char* p) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        return w;
    }
    void mix(std::uint64_t word) {
        hash_ = (hash_ ^ word) * 0x9E3779B97F4A7C15ull;
        hash_ ^= hash_ >> 32;
    }

    std::uint64_t hash_ = 0x6772617373726f6full;
    std::uint64_t length_ = 0;
    unsigned char pending_[8] = {};
    std::size_t pending_size_ = 0;
};

// Streams the checkpoint to a temporary file through a buffer, hashing what it writes.
class Writer {
public:
    explicit Writer(const fs::path& path) : path_(path), temporary_(fs::path(path) += ".tmp") {
        fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (fd_ < 0) fail(errno);
        buffer_.reserve(kBufferSize);
    }
    ~Writer() {
        if (fd_ >= 0) {
            ::close(fd_);
            ::unlink(temporary_.c_str());
        }
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void bytes(const void* data, std::size_t n) {
        if (n == 0) return;  // an empty column's data() may be null
        checksum_.update(data, n);
        const auto* p = static_cast<const char*>(data);
        if (buffer_.size() + n > kBufferSize) flush();
        if (n >= kBufferSize) {
            write_all(p, n);
        } else {
            buffer_.append(p, n);
        }
    }
    template <class T>
    void scalar(T value) {
        static_assert(std::is_trivially_copyable_v<T>);
        bytes(&value, sizeof value);
    }
    template <class T>
    void value(const T& v) {
        scalar(v);
    }
    template <class T>
    void column(const std::vector<T>& values) {
        static_assert(std::is_trivially_copyable_v<T>);
        scalar<std::uint64_t>(values.size());
        bytes(values.data(), values.size() * sizeof(T));
    }
    void text(std::string_view s) {
        scalar<std::uint64_t>(s.size());
        bytes(s.data(), s.size());
    }

    // Appends the checksum, makes the file durable and renames it over `path`.
    void commit() {
        const std::uint64_t sum = checksum_.value();
        buffer_.append(reinterpret_cast<const char*>(&sum), sizeof sum);
        flush();
        if (::fsync(fd_) != 0) fail(errno);
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) {
            const int error = errno;
            ::unlink(temporary_.c_str());
            fail(error);
        }
        if (::rename(temporary_.c_str(), path_.c_str()) != 0) {
            const int error = errno;
            ::unlink(temporary_.c_str());
            fail(error);
        }
        sync_directory_of(path_);
    }

private:
    static constexpr std::size_t kBufferSize = std::size_t{1} << 22;

    void flush() {
        write_all(buffer_.data(), buffer_.size());
        buffer_.clear();
    }
    void write_all(const char* p, std::size_t n) {
        while (n > 0) {
            const ssize_t written = ::write(fd_, p, n);
            if (written < 0) {
                if (errno == EINTR) continue;
                fail(errno);
            }
            p += written;
            n -= static_cast<std::size_t>(written);
        }
    }
    [[noreturn]] void fail(int error) const {
        throw WriteError("cannot write checkpoint " + path_.string() + ": " + std::strerror(error));
    }

    fs::path path_;
    fs::path temporary_;
    int fd_ = -1;
    std::string buffer_;
    Checksum checksum_;
};

[[noreturn]] void refuse(const fs::path& path, const std::string& problem, const std::string& expected) {
    throw core::InputError({path.string(), 0, 0}, "checkpoint", problem, expected);
}

[[noreturn]] void corrupt(const fs::path& path) {
    refuse(path, "corrupt or truncated (its checksum does not match)",
           "a complete checkpoint: run again, or resume from an intact copy");
}

// Reads a checkpoint whose checksum was verified; still checks every count against the
// bytes left, so that no damage the checksum missed can ask for a huge allocation.
class Reader {
public:
    Reader(const fs::path& path, std::uint64_t offset) : path_(path) {
        file_ = std::fopen(path.c_str(), "rb");
        if (!file_) refuse(path, std::string("cannot open: ") + std::strerror(errno), "a readable file");
        std::fseek(file_, 0, SEEK_END);
        const long size = std::ftell(file_);
        end_ = size >= 8 ? static_cast<std::uint64_t>(size) - 8 : 0;  // the checksum follows
        std::fseek(file_, static_cast<long>(offset), SEEK_SET);
        position_ = offset;
    }
    ~Reader() { std::fclose(file_); }
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    void bytes(void* data, std::size_t n) {
        if (n == 0) return;  // an empty column's data() may be null
        if (n > end_ - position_ || std::fread(data, 1, n, file_) != n) corrupt(path_);
        position_ += n;
    }
    template <class T>
    T scalar() {
        T value;
        bytes(&value, sizeof value);
        return value;
    }
    template <class T>
    void value(T& v) {
        v = scalar<T>();
    }
    template <class T>
    void column(std::vector<T>& values) {
        const auto count = scalar<std::uint64_t>();
        if (count > (end_ - position_) / sizeof(T)) corrupt(path_);
        values.resize(count);
        bytes(values.data(), count * sizeof(T));
    }
    std::string text() {
        std::string s;
        const auto count = scalar<std::uint64_t>();
        if (count > end_ - position_) corrupt(path_);
        s.resize(count);
        bytes(s.data(), count);
        return s;
    }
    std::uint64_t position() const { return position_; }
    bool at_end() const { return position_ == end_; }

private:
    fs::path path_;
    std::FILE* file_ = nullptr;
    std::uint64_t position_ = 0;
    std::uint64_t end_ = 0;
};

// A row table's starts in both widths (one of them empty) and its values.
template <class Io, class Table>
void row_table_columns(Io& io, Table& t) {
    io.column(t.row_start.narrow_column()), io.column(t.row_start.wide_column()), io.column(t.values);
}

// Every member of the world but the graph, in one order for saving and loading.
template <class Io, class W>
void world_columns(Io& io, W& w) {
    auto& u = w.users;
    io.column(u.cohort), io.column(u.online), io.column(u.active), io.column(u.topic), io.column(u.creator_id),
        io.column(u.region);
    auto& c = w.creators;
    io.column(c.user), io.column(c.talent), io.column(c.topic), io.column(c.background), io.column(c.status),
        io.column(c.joined_tick), io.column(c.followers), io.column(c.followers_at_check), io.column(c.views),
        io.column(c.views_at_tick_start), io.column(c.likes), io.column(c.items), io.column(c.latest_item),
        io.column(c.latest_video), io.column(c.income), io.column(c.sessions), io.column(c.live_orders),
        io.column(c.gmv), io.column(c.audience_budget), io.column(c.income_at_check), io.column(c.income_recent),
        io.column(c.income_folded);
    auto& i = w.items;
    io.value(i.first_id);
    io.column(i.creator), io.column(i.topic), io.column(i.quality), io.column(i.born), io.column(i.views),
        io.column(i.likes), io.column(i.merchant), io.column(i.stage), io.column(i.stage_views),
        io.column(i.stage_likes), io.column(i.tallied_views), io.column(i.tallied_likes);
    row_table_columns(io, w.follows);
    row_table_columns(io, w.shared);
    row_table_columns(io, w.viewed), io.value(w.viewed_base);
    io.value(w.seen.shape.words), io.value(w.seen.shape.hashes), io.value(w.seen.generation_start);
    io.column(w.seen.current), io.column(w.seen.previous);
    io.column(w.sharers.words()), io.column(w.creator_users.words());
    auto& m = w.merchants;
    io.column(m.category), io.column(m.kind), io.column(m.region), io.column(m.price), io.column(m.commission),
        io.column(m.online), io.column(m.online_tick), io.column(m.orders), io.column(m.revenue),
        io.column(m.joined_via);
    io.value(w.regions);
    io.column(w.sellers), io.column(w.seller_income);
}

template <class Io, class State>
void cohort_flow_columns(Io& io, State& state) {
    for (auto* f : {&state.cohorts_since_last_row, &state.cohort_totals}) {
        io.column(f->views), io.column(f->live_orders), io.column(f->gmv);
    }
}

template <class T>
bool rows_fit(const model::RowTable<T>& t, std::size_t users) {
    if (!t.row_start.narrow_column().empty() && !t.row_start.wide_column().empty()) return false;
    if (t.row_start.size() != users + 1 || t.row_start[0] != 0 || t.row_start[users] != t.values.size()) {
        return false;
    }
    for (std::size_t r = 0; r < users; ++r) {
        if (t.row_start[r] > t.row_start[r + 1]) return false;
    }
    return true;
}

// Sizes that must agree with each other; a checkpoint that passed the checksum but fails
// these was not written by this program.
// `view_once`: the scenario keeps a viewed table (and then a row per user), else none.
bool cohort_flows_fit(const model::CohortFlows& f, std::size_t cohorts) {
    return f.views.size() == cohorts && f.live_orders.size() == cohorts && f.gmv.size() == cohorts;
}

bool consistent(const World& w, const model::SimulationState& state, std::uint64_t vertices, bool view_once,
                std::size_t cohorts) {
    const std::size_t n = w.users.size();
    const auto& u = w.users;
    const auto& c = w.creators;
    const auto& i = w.items;
    const auto& m = w.merchants;
    const std::size_t words = (n + 63) / 64;
    return n == vertices && u.online.size() == n && u.active.size() == n && u.topic.size() == n &&
           u.creator_id.size() == n && u.region.size() == n && c.talent.size() == c.size() &&
           c.topic.size() == c.size() && c.background.size() == c.size() && c.status.size() == c.size() &&
           c.joined_tick.size() == c.size() && c.followers.size() == c.size() &&
           c.followers_at_check.size() == c.size() && c.views.size() == c.size() &&
           c.views_at_tick_start.size() == c.size() && c.likes.size() == c.size() && c.items.size() == c.size() &&
           c.latest_item.size() == c.size() && c.latest_video.size() == c.size() && c.income.size() == c.size() &&
           c.sessions.size() == c.size() && c.live_orders.size() == c.size() && c.gmv.size() == c.size() &&
           c.audience_budget.size() == c.size() && m.commission.size() == m.size() && m.joined_via.size() == m.size() &&
           cohort_flows_fit(state.cohorts_since_last_row, cohorts) && cohort_flows_fit(state.cohort_totals, cohorts) &&
           i.topic.size() == i.size() && i.quality.size() == i.size() && i.born.size() == i.size() &&
           i.views.size() == i.size() && i.likes.size() == i.size() && i.merchant.size() == i.size() &&
           i.stage.size() == i.size() && i.stage_views.size() == i.size() && i.stage_likes.size() == i.size() &&
           i.tallied_views.size() == i.size() && i.tallied_likes.size() == i.size() && rows_fit(w.follows, n) &&
           rows_fit(w.shared, n) && (view_once ? rows_fit(w.viewed, n) : w.viewed.row_start.empty()) &&
           w.viewed_base <= i.first_id && w.sharers.words().size() == words &&
           w.creator_users.words().size() == words && m.kind.size() == m.size() && m.region.size() == m.size() &&
           m.price.size() == m.size() && m.online.size() == m.size() && m.online_tick.size() == m.size() &&
           m.orders.size() == m.size() && m.revenue.size() == m.size() && state.head_cap_admit.size() <= c.size() &&
           w.regions > 0 && w.seen.shape.hashes <= model::kMaxHashes &&
           w.seen.current.size() == n * w.seen.shape.words && w.seen.previous.size() == n * w.seen.shape.words &&
           c.income_at_check.size() == c.size() && c.income_recent.size() == c.size() &&
           c.income_folded.size() == c.size() && w.seller_income.size() == w.sellers.size() &&
           std::is_sorted(w.sellers.begin(), w.sellers.end()) && (w.sellers.empty() || w.sellers.back() < n);
}

}  // namespace

std::string program_identity() {
    return std::string("grassroots ") + core::build_version() + " (commit " + core::build_commit() + ")";
}

std::uint64_t graph_fingerprint(const graph::SocialGraph& g) {
    Checksum sum;
    const std::uint64_t head[3] = {g.vertex_count(), g.edge_count(), g.directed() ? 1u : 0u};
    sum.update(head, sizeof head);
    for (graph::VertexId v = 0; v < g.vertex_count(); ++v) {
        const auto friends = g.friends(v);
        const std::uint64_t degree = friends.size();
        sum.update(&degree, sizeof degree);
        sum.update(friends.data(), friends.size_bytes());
        if (g.directed()) {
            const auto audience = g.audience(v);
            const std::uint64_t in_degree = audience.size();
            sum.update(&in_degree, sizeof in_degree);
            sum.update(audience.data(), audience.size_bytes());
        }
    }
    return sum.value();
}

void write_checkpoint(const fs::path& path, const model::Simulation& sim, const std::string& scenario_yaml,
                      const std::string& timeseries, std::int64_t checkpoint_every) {
    const World& w = sim.world();
    const model::SimulationState state = sim.state();
    Writer out(path);
    out.bytes(kMagic, sizeof kMagic);
    out.scalar(kFormatVersion);
    out.scalar(kByteOrderMark);
    out.text(program_identity());
    out.text(scenario_yaml);
    out.scalar<std::int32_t>(state.tick);
    out.scalar<std::int64_t>(checkpoint_every);
    out.scalar<std::uint64_t>(w.graph.vertex_count());
    out.scalar<std::uint64_t>(w.graph.edge_count());
    out.scalar<std::uint64_t>(graph_fingerprint(w.graph));
    out.text(timeseries);
    out.scalar(state.since_last_row);
    out.scalar(state.totals);
    out.scalar<std::int32_t>(state.first_grassroots_top10);
    out.column(state.head_cap_admit);
    cohort_flow_columns(out, state);
    world_columns(out, w);
    out.commit();
}

CheckpointHeader read_checkpoint_header(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        refuse(path, "no checkpoint here", "a run directory written with grassroots run --checkpoint-every N");
    }
    // The whole file is checked first: nothing below trusts a byte the checksum did not cover.
    {
        std::FILE* file = std::fopen(path.c_str(), "rb");
        if (!file) refuse(path, std::string("cannot open: ") + std::strerror(errno), "a readable file");
        std::vector<char> buffer(std::size_t{1} << 20);
        char prefix[sizeof kMagic] = {};
        std::size_t prefix_size = 0;
        Checksum sum;
        std::string tail;  // the last 8 bytes read so far: the recorded checksum at the end
        for (;;) {
            const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file);
            if (n == 0) break;
            const std::size_t take = std::min(n, sizeof kMagic - prefix_size);
            std::memcpy(prefix + prefix_size, buffer.data(), take);
            prefix_size += take;
            // Hash all but the last 8 bytes seen, which may be the checksum.
            tail.append(buffer.data(), n);
            if (tail.size() > 8) {
                sum.update(tail.data(), tail.size() - 8);
                tail.erase(0, tail.size() - 8);
            }
        }
        const bool read_error = std::ferror(file) != 0;
        std::fclose(file);
        if (read_error) refuse(path, "cannot read the file", "a readable file");
        if (prefix_size < sizeof kMagic || std::memcmp(prefix, kMagic, sizeof kMagic) != 0) {
            refuse(path, "not a grassroots checkpoint",
                   "a checkpoint.bin written by grassroots run --checkpoint-every N");
        }
        std::uint64_t recorded = 0;
        if (tail.size() < 8) corrupt(path);
        std::memcpy(&recorded, tail.data(), 8);
        if (recorded != sum.value()) corrupt(path);
    }
    Reader in(path, sizeof kMagic);
    const auto version = in.scalar<std::uint32_t>();
    const auto byte_order = in.scalar<std::uint32_t>();
    if (version != kFormatVersion || byte_order != kByteOrderMark) {
        refuse(path,
               "checkpoint format " + std::to_string(version) + " is not this program's (" +
                   std::to_string(kFormatVersion) + ")",
               "a checkpoint written by " + program_identity());
    }
    CheckpointHeader h;
    h.program = in.text();
    if (h.program != program_identity()) {
        refuse(path, "written by " + h.program + ", not by this " + program_identity(),
               "the same build of grassroots that wrote it, which steps the model the same way");
    }
    h.scenario_yaml = in.text();
    h.tick = in.scalar<std::int32_t>();
    h.checkpoint_every = in.scalar<std::int64_t>();
    h.vertices = in.scalar<std::uint64_t>();
    h.edges = in.scalar<std::uint64_t>();
    h.graph_fingerprint = in.scalar<std::uint64_t>();
    h.timeseries = in.text();
    h.body_offset = in.position();
    return h;
}

std::unique_ptr<model::Simulation> read_checkpoint_simulation(const fs::path& path, const CheckpointHeader& header,
                                                              const scenario::Scenario& s, graph::SocialGraph graph) {
    if (graph.vertex_count() != header.vertices || graph.edge_count() != header.edges ||
        graph_fingerprint(graph) != header.graph_fingerprint) {
        refuse(path, "the graph rebuilt from its scenario differs from the one it was written with",
               "the same graph: an edge-list file unchanged since the run started");
    }
    Reader in(path, header.body_offset);
    model::SimulationState state;
    state.tick = header.tick;
    state.since_last_row = in.scalar<model::Flows>();
    state.totals = in.scalar<model::Flows>();
    state.first_grassroots_top10 = in.scalar<std::int32_t>();
    in.column(state.head_cap_admit);
    cohort_flow_columns(in, state);
    World w;
    world_columns(in, w);
    if (!in.at_end() || !consistent(w, state, header.vertices, s.engagement.view_once, s.population.cohorts.size())) {
        refuse(path, "its columns do not fit together", "a checkpoint written by " + program_identity());
    }
    w.graph = std::move(graph);
    return std::make_unique<model::Simulation>(s, std::move(w), std::move(state));
}

}  // namespace grassroots::io
