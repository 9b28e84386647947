#pragma once
// Tests include this instead of a Catch2 header so that v2 (Debian 12) and v3 both work.
#if defined(GRASSROOTS_CATCH2_V3)
#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>
using Catch::Approx;
#else
#include <catch2/catch.hpp>
#endif
