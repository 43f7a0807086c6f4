// Small ONNX models built by hand with the ONNX protobuf classes, for the importer's bad-input and
// external-data tests. Each helper returns a valid model that a test then breaks in one way.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace mbtest {

inline void setTensorType(onnx::ValueInfoProto& info, const std::string& name,
                          const std::vector<int64_t>& dims,
                          int elemType = onnx::TensorProto::FLOAT) {
  info.set_name(name);
  auto* type = info.mutable_type()->mutable_tensor_type();
  type->set_elem_type(elemType);
  auto* shape = type->mutable_shape();
  for (int64_t d : dims) shape->add_dim()->set_dim_value(d);
}

inline onnx::NodeProto* addNode(onnx::GraphProto& graph, const std::string& op,
                                const std::string& name, const std::vector<std::string>& inputs,
                                const std::vector<std::string>& outputs) {
  auto* node = graph.add_node();
  node->set_op_type(op);
  node->set_name(name);
  for (const auto& in : inputs) node->add_input(in);
  for (const auto& out : outputs) node->add_output(out);
  return node;
}

// y = Relu(Add(x, W)) with x, W, y of shape [2, 3]; W is a float initializer with values 0..5.
inline onnx::ModelProto makeAddReluModel(int64_t opset = 13) {
  onnx::ModelProto model;
  model.set_ir_version(8);
  model.set_producer_name("mindbridge-tests");
  auto* op = model.add_opset_import();
  op->set_domain("");
  op->set_version(opset);
  auto* graph = model.mutable_graph();
  graph->set_name("add_relu");
  setTensorType(*graph->add_input(), "x", {2, 3});
  auto* w = graph->add_initializer();
  w->set_name("W");
  w->set_data_type(onnx::TensorProto::FLOAT);
  w->add_dims(2);
  w->add_dims(3);
  std::vector<float> values{0, 1, 2, 3, 4, 5};
  w->set_raw_data(
      std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float)));
  addNode(*graph, "Add", "add", {"x", "W"}, {"sum"});
  addNode(*graph, "Relu", "relu", {"sum"}, {"y"});
  setTensorType(*graph->add_output(), "y", {2, 3});
  return model;
}

// Moves initializer `index` of `model` to external data at `location` (offset 0, no length).
inline void makeExternal(onnx::TensorProto& tensor, const std::string& location,
                         int64_t offset = -1, int64_t length = -1) {
  tensor.clear_raw_data();
  tensor.set_data_location(onnx::TensorProto::EXTERNAL);
  auto* loc = tensor.add_external_data();
  loc->set_key("location");
  loc->set_value(location);
  if (offset >= 0) {
    auto* off = tensor.add_external_data();
    off->set_key("offset");
    off->set_value(std::to_string(offset));
  }
  if (length >= 0) {
    auto* len = tensor.add_external_data();
    len->set_key("length");
    len->set_value(std::to_string(length));
  }
}

inline std::string writeModel(const std::string& path, const onnx::ModelProto& model) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  model.SerializeToOstream(&out);
  return path;
}

inline std::string writeBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

}  // namespace mbtest
