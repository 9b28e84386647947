# cmake --install: the executable, the library, its headers under include/grassroots/, and
# a package configuration, so that another project can
#   find_package(grassroots)  and  target_link_libraries(x PRIVATE grassroots::core)
# (tests/external is such a project, built against an install in ctest).
include(CMakePackageConfigHelpers)
set(GRASSROOTS_CMAKE_DIR lib/cmake/grassroots)

install(TARGETS grassroots RUNTIME DESTINATION bin)
install(TARGETS grassroots_core EXPORT grassrootsTargets ARCHIVE DESTINATION lib INCLUDES DESTINATION include)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/src/" DESTINATION include/grassroots FILES_MATCHING PATTERN "*.hpp")
install(EXPORT grassrootsTargets NAMESPACE grassroots:: DESTINATION "${GRASSROOTS_CMAKE_DIR}")

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/grassrootsConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/grassrootsConfig.cmake" INSTALL_DESTINATION "${GRASSROOTS_CMAKE_DIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/grassrootsConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/grassrootsConfig.cmake" "${PROJECT_BINARY_DIR}/grassrootsConfigVersion.cmake"
        DESTINATION "${GRASSROOTS_CMAKE_DIR}")
