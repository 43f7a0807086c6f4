// ONNX shape inference gives up after a Reshape whose target is computed (dynamic batch models):
// everything downstream has unknown rank. Converters mostly need ranks (softmax axis, unsqueeze of
// negative axes, flatten), so this pass propagates ranks — and dims where they are obvious —
// through common ops. It never invents a concrete dim for a dynamic one.
#pragma once

#include <vector>

#include "ir/graph.h"

namespace mb::convert {

// Shapes per source value: the importer's where known, refined otherwise.
std::vector<Shape> refineShapes(const Graph& graph, const std::vector<NodeId>& order,
                                const std::vector<const Tensor*>& constants);

}  // namespace mb::convert
