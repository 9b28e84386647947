#pragma once
// What was built: the project version and the git commit of the sources (12 hex digits,
// "-dirty" when tracked files had changes, "unknown" outside a git checkout). Defined in a
// file generated at every build (cmake/WriteBuildInfo.cmake), so a rebuild after a new
// commit stamps the new one.
namespace grassroots::core {

const char* build_version();
const char* build_commit();

}  // namespace grassroots::core
