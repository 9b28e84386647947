# Catch2: Debian 12 ships v2.13 (single header catch2/catch.hpp, we provide main);
# v3 ships Catch2WithMain. tests/catch.hpp includes whichever was found.
find_package(Catch2 3 QUIET)
if(Catch2_FOUND)
    set(GRASSROOTS_CATCH2_V3 ON)
    add_library(grassroots_catch_main INTERFACE)
    target_link_libraries(grassroots_catch_main INTERFACE Catch2::Catch2WithMain)
    target_compile_definitions(grassroots_catch_main INTERFACE GRASSROOTS_CATCH2_V3=1)
else()
    find_package(Catch2 2 REQUIRED)
    add_library(grassroots_catch_main STATIC "${CMAKE_CURRENT_SOURCE_DIR}/catch_main.cpp")
    target_link_libraries(grassroots_catch_main PUBLIC Catch2::Catch2)
endif()
target_include_directories(grassroots_catch_main INTERFACE "${CMAKE_CURRENT_SOURCE_DIR}")
