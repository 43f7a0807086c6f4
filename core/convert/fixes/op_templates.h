// Template fixes: replace one node by a composition of ops the converter supports (HardSwish =
// x·relu6(x+3)/6, Mish = x·tanh(softplus x), …). Templates are data — a table of small programs in
// a one-line-per-node notation — expanded into ONNX-dialect nodes *before* conversion, so the
// normal converters convert them and the per-layer diff verifies them like any other layer.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "convert/convert_types.h"
#include "convert/fixes/op_fix.h"
#include "util/status.h"

namespace mb::convert {

struct OpTemplate {
  std::string name;     // "HardSwish"
  std::string fixes;    // the op type it stands for: "HardSwish", "com.microsoft::QuickGelu"
  std::string formula;  // shown to the user: "y = x · relu6(x + 3) / 6"
  std::vector<std::string> inputs;                         // "X" or "A", "B"
  std::vector<std::pair<std::string, double>> attributes;  // ONNX attribute → default
  // One node per line: "out = Op(arg, …; attr=value, …)". An arg is an input, an earlier out, a
  // number (a scalar of X's dtype) or @attribute (its value as a scalar). An attr value is a
  // number or @name? (copied when the node has it). The last line writes Y, the node's output.
  std::vector<std::string> program;
};

const std::vector<OpTemplate>& opTemplates();
const OpTemplate* findTemplate(const std::string& name);
// Templates whose `fixes` matches the op type ("HardSwish" or "domain::HardSwish"; the domain is
// ignored when comparing), best first.
std::vector<const OpTemplate*> templatesFor(const std::string& opType);

// A copy of `source` where every node with a Template fix is replaced by the template's nodes.
// NodeIds of all other nodes are unchanged: the first template node takes the fixed node's id and
// the rest are appended; owners[k] is the fixed node's id for appended node source.nodes.size()+k.
// The template's output keeps the node's output value (name, id), so the diff aligns on it.
// Errors (unknown template, too few inputs, unknown node) name the node.
struct TemplateExpansion {
  Graph graph;
  std::vector<NodeId> owners;
};
Expected<TemplateExpansion> expandTemplateFixes(const Graph& source, const ConvertOptions& options);

}  // namespace mb::convert
