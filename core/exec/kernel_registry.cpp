#include <algorithm>
#include <map>
#include <mutex>
#include <tuple>

#include "exec/kernel.h"

namespace mb::exec {
namespace {

struct Registry {
  std::mutex mutex;
  // (domain, op) → since_version → kernel
  std::map<std::pair<std::string, std::string>, std::map<int, KernelFn>> onnx;
  std::map<std::string, KernelFn> mindspore;
};

Registry& registry() {
  static Registry instance;  // constructed on first use: safe from static-init order
  return instance;
}

std::string normalDomain(const std::string& domain) {
  return domain == "ai.onnx" ? std::string() : domain;
}

}  // namespace

Error KernelContext::fail(ErrorCode code, const std::string& message) const {
  return makeError(code, message, "node '" + node.name + "' (" + node.opType + ")");
}

void registerOnnxKernel(const std::string& domain, const std::string& opType, int sinceVersion,
                        KernelFn fn) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.onnx[{normalDomain(domain), opType}][sinceVersion] = fn;
}

KernelFn findOnnxKernel(const std::string& domain, const std::string& opType, int64_t opset) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  auto it = r.onnx.find({normalDomain(domain), opType});
  if (it == r.onnx.end()) return nullptr;
  // Newest registration not newer than the model's opset; opset 0 (unknown) takes the newest.
  auto& versions = it->second;
  if (opset <= 0) return versions.rbegin()->second;
  auto found = versions.upper_bound(static_cast<int>(std::min<int64_t>(opset, 1 << 20)));
  if (found == versions.begin()) return nullptr;
  return std::prev(found)->second;
}

std::vector<std::string> registeredOnnxOps() {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  std::vector<std::string> ops;
  for (const auto& [key, versions] : r.onnx)
    ops.push_back(key.first.empty() ? key.second : key.first + "::" + key.second);
  return ops;
}

void registerMindSporeKernel(const std::string& api, KernelFn fn) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.mindspore[api] = fn;
}

KernelFn findMindSporeKernel(const std::string& api) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  auto it = r.mindspore.find(api);
  return it == r.mindspore.end() ? nullptr : it->second;
}

std::vector<std::string> registeredMindSporeApis() {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  std::vector<std::string> apis;
  for (const auto& [api, fn] : r.mindspore) apis.push_back(api);
  return apis;
}

}  // namespace mb::exec
