// Helpers for converter tests: a tiny ONNX-dialect graph builder and fixture listing.
#pragma once

#include <string>
#include <vector>

#include "convert/convert_graph.h"
#include "ir/graph.h"

namespace mbtest {

class GraphBuilder {
 public:
  GraphBuilder(int64_t opset = 17);
  mb::ValueId input(const std::string& name, std::vector<int64_t> dims,
                    mb::DType dtype = mb::DType::Float32);
  mb::ValueId init(const std::string& name, mb::Tensor tensor);
  mb::ValueId floats(const std::string& name, std::vector<int64_t> dims, float start = 0.0f);
  mb::ValueId ints(const std::string& name, std::vector<int64_t> values);
  // Adds a node; outputs are created (name = node name + "_out<i>") unless they exist.
  std::vector<mb::ValueId> node(const std::string& op, const std::string& name,
                                std::vector<mb::ValueId> inputs, mb::AttributeList attrs = {},
                                size_t outputs = 1, std::vector<int64_t> outDims = {});
  void output(mb::ValueId v) { graph.outputs.push_back(v); }
  mb::Graph graph;
};

// Fixture models present in the build tree (models/*.onnx), sorted; empty if none.
std::vector<std::string> fixtureModels();
// True when the fixture generator exists in the source tree (missing fixtures are then a failure).
bool fixtureGeneratorExists();

const mb::Node* findConverted(const mb::convert::ConversionResult& r, const std::string& api,
                              size_t nth = 0);

}  // namespace mbtest
