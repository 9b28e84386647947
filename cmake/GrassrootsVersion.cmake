# The git commit, if known at configure time, goes into meta.json of every run.
execute_process(COMMAND git rev-parse --short=12 HEAD
                WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
                OUTPUT_VARIABLE GRASSROOTS_GIT_COMMIT
                OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE git_result)
if(NOT git_result EQUAL 0 OR GRASSROOTS_GIT_COMMIT STREQUAL "")
    set(GRASSROOTS_GIT_COMMIT "unknown")
endif()
