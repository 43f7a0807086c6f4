// Runs one MindSpore-dialect node through the executor: the way a converted graph's node runs.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "exec/executor.h"
#include "ir/graph.h"

namespace mstest {

struct OneNode {
  std::string api;
  std::vector<mb::Tensor> inputs;
  mb::AttributeList attrs;     // constructor arguments
  mb::AttributeList callArgs;  // call keyword arguments
  std::vector<std::pair<std::string, mb::Tensor>> params;
  int outputs = 1;
};

inline mb::Expected<std::vector<mb::Tensor>> run(const OneNode& spec) {
  using namespace mb;
  Graph g;
  g.dialect = Dialect::MindSpore;
  g.targetApi = "classic";
  Node n{"node"};
  n.dialect = Dialect::MindSpore;
  n.domain = "mindspore";
  n.opType = spec.api;
  n.attrs = spec.attrs;
  n.callArgs = spec.callArgs;
  for (size_t i = 0; i < spec.inputs.size(); ++i) {
    Value v{"in" + std::to_string(i)};
    v.dtype = spec.inputs[i].dtype();
    v.shape = Shape::ofDims(spec.inputs[i].dims());
    ValueId id = g.addValue(v);
    g.inputs.push_back(id);
    n.inputs.push_back(id);
  }
  for (const auto& [name, t] : spec.params) {
    Value v{"node." + name};
    v.dtype = t.dtype();
    v.shape = Shape::ofDims(t.dims());
    v.initializer = t;
    n.params.push_back({name, g.addValue(v)});
  }
  for (int o = 0; o < spec.outputs; ++o) {
    ValueId id = g.addValue(Value{"out" + std::to_string(o)});
    n.outputs.push_back(id);
    g.outputs.push_back(id);
  }
  g.addNode(n);
  exec::Executor executor(g);
  std::map<std::string, Tensor> feeds;
  for (size_t i = 0; i < spec.inputs.size(); ++i) feeds["in" + std::to_string(i)] = spec.inputs[i];
  auto result = executor.run(feeds);
  if (!result) return result.error();
  std::vector<Tensor> outs;
  for (int o = 0; o < spec.outputs; ++o) outs.push_back(result->outputs["out" + std::to_string(o)]);
  return outs;
}

inline mb::Tensor f32(std::vector<int64_t> dims, std::vector<float> values) {
  return mb::Tensor::fromVector(mb::DType::Float32, std::move(dims), values);
}
inline mb::Tensor i64(std::vector<int64_t> dims, std::vector<int64_t> values) {
  return mb::Tensor::fromVector(mb::DType::Int64, std::move(dims), values);
}
// 0, 1, 2, … as float32 of the given dims.
inline mb::Tensor iota(std::vector<int64_t> dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  std::vector<float> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) v[static_cast<size_t>(i)] = static_cast<float>(i);
  return f32(std::move(dims), v);
}

}  // namespace mstest
