#include "io/pickle.h"

#include <algorithm>
#include <cstring>
#include <set>

namespace mb::pickle {
namespace {

const std::set<std::pair<std::string, std::string>>& allowedCallables() {
  static const std::set<std::pair<std::string, std::string>> allowed = {
      {"collections", "OrderedDict"},
      {"torch._utils", "_rebuild_tensor_v2"},
      {"torch._utils", "_rebuild_parameter"},
      {"torch._utils", "_rebuild_parameter_with_state"},
  };
  return allowed;
}

std::string hintFor(const std::string& module, const std::string& name) {
  if (module.rfind("torch.nn", 0) == 0 || module.rfind("torchvision", 0) == 0 ||
      module == "__main__")
    return " The file holds a pickled Python object (" + name +
           "), not just tensors; in PyTorch run torch.save(model.state_dict(), path) and convert "
           "that file.";
  return " MindBridge only reads tensors and plain containers from .pth files and never runs code "
         "from them.";
}

class Machine {
 public:
  Machine(std::span<const std::byte> bytes, const std::string& where, const UnpickleLimits& limits)
      : data_(bytes), where_(where), limits_(limits) {}

  Expected<UnpickleResult> run() {
    while (true) {
      if (pos_ >= data_.size())
        return fail(ErrorCode::FileTruncated, "the pickle ends before its STOP opcode");
      const size_t at = pos_;
      const auto op = static_cast<uint8_t>(data_[pos_++]);
      Status status = step(op, at);
      if (!status) return status.error();
      if (stopped_) break;
    }
    if (stack_.size() != 1)
      return fail(ErrorCode::BadFormat,
                  "STOP with " + std::to_string(stack_.size()) + " values on the stack");
    return UnpickleResult{stack_.back(), pos_};
  }

 private:
  Error error(ErrorCode code, const std::string& message) const {
    return makeError(code, message, where_ + " (pickle offset " + std::to_string(opAt_) + ")");
  }
  Expected<UnpickleResult> fail(ErrorCode code, const std::string& message) const {
    return error(code, message);
  }

