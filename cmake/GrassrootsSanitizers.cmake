# Sanitizer and fuzzing builds (scripts/test.sh makes one build directory for each).
#
#   -DGRASSROOTS_SANITIZE=address,undefined   ASan + UBSan over everything we compile
#   -DGRASSROOTS_SANITIZE=thread              TSan
#   -DGRASSROOTS_FUZZ=ON                      libFuzzer targets in tests/fuzz (clang only),
#                                             themselves built with ASan + UBSan
#
# The flags go to every target of this project (library, executable, tests), never to the
# system libraries we link (TBB, yaml-cpp, OpenMPI are Debian's uninstrumented builds; see
# tests/sanitizers/ for what that means for TSan and LSan). Any sanitizer report is fatal
# (-fno-sanitize-recover=all), so a test that trips one fails instead of printing and passing.
# The optimisation level is the build type's: scripts/test.sh uses -O1 -g (readable stacks,
# about twice as fast as -O0).
set(GRASSROOTS_SANITIZE "" CACHE STRING
    "Sanitizers for every target: empty, address,undefined or thread")
option(GRASSROOTS_FUZZ "Build the libFuzzer targets in tests/fuzz (needs clang)" OFF)

if(GRASSROOTS_FUZZ AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "GRASSROOTS_FUZZ needs clang (libFuzzer): configure with "
                        "-DCMAKE_CXX_COMPILER=clang++ (apt-get install clang libclang-rt-14-dev)")
endif()
if(GRASSROOTS_FUZZ AND GRASSROOTS_SANITIZE STREQUAL "")
    set(GRASSROOTS_SANITIZE "address,undefined")  # a fuzzer without ASan finds only segfaults
endif()

if(NOT GRASSROOTS_SANITIZE STREQUAL "")
    if(GRASSROOTS_SANITIZE MATCHES "thread" AND GRASSROOTS_SANITIZE MATCHES "address")
        message(FATAL_ERROR "GRASSROOTS_SANITIZE: thread cannot be combined with address")
    endif()
    set(sanitize_flags -fsanitize=${GRASSROOTS_SANITIZE} -fno-sanitize-recover=all
                       -fno-omit-frame-pointer -g)
    if(GRASSROOTS_FUZZ)
        # Coverage feedback in the code under test; only the fuzz targets link libFuzzer's main.
        list(APPEND sanitize_flags -fsanitize=fuzzer-no-link)
    endif()
    if(GRASSROOTS_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        # TBB's headers uninstrumented, like its library (cmake/tsan_ignorelist.txt says why).
        list(APPEND sanitize_flags "-fsanitize-ignorelist=${CMAKE_CURRENT_LIST_DIR}/tsan_ignorelist.txt")
    endif()
    add_compile_options(${sanitize_flags})
    add_link_options(-fsanitize=${GRASSROOTS_SANITIZE})
    message(STATUS "grassroots: sanitizers ${GRASSROOTS_SANITIZE}")
endif()
