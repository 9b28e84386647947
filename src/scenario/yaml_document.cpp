#include "scenario/yaml_document.hpp"

#include <sstream>

#include <yaml-cpp/depthguard.h>  // YAML::DeepRecursion, not included by yaml.h
#include <yaml-cpp/eventhandler.h>

#include "core/error.hpp"

namespace grassroots::scenario {
namespace {

// Builds nothing: it only notes where each document starts.
class DocumentStarts : public YAML::EventHandler {
public:
    void OnDocumentStart(const YAML::Mark& mark) override { last_start = mark; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}

    YAML::Mark last_start = YAML::Mark::null_mark();
};

core::SourcePosition position(const std::string& file, const YAML::Mark& mark) {
    if (mark.is_null()) return {file, 0, 0};
    return {file, mark.line + 1, mark.column + 1};
}

}  // namespace

YAML::Node load_single_document(const std::string& text, const std::string& file_label, const std::string& what) {
    try {
        // Documents are counted first, two at most, by a parser that builds nothing:
        // yaml-cpp 0.7 never consumes a ',' outside brackets at the top level, so YAML::LoadAll
        // would return empty documents for ever (until memory runs out; found by fuzzing).
        std::istringstream in(text);
        YAML::Parser parser(in);
        DocumentStarts starts;
        int documents = 0;
        while (documents < 2 && parser.HandleNextDocument(starts)) ++documents;
        if (documents > 1) {
            const YAML::Mark mark = starts.last_start;
            const bool stray_comma = !mark.is_null() && mark.pos >= 0 &&
                                     static_cast<std::size_t>(mark.pos) < text.size() &&
                                     text[static_cast<std::size_t>(mark.pos)] == ',';
            if (stray_comma) {
                throw core::InputError(position(file_label, mark), "yaml",
                                       "syntax error: ',' outside a [list] or {mapping}", "valid YAML");
            }
            throw core::InputError(position(file_label, mark), "yaml", "more than one YAML document in one file",
                                   "a single " + what + " document (no second '---')");
        }
        return YAML::Load(text);
    } catch (const YAML::DeepRecursion& e) {
        // yaml-cpp stops at its depth guard (before its recursion could overflow the stack)
        // but says only "bad file".
        throw core::InputError(position(file_label, e.mark), "yaml", "nested too deeply for the YAML reader",
                               "a " + what + " nested a few levels deep");
    } catch (const YAML::Exception& e) {
        throw core::InputError(position(file_label, e.mark), "yaml", "syntax error: " + e.msg, "valid YAML");
    }
}

}  // namespace grassroots::scenario