  ObjectPtr make(decltype(Object::value) value) {
    ++objects_;
    auto object = std::make_shared<Object>();
    object->value = std::move(value);
    return object;
  }
  Status push(ObjectPtr object) {
    if (stack_.size() >= limits_.maxStackDepth || objects_ > limits_.maxObjects)
      return error(ErrorCode::LimitExceeded, "the pickle is larger than the reader's limits");
    stack_.push_back(std::move(object));
    return Status::ok();
  }
  Expected<ObjectPtr> pop() {
    if (stack_.empty() || stack_.back()->is<Mark>())
      return error(ErrorCode::BadFormat, "stack underflow");
    ObjectPtr top = stack_.back();
    stack_.pop_back();
    return top;
  }
  // Items above the topmost MARK (removed with the mark).
  Expected<std::vector<ObjectPtr>> popToMark() {
    size_t i = stack_.size();
    while (i > 0 && !stack_[i - 1]->is<Mark>()) --i;
    if (i == 0) return error(ErrorCode::BadFormat, "no MARK on the stack");
    std::vector<ObjectPtr> items(stack_.begin() + static_cast<std::ptrdiff_t>(i), stack_.end());
    stack_.resize(i - 1);
    return items;
  }
  Expected<std::span<const std::byte>> take(uint64_t n) {
    if (n > data_.size() - pos_)
      return error(ErrorCode::FileTruncated, "the pickle ends inside an argument");
    auto out = data_.subspan(pos_, static_cast<size_t>(n));
    pos_ += static_cast<size_t>(n);
    return out;
  }
  Expected<uint64_t> readLe(int n) {
    auto bytes = take(static_cast<uint64_t>(n));
    if (!bytes) return bytes.error();
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i)
      v = (v << 8) | static_cast<uint8_t>((*bytes)[static_cast<size_t>(i)]);
    return v;
  }
  Expected<std::string> readLine() {
    size_t start = pos_;
    while (pos_ < data_.size() && data_[pos_] != std::byte{'\n'}) ++pos_;
    if (pos_ >= data_.size())
      return error(ErrorCode::FileTruncated, "the pickle ends inside a GLOBAL name");
    std::string line(reinterpret_cast<const char*>(data_.data() + start), pos_ - start);
    ++pos_;
    return line;
  }
  Status pushString(uint64_t length, bool isBytes) {
    auto bytes = take(length);
    if (!bytes) return bytes.error();
    auto object = make(std::string(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
    object->isBytes = isBytes;
    return push(object);
  }
  Status memoPut(uint64_t index) {
    if (stack_.empty()) return error(ErrorCode::BadFormat, "memo put on an empty stack");
    if (index >= limits_.maxMemo) return error(ErrorCode::LimitExceeded, "memo index too large");
    memo_[index] = stack_.back();
    return Status::ok();
  }
  Status memoGet(uint64_t index) {
    auto found = memo_.find(index);
    if (found == memo_.end())
      return error(ErrorCode::BadFormat, "memo entry " + std::to_string(index) + " is not defined");
    return push(found->second);
  }
  Status global(const std::string& module, const std::string& name) {
    const std::string full = module + "." + name;
    if (allowedCallables().count({module, name}) || storageDType(module, name))
      return push(make(Global{module, name}));
    return error(ErrorCode::UnsafeContent, "refused pickle global '" + full +
                                               "': it is not on the allow list." +
                                               hintFor(module, name));
  }
  Status reduce() {
    auto args = pop();
    if (!args) return args.error();
    auto callable = pop();
    if (!callable) return callable.error();
    if (!(*callable)->is<Global>() || !(*args)->is<Object::Tuple>())
      return error(ErrorCode::UnsafeContent,
                   "REDUCE of a " + (*callable)->typeName() +
                       " refused: only allow-listed globals may be called");
    const Global& g = (*callable)->as<Global>();
    const auto& items = (*args)->as<Object::Tuple>().items;
    if (g.module == "collections" && g.name == "OrderedDict") {
      if (!items.empty())
        return error(ErrorCode::BadFormat, "OrderedDict with constructor arguments");
      return push(make(Object::Dict{}));
    }
    if (g.name == "_rebuild_tensor_v2") return rebuildTensor(items);
    if (g.name == "_rebuild_parameter" || g.name == "_rebuild_parameter_with_state") {
      if (items.empty() || !items[0]->is<TensorRef>())
        return error(ErrorCode::BadFormat, "_rebuild_parameter without a tensor");
      TensorRef ref = items[0]->as<TensorRef>();
      ref.isParameter = true;
      return push(make(ref));
    }
    return error(ErrorCode::UnsafeContent,
                 "REDUCE of '" + g.module + "." + g.name +
                     "' refused: it is not a callable MindBridge interprets");
  }
  static bool intTuple(const ObjectPtr& object, std::vector<int64_t>& out) {
    if (!object->is<Object::Tuple>()) return false;
    for (const auto& item : object->as<Object::Tuple>().items) {
      if (!item->is<int64_t>()) return false;
      out.push_back(item->as<int64_t>());
    }
    return true;
  }
  Status rebuildTensor(const std::vector<ObjectPtr>& items) {
    if (items.size() < 4 || !items[0]->is<StorageRef>() || !items[1]->is<int64_t>())
      return error(ErrorCode::BadFormat, "_rebuild_tensor_v2 with unexpected arguments");
    TensorRef ref;
    ref.storage = items[0]->as<StorageRef>();
    ref.offset = items[1]->as<int64_t>();
    if (!intTuple(items[2], ref.size) || !intTuple(items[3], ref.stride) ||
        ref.size.size() != ref.stride.size())
      return error(ErrorCode::BadFormat, "_rebuild_tensor_v2 with a malformed size or stride");
    return push(make(ref));
  }
  Status persistentLoad() {
    auto pid = pop();
    if (!pid) return pid.error();
    if (!(*pid)->is<Object::Tuple>())
      return error(ErrorCode::UnsafeContent, "persistent id is not a storage reference");
    const auto& t = (*pid)->as<Object::Tuple>().items;
    if (t.size() < 5 || !t[0]->is<std::string>() || t[0]->as<std::string>() != "storage" ||
        !t[1]->is<Global>() || !t[2]->is<std::string>() || !t[3]->is<std::string>() ||
        !t[4]->is<int64_t>())
      return error(ErrorCode::UnsafeContent, "persistent id is not a torch storage reference");
    if (t.size() > 5 && !t[5]->is<None>())
      return error(ErrorCode::BadFormat,
                   "storage views of the pre-1.0 legacy format are not supported; "
                   "re-save the file with a current PyTorch");
    const Global& type = t[1]->as<Global>();
    StorageRef ref;
    auto dtype = storageDType(type.module, type.name);
    if (!dtype)
      return error(ErrorCode::UnsafeContent,
                   "unknown storage type " + type.module + "." + type.name);
    ref.dtype = *dtype;
    ref.key = t[2]->as<std::string>();
    ref.location = t[3]->as<std::string>();
    ref.numel = t[4]->as<int64_t>();
    if (ref.numel < 0) return error(ErrorCode::BadFormat, "negative storage size");
    return push(make(ref));
  }
  // Records how deep `target` now nests; refuses pickles nested deeper than the limit.
  Status nest(Object& target, const std::vector<ObjectPtr>& items) {
    for (const auto& item : items) {
      target.depth = std::max(target.depth, item->depth + 1);
      item->contained = true;
    }
    if (target.depth > limits_.maxNesting)
      return error(ErrorCode::LimitExceeded,
                   "containers nested more than " + std::to_string(limits_.maxNesting) + " deep");
    return Status::ok();
  }
  // Adding items to an existing container is the only way a pickle can build a cycle: the target
  // must then be reachable from an item, i.e. be the item itself or already sit inside some
  // container. Python's pickler fills every container before it is stored anywhere, so refusing
  // both loses no real file and keeps the result acyclic (a cycle of shared_ptrs would leak).
  Status mutate(Object& target, const std::vector<ObjectPtr>& items) {
    if (target.contained)
      return error(ErrorCode::BadFormat,
                   "the pickle adds items to a " + target.typeName() +
                       " that is already inside another container (a reference cycle); "
                       "only tree-shaped state dicts are read");
    for (const auto& item : items)
      if (item.get() == &target)
        return error(ErrorCode::BadFormat, "the pickle puts a " + target.typeName() +
                                               " inside itself (a reference cycle); only "
                                               "tree-shaped state dicts are read");
    return nest(target, items);
  }
  Status setItems(ObjectPtr target, const std::vector<ObjectPtr>& items) {
    if (!target->is<Object::Dict>() || items.size() % 2)
      return error(ErrorCode::BadFormat, "SETITEM(S) on a " + target->typeName());
    MB_TRY(mutate(*target, items));
    auto& dict = std::get<Object::Dict>(target->value);
    for (size_t i = 0; i < items.size(); i += 2) {
      bool replaced = false;
      if (items[i]->is<std::string>())
        for (auto& [k, v] : dict)
          if (k->is<std::string>() && k->as<std::string>() == items[i]->as<std::string>()) {
            v = items[i + 1];
            replaced = true;
          }
      if (!replaced) dict.emplace_back(items[i], items[i + 1]);
    }
    return Status::ok();
  }
  Status appendItems(ObjectPtr target, const std::vector<ObjectPtr>& items) {
    if (!target->is<Object::List>())
      return error(ErrorCode::BadFormat, "APPEND(S) on a " + target->typeName());
    MB_TRY(mutate(*target, items));
    auto& list = std::get<Object::List>(target->value);
    list.insert(list.end(), items.begin(), items.end());
    return Status::ok();
  }
  Status pushTuple(std::vector<ObjectPtr> items) {
    auto tuple = make(Object::Tuple{items});
    MB_TRY(nest(*tuple, items));
    return push(tuple);
  }
  Status tupleN(size_t n) {
    if (stack_.size() < n) return error(ErrorCode::BadFormat, "stack underflow");
    std::vector<ObjectPtr> items(stack_.end() - static_cast<std::ptrdiff_t>(n), stack_.end());
    for (const auto& item : items)
      if (item->is<Mark>())
        return error(ErrorCode::BadFormat, "MARK inside TUPLE" + std::to_string(n));
    stack_.resize(stack_.size() - n);
    return pushTuple(std::move(items));
  }

  Status step(uint8_t op, size_t at) {
    opAt_ = at;
    switch (op) {
      case 0x80:
        return take(1).status();  // PROTO
      case 0x95:
        return take(8).status();  // FRAME (framing is only a hint)
      case '.':
        stopped_ = true;
        return Status::ok();  // STOP
      case '(':
        return push(make(Mark{}));  // MARK
      case '0':
        return pop().status();  // POP
      case '1':
        return popToMark().status();  // POP_MARK
      case '2': {                     // DUP
        if (stack_.empty()) return error(ErrorCode::BadFormat, "DUP on an empty stack");
        return push(stack_.back());
      }
      case 'N':
        return push(make(None{}));
      case 0x88:
        return push(make(true));
      case 0x89:
        return push(make(false));
      case 'J': {
        auto v = readLe(4);
        if (!v) return v.error();
        return push(make(int64_t(int32_t(uint32_t(*v)))));
      }
      case 'K':
      case 'M': {
        auto v = readLe(op == 'K' ? 1 : 2);
        if (!v) return v.error();
        return push(make(int64_t(*v)));
      }
      case 0x8a:
      case 0x8b: {  // LONG1, LONG4
        auto n = readLe(op == 0x8a ? 1 : 4);
        if (!n) return n.error();
        auto bytes = take(*n);
        if (!bytes) return bytes.error();
        if (*n > 8) return push(make(std::string("<long>")));  // magic numbers; never a size
        uint64_t v = 0;
        for (size_t i = bytes->size(); i-- > 0;) v = (v << 8) | static_cast<uint8_t>((*bytes)[i]);
        if (*n > 0 && *n < 8 && (static_cast<uint8_t>((*bytes)[*n - 1]) & 0x80))
          v |= ~uint64_t(0) << (8 * *n);
        return push(make(static_cast<int64_t>(v)));
      }
      case 'G': {  // BINFLOAT, big-endian
        auto bytes = take(8);
        if (!bytes) return bytes.error();
        uint64_t bits = 0;
        for (auto b : *bytes) bits = (bits << 8) | static_cast<uint8_t>(b);
        double d;
        std::memcpy(&d, &bits, 8);
        return push(make(d));
      }
      case 'X':
      case 'T':
      case 'B': {  // BINUNICODE, BINSTRING, BINBYTES
        auto n = readLe(4);
        if (!n) return n.error();
        return pushString(*n, op == 'B');
      }
      case 0x8c:
      case 'U':
      case 'C': {  // SHORT_BINUNICODE, SHORT_BINSTRING, SHORT_BINBYTES
        auto n = readLe(1);
        if (!n) return n.error();
        return pushString(*n, op == 'C');
      }
      case 0x8d:
      case 0x8e: {  // BINUNICODE8, BINBYTES8
        auto n = readLe(8);
        if (!n) return n.error();
        return pushString(*n, op == 0x8e);
      }
      case '}':
        return push(make(Object::Dict{}));
      case ']':
        return push(make(Object::List{}));
      case ')':
        return pushTuple({});
      case 0x85:
        return tupleN(1);
      case 0x86:
        return tupleN(2);
      case 0x87:
        return tupleN(3);
      case 't': {
        auto items = popToMark();
        if (!items) return items.error();
        return pushTuple(std::move(*items));
      }
      case 'l': {
        auto items = popToMark();
        if (!items) return items.error();
        auto list = make(Object::List(*items));
        MB_TRY(nest(*list, *items));
        return push(list);
      }
      case 'd': {
        auto items = popToMark();
        if (!items) return items.error();
        auto dict = make(Object::Dict{});
        MB_TRY(setItems(dict, *items));
        return push(dict);
      }
      case 's': {
        auto value = pop();
        if (!value) return value.error();
        auto key = pop();
        if (!key) return key.error();
        if (stack_.empty()) return error(ErrorCode::BadFormat, "SETITEM without a dict");
        return setItems(stack_.back(), {*key, *value});
      }
      case 'u': {
        auto items = popToMark();
        if (!items) return items.error();
        if (stack_.empty()) return error(ErrorCode::BadFormat, "SETITEMS without a dict");
        return setItems(stack_.back(), *items);
      }
      case 'a': {
        auto value = pop();
        if (!value) return value.error();
        if (stack_.empty()) return error(ErrorCode::BadFormat, "APPEND without a list");
        return appendItems(stack_.back(), {*value});
      }
      case 'e': {
        auto items = popToMark();
        if (!items) return items.error();
        if (stack_.empty()) return error(ErrorCode::BadFormat, "APPENDS without a list");
        return appendItems(stack_.back(), *items);
      }
      case 'q':
      case 'r': {
        auto index = readLe(op == 'q' ? 1 : 4);
        if (!index) return index.error();
        return memoPut(*index);
      }
      case 0x94:
        return memoPut(memo_.size());  // MEMOIZE
      case 'h':
      case 'j': {
        auto index = readLe(op == 'h' ? 1 : 4);
        if (!index) return index.error();
        return memoGet(*index);
      }
      case 'c': {  // GLOBAL "module\nname\n"
        auto module = readLine();
        if (!module) return module.error();
        auto name = readLine();
        if (!name) return name.error();
        return global(*module, *name);
      }
      case 0x93: {  // STACK_GLOBAL
        auto name = pop();
        if (!name) return name.error();
        auto module = pop();
        if (!module) return module.error();
        if (!(*module)->is<std::string>() || !(*name)->is<std::string>())
          return error(ErrorCode::BadFormat, "STACK_GLOBAL needs two strings");
        return global((*module)->as<std::string>(), (*name)->as<std::string>());
      }
      case 'Q':
        return persistentLoad();
      case 'R':
        return reduce();
      case 'b': {  // BUILD: state is ignored, nothing is called
        auto state = pop();
        if (!state) return state.error();
        if (stack_.empty()) return error(ErrorCode::BadFormat, "BUILD without an object");
        return Status::ok();
      }
      case 0x81:
      case 0x92:
      case 'o':
      case 'i':
        return error(ErrorCode::UnsafeContent,
                     "object construction opcode refused (NEWOBJ/NEWOBJ_EX/OBJ/INST): "
                     "only tensors and plain containers are read");
      case 'P':
        return error(ErrorCode::UnsafeContent, "text persistent id (PERSID) refused");
      default: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", op);
        return error(ErrorCode::BadFormat,
                     std::string("unsupported or invalid pickle opcode ") + hex);
      }
    }
  }

  std::span<const std::byte> data_;
  std::string where_;
  UnpickleLimits limits_;
  size_t pos_ = 0, opAt_ = 0;
  uint64_t objects_ = 0;
  bool stopped_ = false;
  std::vector<ObjectPtr> stack_;
  std::map<uint64_t, ObjectPtr> memo_;
};

}  // namespace

namespace {
// Moves an object's children out, so destroying it does not recurse into them.
void takeChildren(Object& object, std::vector<ObjectPtr>& out) {
  if (auto* list = std::get_if<Object::List>(&object.value)) {
    for (auto& item : *list) out.push_back(std::move(item));
    list->clear();
  } else if (auto* tuple = std::get_if<Object::Tuple>(&object.value)) {
    for (auto& item : tuple->items) out.push_back(std::move(item));
    tuple->items.clear();
  } else if (auto* dict = std::get_if<Object::Dict>(&object.value)) {
    for (auto& [k, v] : *dict) {
      out.push_back(std::move(k));
      out.push_back(std::move(v));
    }
    dict->clear();
  }
}
}  // namespace

Object::~Object() {
  std::vector<ObjectPtr> pending;
  takeChildren(*this, pending);
  while (!pending.empty()) {
    ObjectPtr next = std::move(pending.back());
    pending.pop_back();
    if (next && next.use_count() == 1) takeChildren(*next, pending);
  }  // `next` dies here without children
}

std::string Object::typeName() const {
  static const char* names[] = {"None", "bool", "int",    "float",   "str",    "tuple",
                                "list", "dict", "global", "storage", "tensor", "mark"};
  return names[value.index()];
}

std::optional<DType> storageDType(const std::string& module, const std::string& name) {
  if (module != "torch") return std::nullopt;
  static const std::map<std::string, DType> types = {{"FloatStorage", DType::Float32},
                                                     {"DoubleStorage", DType::Float64},
                                                     {"HalfStorage", DType::Float16},
                                                     {"BFloat16Storage", DType::BFloat16},
                                                     {"LongStorage", DType::Int64},
                                                     {"IntStorage", DType::Int32},
                                                     {"ShortStorage", DType::Int16},
                                                     {"CharStorage", DType::Int8},
                                                     {"ByteStorage", DType::UInt8},
                                                     {"BoolStorage", DType::Bool},
                                                     {"ComplexFloatStorage", DType::Complex64},
                                                     {"ComplexDoubleStorage", DType::Complex128}};
  auto found = types.find(name);
  if (found == types.end()) return std::nullopt;
  return found->second;
}

Expected<UnpickleResult> unpickle(std::span<const std::byte> bytes, const std::string& where,
                                  const UnpickleLimits& limits) {
  return Machine(bytes, where, limits).run();
}

}  // namespace mb::pickle
