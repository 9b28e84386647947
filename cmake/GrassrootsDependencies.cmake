# Every dependency comes from Debian's packages (scripts/bootstrap.sh installs them).
find_package(TBB REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)                # gzip-compressed edge lists (SNAP ships them so)

# yaml-cpp 0.7 exports the plain target name; newer versions add a namespaced one.
if(TARGET yaml-cpp::yaml-cpp)
    set(GRASSROOTS_YAML_TARGET yaml-cpp::yaml-cpp)
else()
    set(GRASSROOTS_YAML_TARGET yaml-cpp)
endif()

# MPI for distributed sweeps: on by default when an MPI is found; off otherwise.
find_package(MPI COMPONENTS CXX QUIET)
option(GRASSROOTS_MPI "Build sweeps with MPI (mpirun -np K grassroots sweep ...)" ${MPI_CXX_FOUND})
if(GRASSROOTS_MPI AND NOT MPI_CXX_FOUND)
    message(FATAL_ERROR "GRASSROOTS_MPI is ON but no MPI was found (apt-get install libopenmpi-dev)")
endif()
