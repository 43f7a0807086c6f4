// A restricted unpickler for the subset of Python's pickle that torch.save produces. It builds a
// tree of plain values and never executes anything: GLOBAL/STACK_GLOBAL names are checked against
// an allow list the moment they appear (anything else is refused, naming the global), REDUCE may
// only call allow-listed constructors that this file interprets itself (OrderedDict, torch's tensor
// and parameter rebuild functions), and persistent ids are only torch's storage references.
// The result is always a tree or DAG: a pickle whose containers reference themselves (a cycle,
// which shared_ptr ownership would leak) is refused with BadFormat.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "ir/dtype.h"
#include "util/status.h"

namespace mb::pickle {

struct Object;
using ObjectPtr = std::shared_ptr<Object>;

struct Global {
  std::string module, name;
};
// ('storage', torch.FloatStorage, key, location, numel) from a BINPERSID.
struct StorageRef {
  DType dtype = DType::Undefined;
  std::string key;
  std::string location;
  int64_t numel = 0;
};
// torch._utils._rebuild_tensor_v2(storage, offset, size, stride, …)
struct TensorRef {
  StorageRef storage;
  int64_t offset = 0;
  std::vector<int64_t> size, stride;
  bool isParameter = false;
};
struct None {};
struct Mark {};  // only ever on the stack

struct Object {
  using List = std::vector<ObjectPtr>;
  using Dict = std::vector<std::pair<ObjectPtr, ObjectPtr>>;  // insertion order, like Python
  struct Tuple {
    std::vector<ObjectPtr> items;
  };
  std::variant<None, bool, int64_t, double, std::string, Tuple, List, Dict, Global, StorageRef,
               TensorRef, Mark>
      value;
  bool isBytes = false;    // a std::string that came from BINBYTES
  uint32_t depth = 0;      // container nesting below this object (bounded: destruction recurses)
  bool contained = false;  // already an item of some container (see Machine::mutate: no cycles)

  Object() = default;
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;
  ~Object();  // iterative: a hostile pickle can nest containers deeper than the stack allows

  template <typename T>
  bool is() const {
    return std::holds_alternative<T>(value);
  }
  template <typename T>
  const T& as() const {
    return std::get<T>(value);
  }
  std::string typeName() const;
};

struct UnpickleLimits {
  uint64_t maxObjects = 50'000'000;
  uint64_t maxStackDepth = 1'000'000;
  uint64_t maxMemo = 50'000'000;
  uint32_t maxNesting = 1000;  // containers inside containers
};

struct UnpickleResult {
  ObjectPtr root;
  size_t consumed = 0;  // bytes up to and including STOP (legacy files hold several pickles)
};

// Parses one pickle starting at bytes[0]. `where` names the source in errors (file and entry).
Expected<UnpickleResult> unpickle(std::span<const std::byte> bytes, const std::string& where,
                                  const UnpickleLimits& limits = {});

// The storage classes torch pickles (torch.FloatStorage …) and their element types.
std::optional<DType> storageDType(const std::string& module, const std::string& name);

}  // namespace mb::pickle
