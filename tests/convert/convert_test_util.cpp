#include "convert_test_util.h"

#include <algorithm>
#include <filesystem>

#include "test_paths.h"

namespace mbtest {

GraphBuilder::GraphBuilder(int64_t opset) {
  graph.opsetImports[""] = opset;
}

mb::ValueId GraphBuilder::input(const std::string& name, std::vector<int64_t> dims,
                                mb::DType dtype) {
  mb::Value v;
  v.name = name;
  v.dtype = dtype;
  v.shape = mb::Shape::ofDims(dims);
  auto id = graph.addValue(v);
  graph.inputs.push_back(id);
  return id;
}

mb::ValueId GraphBuilder::init(const std::string& name, mb::Tensor tensor) {
  mb::Value v;
  v.name = name;
  v.dtype = tensor.dtype();
  v.shape = mb::Shape::ofDims(tensor.dims());
  v.initializer = std::move(tensor);
  return graph.addValue(v);
}

mb::ValueId GraphBuilder::floats(const std::string& name, std::vector<int64_t> dims, float start) {
  std::vector<float> values(static_cast<size_t>(mb::checkedNumel(dims)));
  for (size_t i = 0; i < values.size(); ++i) values[i] = start + static_cast<float>(i);
  return init(name, mb::Tensor::fromVector(mb::DType::Float32, dims, values));
}

mb::ValueId GraphBuilder::ints(const std::string& name, std::vector<int64_t> values) {
  return init(name, mb::Tensor::fromVector(mb::DType::Int64, {static_cast<int64_t>(values.size())},
                                           values));
}

std::vector<mb::ValueId> GraphBuilder::node(const std::string& op, const std::string& name,
                                            std::vector<mb::ValueId> inputs,
                                            mb::AttributeList attrs, size_t outputs,
                                            std::vector<int64_t> outDims) {
  mb::Node n;
  n.name = name;
  n.opType = op;
  n.inputs = std::move(inputs);
  n.attrs = std::move(attrs);
  std::vector<mb::ValueId> outs;
  for (size_t i = 0; i < outputs; ++i) {
    mb::Value v;
    v.name = name + "_out" + std::to_string(i);
    v.dtype = mb::DType::Float32;
    if (!outDims.empty()) v.shape = mb::Shape::ofDims(outDims);
    outs.push_back(graph.addValue(v));
  }
  n.outputs = outs;
  graph.addNode(std::move(n));
  return outs;
}

std::vector<std::string> fixtureModels() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(fixtureDir() + "/models", ec))
    if (e.path().extension() == ".onnx") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

bool fixtureGeneratorExists() {
  return std::filesystem::exists(sourceDir() + "/tests/fixtures/make_fixtures.py");
}

const mb::Node* findConverted(const mb::convert::ConversionResult& r, const std::string& api,
                              size_t nth) {
  for (const auto& n : r.converted.nodes)
    if (n.opType == api && nth-- == 0) return &n;
  return nullptr;
}

}  // namespace mbtest
