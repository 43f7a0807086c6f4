// Applying API-pick and snippet fixes inside convertGraph (template fixes are expanded before
// conversion, see op_templates.h), and checking every fix against the model first.
#pragma once

#include "convert/convert_types.h"
#include "util/status.h"

namespace mb::convert {

struct ConvertState;

// Every fix names an existing node and is well-formed: the template exists and fits, the API is
// in the MindSpore 2.7 catalogue, its input indices exist, its keywords are in the API's
// signature and its attribute sources are on the node, a snippet defines the class it names.
// The first problem is returned with the node's name in Error::where.
Status validateFixes(const Graph& source, const ConvertOptions& options);

// The class a snippet defines: its className, or the first `class Name(` in the code ("" if none).
std::string snippetClassName(const SnippetFix& snippet);

// Emits the converted node for an API or snippet fix of `node` (attributes after overrides).
// Returns the converted node ids. validateFixes() must have passed.
std::vector<NodeId> emitFixedNode(ConvertState& state, NodeId node, const AttributeList& attrs,
                                  const OpFix& fix);

}  // namespace mb::convert
