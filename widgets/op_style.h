// How an operator looks in the graph: header colour by category (Netron's palette, so the look is
// familiar), short display name, and the text lines inside a node box.
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>

#include "ir/graph.h"

namespace mb {

struct OpStyle {
  QColor header;
  QColor text;
  QString category;  // "layer", "activation", "pool", "normalization", "shape", "tensor", "math"

  static OpStyle forOp(const std::string& opType);
  // "mindspore.nn.Conv2d" → "nn.Conv2d"; "onnx::Foo" stays; ONNX op types unchanged.
  static QString displayName(const Node& node);
  // Lines inside the box under the header: weights with shapes ("W ⟨64×3×7×7⟩"), then key
  // attributes.
  static QStringList bodyLines(const Graph& graph, const Node& node, int maxLines = 6);
};

}  // namespace mb
