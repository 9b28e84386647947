# Provenance: the version and the git commit that was built go into --version, meta.json
# and checkpoints. The commit is read at every build, not when CMake configures (a rebuild
# after a new commit must not stamp the old hash): a custom target runs
# WriteBuildInfo.cmake, which rewrites build_info.cpp only when its text changes, so an
# unchanged commit recompiles nothing.
set(GRASSROOTS_BUILD_INFO_CPP "${PROJECT_BINARY_DIR}/generated/build_info.cpp")
set(grassroots_build_info_command "${CMAKE_COMMAND}" -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
    -DOUTPUT=${GRASSROOTS_BUILD_INFO_CPP} -DVERSION=${PROJECT_VERSION}
    -P "${CMAKE_CURRENT_LIST_DIR}/WriteBuildInfo.cmake")
# Once now, so that the file exists for generators that want every source at configure
# time (Makefiles in a subdirectory do not see another directory's byproducts).
execute_process(COMMAND ${grassroots_build_info_command})
add_custom_target(grassroots_build_info
    COMMAND ${grassroots_build_info_command}
    BYPRODUCTS "${GRASSROOTS_BUILD_INFO_CPP}"
    COMMENT "Stamping the git commit into build_info.cpp"
    VERBATIM)
