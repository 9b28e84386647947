#pragma once
// The processes a sweep is spread over: MPI ranks when launched by mpirun (and built with
// MPI), else a single process. Only the few collective steps a sweep needs.
#include <cstdint>

namespace grassroots::sweep {

class Ranks {
public:
    // Starts MPI when this process was launched by an MPI launcher; single otherwise.
    Ranks(int& argc, char**& argv);
    // One process, MPI never started (the Python module: its work runs on a thread of its
    // own, which MPI_THREAD_FUNNELED would not allow).
    Ranks() = default;
    ~Ranks();
    Ranks(const Ranks&) = delete;
    Ranks& operator=(const Ranks&) = delete;

    // Whether this build can use MPI at all (GRASSROOTS_MPI), for --version.
    static bool built_with_mpi();

    int rank() const { return rank_; }
    int size() const { return size_; }
    bool root() const { return rank_ == 0; }

    void barrier() const;
    std::int64_t sum(std::int64_t value) const;  // over all ranks, on every rank
    std::int64_t max(std::int64_t value) const;

private:
    int rank_ = 0;
    int size_ = 1;
    bool mpi_ = false;
};

}  // namespace grassroots::sweep
