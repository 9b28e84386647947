#pragma once
// Checkpoints: the whole state of a run at the end of a tick, in one binary file, so that
// `grassroots resume` continues it and gives outputs byte-identical to a run that never
// stopped. The file is written under a temporary name and renamed (complete or absent).
//
// Layout (native little-endian; every count is a u64 before its elements):
//   magic "grassroots-ckpt\n", u32 format version, u32 byte-order mark,
//   program version, resolved scenario text, tick, checkpoint interval,
//   graph vertices, edges and fingerprint, timeseries text so far,
//   the simulation's carried state, every column of the world but the graph,
//   u64 checksum of everything before it.
// The graph is not saved: it is rebuilt from the scenario (it depends only on world_seed
// or the edge-list file) and must match the fingerprint.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "graph/social_graph.hpp"
#include "model/simulation.hpp"

namespace grassroots::io {

inline constexpr const char* kCheckpointFile = "checkpoint.bin";

// The text of the program that wrote a checkpoint; a checkpoint is only resumed by the
// same one (another build may step differently).
std::string program_identity();

// Writes `sim` and the run's own state atomically to `path`. Throws WriteError (exit 1).
void write_checkpoint(const std::filesystem::path& path, const model::Simulation& sim, const std::string& scenario_yaml,
                      const std::string& timeseries, std::int64_t checkpoint_every);

// The checked head of a checkpoint: what is needed to rebuild the run before reading
// its world.
struct CheckpointHeader {
    std::string program;
    std::string scenario_yaml;
    std::int32_t tick = 0;
    std::int64_t checkpoint_every = 0;
    std::uint64_t vertices = 0;
    std::uint64_t edges = 0;
    std::uint64_t graph_fingerprint = 0;
    std::string timeseries;
    std::uint64_t body_offset = 0;  // where the simulation state begins
};

// Verifies the checksum over the whole file, then reads the header. A truncated,
// corrupt, foreign or other-program checkpoint throws core::InputError (exit 2) with a
// one-line message naming the file.
CheckpointHeader read_checkpoint_header(const std::filesystem::path& path);

// Reads the world and state after the header onto `graph` (rebuilt by the caller from
// the header's scenario), which must match the recorded fingerprint.
std::unique_ptr<model::Simulation> read_checkpoint_simulation(const std::filesystem::path& path,
                                                              const CheckpointHeader& header,
                                                              const scenario::Scenario& s, graph::SocialGraph graph);

// A hash of the graph's every row (and its direction), to check a rebuilt graph.
std::uint64_t graph_fingerprint(const graph::SocialGraph& g);

}  // namespace grassroots::io
