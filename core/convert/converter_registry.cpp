#include "convert/converter_registry.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace mb::convert {
namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::pair<std::string, std::string>, std::map<int, ConverterFn>> entries;
};

Registry& registry() {
  static Registry instance;  // first use constructs it: safe against static-init order
  return instance;
}

std::string normalDomain(const std::string& domain) {
  return domain == "ai.onnx" ? std::string() : domain;
}

}  // namespace

void registerConverter(const std::string& domain, const std::string& opType, int sinceVersion,
                       ConverterFn fn) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.entries[{normalDomain(domain), opType}][sinceVersion] = fn;
}

std::optional<ConverterEntry> findConverter(const std::string& domain, const std::string& opType,
                                            int64_t opset) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  auto it = r.entries.find({normalDomain(domain), opType});
  if (it == r.entries.end() || it->second.empty()) return std::nullopt;
  const auto& versions = it->second;
  if (opset <= 0) return ConverterEntry{versions.rbegin()->second, versions.rbegin()->first};
  auto found = versions.upper_bound(static_cast<int>(std::min<int64_t>(opset, 1 << 20)));
  if (found == versions.begin()) return std::nullopt;
  --found;
  return ConverterEntry{found->second, found->first};
}

std::vector<std::string> registeredConverterOps() {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  std::vector<std::string> ops;
  for (const auto& [key, versions] : r.entries)
    ops.push_back(key.first.empty() ? key.second : key.first + "::" + key.second);
  std::sort(ops.begin(), ops.end());
  return ops;
}

}  // namespace mb::convert
