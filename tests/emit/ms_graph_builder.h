// Builds MindSpore-dialect graphs by hand for emitter tests, following MS_DIALECT.md: Cell nodes
// carry their own dotted path as scope, function nodes the path of the Cell calling them, and
// parameter values are named by their full checkpoint key.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ir/graph.h"

namespace mbtest {

class MsGraphBuilder {
 public:
  explicit MsGraphBuilder(const std::string& api, const std::string& name = "model") {
    graph.dialect = mb::Dialect::MindSpore;
    graph.targetApi = api;
    graph.name = name;
  }

  mb::ValueId input(const std::string& name, std::vector<int64_t> dims) {
    mb::ValueId id = graph.addValue(mb::Value{name, mb::DType::Float32, mb::Shape::ofDims(dims)});
    graph.inputs.push_back(id);
    return id;
  }
  void output(mb::ValueId id) { graph.outputs.push_back(id); }

  mb::ValueId constant(const std::string& name, mb::Tensor tensor) {
    mb::Value v{name, tensor.dtype(), mb::Shape::ofDims(tensor.dims())};
    v.initializer = std::move(tensor);
    return graph.addValue(std::move(v));
  }

  // A Cell call at `path` (its own dotted path).
  std::vector<mb::ValueId> cell(
      const std::string& op, const std::string& path, mb::AttributeList attrs,
      std::vector<mb::ValueId> inputs,
      std::vector<std::pair<std::string, std::vector<int64_t>>> params = {}, int outputs = 1) {
    mb::Node node;
    node.dialect = mb::Dialect::MindSpore;
    node.domain = "mindspore";
    node.opType = op;
    node.scope = path;
    node.name = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
    node.attrs = std::move(attrs);
    node.inputs = std::move(inputs);
    for (const auto& [pname, dims] : params) {
      mb::Value v{path + "." + pname, mb::DType::Float32, mb::Shape::ofDims(dims)};
      v.initializer = mb::Tensor::zeros(mb::DType::Float32, dims);
      node.params.push_back({pname, graph.addValue(std::move(v))});
    }
    return finish(std::move(node), outputs);
  }

  // A function called in the construct() of the Cell at `scope`.
  std::vector<mb::ValueId> fn(const std::string& op, const std::string& scope,
                              std::vector<mb::ValueId> inputs, mb::AttributeList callArgs = {},
                              int outputs = 1) {
    mb::Node node;
    node.dialect = mb::Dialect::MindSpore;
    node.domain = "mindspore";
    node.opType = op;
    node.scope = scope;
    node.name = op.substr(op.rfind('.') + 1) + "_" + std::to_string(counter_);
    node.inputs = std::move(inputs);
    node.callArgs = std::move(callArgs);
    return finish(std::move(node), outputs);
  }

  std::vector<mb::ValueId> unconverted(const std::string& onnxOp, const std::string& scope,
                                       const std::string& name, std::vector<mb::ValueId> inputs,
                                       mb::AttributeList attrs) {
    mb::Node node;
    node.dialect = mb::Dialect::MindSpore;
    node.domain = "mindspore";
    node.opType = "onnx::" + onnxOp;
    node.scope = scope;
    node.name = name;
    node.unconverted = true;
    node.unconvertedReason = "no converter for " + onnxOp + " yet";
    node.suggestions = {"mindspore.ops.grid_sample"};
    node.attrs = std::move(attrs);
    node.inputs = std::move(inputs);
    return finish(std::move(node), 1);
  }

  mb::Graph graph;

 private:
  std::vector<mb::ValueId> finish(mb::Node node, int outputs) {
    std::vector<mb::ValueId> outs;
    for (int i = 0; i < outputs; ++i)
      outs.push_back(graph.addValue(mb::Value{"v" + std::to_string(counter_++), mb::DType::Float32,
                                              mb::Shape::ofDims({1, 8, 4, 4})}));
    node.outputs = outs;
    graph.addNode(std::move(node));
    return outs;
  }
  int counter_ = 0;
};

}  // namespace mbtest
