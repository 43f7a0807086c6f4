#include "io/pth_reader.h"

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>

#include "io/mapped_file.h"
#include "io/pickle.h"
#include "io/zip_layout.h"

namespace mb {
namespace {

using pickle::Object;
using pickle::ObjectPtr;

// Bytes of one storage and whoever keeps them alive.
struct StorageBytes {
  std::shared_ptr<const void> owner;
  const std::byte* data = nullptr;
  uint64_t size = 0;
};

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

Expected<std::vector<std::byte>> readZipEntry(zip_t* archive, zip_uint64_t index, uint64_t size,
                                              const std::string& where) {
  zip_file_t* f = zip_fopen_index(archive, index, 0);
  if (!f)
    return makeError(ErrorCode::BadFormat,
                     std::string("zip: cannot open entry: ") + zip_strerror(archive), where);
  std::vector<std::byte> out(size);
  zip_int64_t n = size ? zip_fread(f, out.data(), size) : 0;
  zip_fclose(f);
  if (n < 0 || static_cast<uint64_t>(n) != size)
    return makeError(ErrorCode::BadFormat, "zip: entry is damaged (short read or CRC error)",
                     where);
  return out;
}

// Tensor from its storage: a view when contiguous and aligned, else a contiguous copy.
Expected<Tensor> materialise(const pickle::TensorRef& ref, const StorageBytes& storage,
                             const std::string& where) {
  const DType dtype = ref.storage.dtype;
  const size_t elem = dtypeSize(dtype);
  int64_t numel = checkedNumel(ref.size);
  if (numel < 0 || ref.offset < 0)
    return makeError(ErrorCode::BadFormat, "invalid tensor size or offset", where);
  if (numel == 0) return Tensor::zeros(dtype, ref.size);
  uint64_t maxIndex = static_cast<uint64_t>(ref.offset);
  for (size_t i = 0; i < ref.size.size(); ++i) {
    if (ref.stride[i] < 0) return makeError(ErrorCode::BadFormat, "negative stride", where);
    maxIndex += static_cast<uint64_t>(ref.size[i] - 1) * static_cast<uint64_t>(ref.stride[i]);
  }
  const uint64_t available =
      std::min<uint64_t>(storage.size / elem, static_cast<uint64_t>(ref.storage.numel));
  if (maxIndex >= available)
    return makeError(ErrorCode::BadFormat,
                     "tensor reaches element " + std::to_string(maxIndex) + " of a storage with " +
                         std::to_string(available) + " elements (damaged file)",
                     where);
  bool contiguous = true;
  int64_t expected = 1;
  for (size_t i = ref.size.size(); i-- > 0;) {
    if (ref.size[i] != 1 && ref.stride[i] != expected) contiguous = false;
    expected *= ref.size[i];
  }
  const std::byte* base = storage.data + static_cast<uint64_t>(ref.offset) * elem;
  if (contiguous && reinterpret_cast<uintptr_t>(base) % elem == 0)
    return Tensor::view(dtype, ref.size, storage.owner, base);
  Tensor out = Tensor::zeros(dtype, ref.size);
  std::byte* dst = out.mutableBytes();
  std::vector<int64_t> index(ref.size.size(), 0);
  for (int64_t n = 0; n < numel; ++n) {
    uint64_t src = 0;
    for (size_t d = 0; d < index.size(); ++d)
      src += static_cast<uint64_t>(index[d] * ref.stride[d]);
    std::memcpy(dst + static_cast<uint64_t>(n) * elem, base + src * elem, elem);
    for (size_t d = index.size(); d-- > 0;) {
      if (++index[d] < ref.size[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

void collectStorages(const ObjectPtr& object, std::map<std::string, pickle::StorageRef>& out,
                     int depth = 0) {
  if (depth > 1000) return;
  if (object->is<pickle::TensorRef>()) {
    const auto& s = object->as<pickle::TensorRef>().storage;
    out.emplace(s.key, s);
  } else if (object->is<Object::Dict>()) {
    for (const auto& [k, v] : object->as<Object::Dict>()) collectStorages(v, out, depth + 1);
  } else if (object->is<Object::List>()) {
    for (const auto& v : object->as<Object::List>()) collectStorages(v, out, depth + 1);
  } else if (object->is<Object::Tuple>()) {
    for (const auto& v : object->as<Object::Tuple>().items) collectStorages(v, out, depth + 1);
  }
}

bool holdsTensors(const ObjectPtr& object) {
  std::map<std::string, pickle::StorageRef> found;
  collectStorages(object, found);
  return !found.empty();
}

std::string keyText(const ObjectPtr& key) {
  if (key->is<std::string>()) return key->as<std::string>();
  if (key->is<int64_t>()) return std::to_string(key->as<int64_t>());
  return "<" + key->typeName() + ">";
}

Status flatten(const ObjectPtr& object, const std::string& name,
               const std::map<std::string, StorageBytes>& storages, PthFile& out,
               const std::string& where, int depth = 0) {
  if (depth > 200)
    return makeError(ErrorCode::LimitExceeded, "containers nested too deeply", where);
  auto child = [&](const std::string& key) { return name.empty() ? key : name + "." + key; };
  if (object->is<pickle::TensorRef>()) {
    const auto& ref = object->as<pickle::TensorRef>();
    auto tensor = materialise(ref, storages.at(ref.storage.key), where + ": " + name);
    if (!tensor) return tensor.error();
    out.tensors.emplace_back(name, std::move(*tensor));
  } else if (object->is<Object::Dict>()) {
    for (const auto& [k, v] : object->as<Object::Dict>())
      MB_TRY(flatten(v, child(keyText(k)), storages, out, where, depth + 1));
  } else if ((object->is<Object::List>() || object->is<Object::Tuple>()) && holdsTensors(object)) {
    const auto& items =
        object->is<Object::List>() ? object->as<Object::List>() : object->as<Object::Tuple>().items;
    for (size_t i = 0; i < items.size(); ++i)
      MB_TRY(flatten(items[i], child(std::to_string(i)), storages, out, where, depth + 1));
  } else {
    out.skipped.push_back((name.empty() ? "<root>" : name) + " (" + object->typeName() + ")");
  }
  return Status::ok();
}

// {'state_dict': {...}, 'epoch': 3} → the state dict (only when the top level has no tensors
// itself).
ObjectPtr unwrap(const ObjectPtr& root, std::string& wrapperKey) {
  if (!root->is<Object::Dict>()) return root;
  for (const auto& [k, v] : root->as<Object::Dict>())
    if (v->is<pickle::TensorRef>()) return root;
  for (const char* key :
       {"state_dict", "model_state_dict", "model", "module", "net", "network", "params"})
    for (const auto& [k, v] : root->as<Object::Dict>())
      if (k->is<std::string>() && k->as<std::string>() == key && v->is<Object::Dict>() &&
          holdsTensors(v)) {
        wrapperKey = key;
        return v;
      }
  return root;
}

Status finish(const ObjectPtr& root, const std::map<std::string, StorageBytes>& storages,
              const PthReadOptions& options, PthFile& out, const std::string& where) {
  ObjectPtr top = unwrap(root, out.wrapperKey);
  MB_TRY(flatten(top, "", storages, out, where));
  if (out.tensors.empty())
    return makeError(ErrorCode::BadFormat,
                     "the file holds no tensors (is it an optimizer state or a config?)", where);
  if (!out.wrapperKey.empty())
    out.warnings.push_back("tensors read from the '" + out.wrapperKey + "' entry");
  bool allModule = options.stripDataParallelPrefix;
  for (const auto& [name, t] : out.tensors) allModule = allModule && name.rfind("module.", 0) == 0;
  if (allModule) {
    for (auto& [name, t] : out.tensors) name = name.substr(7);
    out.warnings.push_back("removed the 'module.' prefix that DataParallel adds to every key");
  }
  return Status::ok();
}

Expected<PthFile> readZip(const std::shared_ptr<MappedFile>& file, const PthReadOptions& options) {
  const std::string& where = file->path();
  int err = 0;
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open(where.c_str(), ZIP_RDONLY, &err));
  if (!archive) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, err);
    std::string message = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    return makeError(err == ZIP_ER_NOZIP || err == ZIP_ER_INCONS ? ErrorCode::FileTruncated
                                                                 : ErrorCode::BadFormat,
                     "not a readable zip (" + message + "): the file is truncated or damaged",
                     where);
  }
  zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  if (count < 0 || static_cast<uint64_t>(count) > options.maxEntries)
    return makeError(ErrorCode::LimitExceeded,
                     "zip has " + std::to_string(count) + " entries, more than the limit of " +
                         std::to_string(options.maxEntries),
                     where);
  std::map<std::string, zip_stat_t> stats;
  uint64_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0)
      return makeError(ErrorCode::BadFormat, "zip: unreadable entry #" + std::to_string(i), where);
    std::string name = st.name ? st.name : "";
    if (st.encryption_method != ZIP_EM_NONE)
      return makeError(ErrorCode::UnsafeContent, "zip entry '" + name + "' is encrypted", where);
    total += st.size;
    if (total > options.maxTotalUncompressed)
      return makeError(ErrorCode::LimitExceeded,
                       "zip entries add up to more than " +
                           std::to_string(options.maxTotalUncompressed) + " bytes uncompressed",
                       where);
    if (st.comp_method != ZIP_CM_STORE && st.size > 1024 &&
        static_cast<double>(st.size) >
            options.maxCompressionRatio *
                static_cast<double>(std::max<zip_uint64_t>(st.comp_size, 1)))
      return makeError(ErrorCode::LimitExceeded,
                       "zip entry '" + name + "' expands " +
                           std::to_string(st.size / std::max<zip_uint64_t>(st.comp_size, 1)) +
                           "x (limit " + std::to_string(int(options.maxCompressionRatio)) +
                           "x): refused as a zip bomb",
                       where);
    stats[name] = st;
  }
  std::string prefix;
  for (const auto& [name, st] : stats)
    if (name.size() >= 8 && name.compare(name.size() - 8, 8, "data.pkl") == 0 &&
        std::count(name.begin(), name.end(), '/') <= 1) {
      prefix = name.substr(0, name.size() - 8);
      break;
    }
  if (!stats.count(prefix + "data.pkl"))
    return makeError(ErrorCode::BadFormat, "zip without data.pkl: not a torch.save file", where);
  const zip_stat_t& pkl = stats[prefix + "data.pkl"];
  if (pkl.size > options.maxPickleBytes)
    return makeError(ErrorCode::LimitExceeded, "data.pkl is too large", where);
  auto pickleBytes = readZipEntry(archive.get(), pkl.index, pkl.size, where + ": data.pkl");
  if (!pickleBytes) return pickleBytes.error();
  auto parsed = pickle::unpickle(*pickleBytes, where + ": " + prefix + "data.pkl");
  if (!parsed) return parsed.error();

  auto layout = readZipLayout(file->bytes(), where);
  if (!layout) return layout.error();
  std::map<std::string, pickle::StorageRef> refs;
  collectStorages(parsed->root, refs);
  std::map<std::string, StorageBytes> storages;
  for (const auto& [key, ref] : refs) {
    const std::string entryName = prefix + "data/" + key;
    auto st = stats.find(entryName);
    auto lay = layout->find(entryName);
    if (st == stats.end() || lay == layout->end())
      return makeError(ErrorCode::BadFormat, "storage '" + key + "' is missing from the archive",
                       where);
    StorageBytes bytes;
    if (st->second.comp_method == ZIP_CM_STORE && lay->second.method == 0 &&
        lay->second.size == st->second.size) {
      bytes = {file, file->data() + lay->second.dataOffset, st->second.size};
    } else {
      auto owned =
          readZipEntry(archive.get(), st->second.index, st->second.size, where + ": " + entryName);
      if (!owned) return owned.error();
      auto holder = std::make_shared<std::vector<std::byte>>(std::move(*owned));
      bytes = {holder, holder->data(), holder->size()};
    }
    if (bytes.size < static_cast<uint64_t>(ref.numel) * dtypeSize(ref.dtype))
      return makeError(ErrorCode::BadFormat,
                       "storage '" + key + "' is shorter than its declared size", where);
    storages[key] = bytes;
  }
  PthFile out;
  out.format = "zip";
  MB_TRY(finish(parsed->root, storages, options, out, where));
  return out;
}

Expected<PthFile> readLegacy(const std::shared_ptr<MappedFile>& file,
                             const PthReadOptions& options) {
  const std::string& where = file->path();
  std::span<const std::byte> rest = file->bytes();
  std::vector<ObjectPtr> pickles;
  for (int i = 0; i < 5; ++i) {  // magic, protocol version, sys info, the object, storage keys
    auto parsed = pickle::unpickle(rest, where + " (legacy pickle #" + std::to_string(i + 1) + ")");
    if (!parsed) return parsed.error();
    pickles.push_back(parsed->root);
    rest = rest.subspan(parsed->consumed);
  }
  if (!pickles[1]->is<int64_t>() || pickles[1]->as<int64_t>() != 1001)
    return makeError(ErrorCode::BadFormat, "not a torch legacy file (protocol version is not 1001)",
                     where);
  if (!pickles[4]->is<Object::List>())
    return makeError(ErrorCode::BadFormat, "legacy storage key list missing", where);
  std::map<std::string, pickle::StorageRef> refs;
  collectStorages(pickles[3], refs);
  std::map<std::string, StorageBytes> storages;
  for (const auto& keyObject : pickles[4]->as<Object::List>()) {
    if (!keyObject->is<std::string>())
      return makeError(ErrorCode::BadFormat, "legacy storage key is not a string", where);
    const std::string& key = keyObject->as<std::string>();
    auto ref = refs.find(key);
    if (ref == refs.end())
      return makeError(ErrorCode::BadFormat, "legacy storage '" + key + "' is not referenced",
                       where);
    if (rest.size() < 8)
      return makeError(ErrorCode::FileTruncated, "the file ends before storage '" + key + "'",
                       where);
    uint64_t numel = 0;
    std::memcpy(&numel, rest.data(), 8);
    const uint64_t bytes = numel * dtypeSize(ref->second.dtype);
    if (numel > rest.size() || bytes > rest.size() - 8)
      return makeError(ErrorCode::FileTruncated, "the file ends inside storage '" + key + "'",
                       where);
    storages[key] = {file, rest.data() + 8, bytes};
    rest = rest.subspan(8 + bytes);
  }
  for (const auto& [key, ref] : refs)
    if (!storages.count(key))
      return makeError(ErrorCode::BadFormat, "legacy storage '" + key + "' has no data", where);
  PthFile out;
  out.format = "legacy";
  MB_TRY(finish(pickles[3], storages, options, out, where));
  return out;
}

}  // namespace

Expected<PthFile> readPth(const std::string& path, const PthReadOptions& options) {
  auto file = MappedFile::open(path);
  if (!file) return file.error();
  auto bytes = (*file)->bytes();
  if (bytes.size() >= 4 && std::memcmp(bytes.data(), "PK\x03\x04", 4) == 0)
    return readZip(*file, options);
  // Any pickle goes through the legacy path: a plain (possibly hostile) pickle is then refused by
  // the restricted unpickler with the global it names, not waved off as an unknown format.
  if (bytes.size() >= 2 && static_cast<uint8_t>(bytes[0]) == 0x80)
    return readLegacy(*file, options);
  if (bytes.size() >= 4 && std::memcmp(bytes.data(), "PK", 2) == 0)
    return makeError(ErrorCode::BadFormat, "zip file that does not start with a local header",
                     path);
  return makeError(ErrorCode::BadFormat,
                   bytes.empty()
                       ? "empty file"
                       : "not a torch.save file (neither the zip nor the legacy pickle format)",
                   path);
}

}  // namespace mb
