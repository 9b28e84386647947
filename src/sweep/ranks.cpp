#include "sweep/ranks.hpp"

#include <cstdlib>
#include <initializer_list>

#if defined(GRASSROOTS_WITH_MPI)
#include <mpi.h>
#endif

namespace grassroots::sweep {
namespace {

// Set by Open MPI's, MPICH's and Slurm's launchers; a plain start has none of them.
[[maybe_unused]] bool launched_by_mpi() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"}) {
        if (std::getenv(name)) return true;
    }
    return false;
}

}  // namespace

bool Ranks::built_with_mpi() {
#if defined(GRASSROOTS_WITH_MPI)
    return true;
#else
    return false;
#endif
}

Ranks::Ranks([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#if defined(GRASSROOTS_WITH_MPI)
    if (!launched_by_mpi()) return;
    int provided = 0;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    mpi_ = true;
#endif
}

Ranks::~Ranks() {
#if defined(GRASSROOTS_WITH_MPI)
    if (mpi_) MPI_Finalize();
#endif
}

void Ranks::barrier() const {
#if defined(GRASSROOTS_WITH_MPI)
    if (mpi_) MPI_Barrier(MPI_COMM_WORLD);
#endif
}

std::int64_t Ranks::sum(std::int64_t value) const {
#if defined(GRASSROOTS_WITH_MPI)
    if (mpi_) {
        std::int64_t total = 0;
        MPI_Allreduce(&value, &total, 1, MPI_INT64_T, MPI_SUM, MPI_COMM_WORLD);
        return total;
    }
#endif
    return value;
}

std::int64_t Ranks::max(std::int64_t value) const {
#if defined(GRASSROOTS_WITH_MPI)
    if (mpi_) {
        std::int64_t largest = 0;
        MPI_Allreduce(&value, &largest, 1, MPI_INT64_T, MPI_MAX, MPI_COMM_WORLD);
        return largest;
    }
#endif
    return value;
}

}  // namespace grassroots::sweep
