# Script mode (cmake -P), run at every build by the target grassroots_build_info:
# writes OUTPUT, the definitions of core::build_version() and core::build_commit(), from
# VERSION and the commit checked out in SOURCE_DIR ("unknown" outside a git checkout;
# "-dirty" appended when tracked files differ from that commit). The file is replaced only
# when its text changes.
execute_process(COMMAND git rev-parse --short=12 HEAD
                WORKING_DIRECTORY "${SOURCE_DIR}"
                OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET RESULT_VARIABLE rev_parse_result)
if(NOT rev_parse_result EQUAL 0 OR commit STREQUAL "")
    set(commit "unknown")
else()
    # --no-optional-locks: reading the status must not take the index lock from a
    # concurrent git command in the same checkout.
    execute_process(COMMAND git --no-optional-locks status --porcelain --untracked-files=no
                    WORKING_DIRECTORY "${SOURCE_DIR}"
                    OUTPUT_VARIABLE status ERROR_QUIET RESULT_VARIABLE status_result)
    if(status_result EQUAL 0 AND NOT status STREQUAL "")
        string(APPEND commit "-dirty")
    endif()
endif()
set(text "// Generated at build time by cmake/WriteBuildInfo.cmake: do not edit.
#include \"core/build_info.hpp\"

namespace grassroots::core {
const char* build_version() { return \"${VERSION}\"; }
const char* build_commit() { return \"${commit}\"; }
}  // namespace grassroots::core
")
set(old "")
if(EXISTS "${OUTPUT}")
    file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL text)
    file(WRITE "${OUTPUT}" "${text}")
endif()
