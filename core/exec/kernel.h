// The kernel interface both dialects share. A kernel reads a node's input tensors and fills its
// outputs. ONNX kernels translate ONNX attributes; MindSpore kernels translate MindSpore arguments
// as MindSpore documents them. Both call the compute primitives in exec/primitives/. A kernel never
// looks at another dialect's node.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "util/status.h"

namespace mb::exec {

class ThreadPool;

struct KernelContext {
  const Graph& graph;
  const Node& node;
  int64_t opset = 0;                  // the node's domain opset (ONNX); 0 for MindSpore nodes
  std::vector<const Tensor*> inputs;  // nullptr for an omitted optional input
  std::vector<const Tensor*> params;  // MindSpore nodes: tensors of node.params, same order
  std::vector<Tensor> outputs;        // filled by the kernel, one per node output
  ThreadPool* pool = nullptr;         // 2 threads by default; may be null (run inline)
  // Runs a subgraph attribute (If / Loop / Scan bodies) on positional inputs and returns its
  // outputs; the body reads outer-scope values from the running graph. Empty outside the executor.
  std::function<Expected<std::vector<Tensor>>(const Graph& body, const std::vector<Tensor>& inputs)>
      runSubgraph;

  size_t inputCount() const { return inputs.size(); }
  bool hasInput(size_t i) const { return i < inputs.size() && inputs[i] != nullptr; }
  const Tensor& input(size_t i) const { return *inputs[i]; }
  const AttributeList& attrs() const { return node.attrs; }
  // An error that names this node ("node 'conv1' (Conv): …").
  Error fail(ErrorCode code, const std::string& message) const;
};

using KernelFn = Status (*)(KernelContext&);

// ONNX kernels are registered per (domain, op_type, since_version); lookups pick the newest
// registration whose since_version ≤ the model's opset (the converter registry does the same).
void registerOnnxKernel(const std::string& domain, const std::string& opType, int sinceVersion,
                        KernelFn fn);
KernelFn findOnnxKernel(const std::string& domain, const std::string& opType, int64_t opset);
std::vector<std::string> registeredOnnxOps();  // "Conv", "com.microsoft::Gelu", sorted

// MindSpore kernels are registered per API name ("mindspore.nn.Conv2d", "mindspore.ops.reshape").
void registerMindSporeKernel(const std::string& api, KernelFn fn);
KernelFn findMindSporeKernel(const std::string& api);
std::vector<std::string> registeredMindSporeApis();

struct OnnxKernelRegistrar {
  OnnxKernelRegistrar(const char* domain, const char* opType, int since, KernelFn fn) {
    registerOnnxKernel(domain, opType, since, fn);
  }
};
struct MindSporeKernelRegistrar {
  MindSporeKernelRegistrar(const char* api, KernelFn fn) { registerMindSporeKernel(api, fn); }
};

}  // namespace mb::exec

#define MB_CONCAT_INNER(a, b) a##b
#define MB_CONCAT(a, b) MB_CONCAT_INNER(a, b)
// MB_ONNX_KERNEL("Relu", 6, reluKernel); at namespace scope in the kernel's .cpp
#define MB_ONNX_KERNEL(op, since, fn) \
  static const ::mb::exec::OnnxKernelRegistrar MB_CONCAT(mbOnnxKernel_, __LINE__)("", op, since, fn)
#define MB_ONNX_DOMAIN_KERNEL(domain, op, since, fn)                                          \
  static const ::mb::exec::OnnxKernelRegistrar MB_CONCAT(mbOnnxKernel_, __LINE__)(domain, op, \
                                                                                  since, fn)
#define MB_MINDSPORE_KERNEL(api, fn) \
  static const ::mb::exec::MindSporeKernelRegistrar MB_CONCAT(mbMsKernel_, __LINE__)(api, fn)
