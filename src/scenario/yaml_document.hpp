#pragma once
// The one YAML document of a scenario or sweep file, with yaml-cpp's failures turned into
// InputErrors (file, line, column).
#include <string>

#include <yaml-cpp/yaml.h>

namespace grassroots::scenario {

// Parses `text` (named `file_label` in errors), which must hold at most one document; an
// empty text gives a null node. `what` names the file's kind in messages ("scenario").
YAML::Node load_single_document(const std::string& text, const std::string& file_label, const std::string& what);

}  // namespace grassroots::scenario
