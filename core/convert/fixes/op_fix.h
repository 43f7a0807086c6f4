// A user's fix for one source node the converter could not convert (or converted in a way the
// user wants to replace). Fixes are project data: saved in the .mbproj, carried into
// convertGraph by ConvertOptions::fixes (keyed by source node name), shown and edited by the GUI.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ir/attribute.h"
#include "ir/fix_marks.h"
#include "ir/graph.h"

namespace mb::convert {

enum class FixKind {
  Api,       // map the node onto one MindSpore API from the 2.7 catalogue
  Template,  // replace it by a composition of supported ONNX ops (verified by the diff)
  Snippet,   // hand-written Python Cell, emitted as written (never verified)
};
const char* fixKindName(FixKind kind);  // "api" | "template" | "snippet"

// (a) One MindSpore API call. Tensor arguments come from the node's inputs in the API's positional
// order; keywords are literals or copied from the node's ONNX attributes.
struct ApiFix {
  std::string api;          // "mindspore.ops.hardswish", "mindspore.nn.HSwish"
  std::vector<int> inputs;  // call tensor k = source input inputs[k] (-1 = omitted)
  AttributeList initArgs;   // constructor keywords (Cells, Primitive classes)
  AttributeList callArgs;   // call keywords
  // keyword ← the node's ONNX attribute of this name (after per-node overrides)
  std::map<std::string, std::string> initFromAttributes, callFromAttributes;
};

// (c) A Python class deriving from nn.Cell; the node becomes `self.x = ClassName()` called on its
// inputs. className empty = the first `class Name(` in the code.
struct SnippetFix {
  std::string code;
  std::string className;
};

struct OpFix {
  FixKind kind = FixKind::Template;
  ApiFix api;
  std::string templateName;  // (b) a name from opTemplates()
  SnippetFix snippet;
};

using OpFixes = std::map<std::string, OpFix>;  // by source node name

}  // namespace mb::convert
