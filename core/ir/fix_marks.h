// How a converted graph marks nodes that a user's fix produced (see core/convert/fixes). MindSpore
// nodes normally have Node::domain "mindspore"; fixed ones carry the fix kind there instead, so
// the emitter, reports, diff and GUI can tell them apart without knowing the converter.
#pragma once

#include <string>

namespace mb {

inline constexpr const char* kApiFixDomain = "mindbridge.fix.api";            // a user-picked API
inline constexpr const char* kTemplateFixDomain = "mindbridge.fix.template";  // template nodes
inline constexpr const char* kSnippetFixDomain = "mindbridge.fix.snippet";    // hand-written Cell
// Attribute of a snippet node holding its Python code (printed as a class, never as an argument).
inline constexpr const char* kSnippetCodeAttribute = "__snippet_code__";

inline bool isFixDomain(const std::string& domain) {
  return domain == kApiFixDomain || domain == kTemplateFixDomain || domain == kSnippetFixDomain;
}
// Snippets are never checked: the executor cannot run Python.
inline bool isSnippetNode(const std::string& domain) {
  return domain == kSnippetFixDomain;
}

}  // namespace mb
