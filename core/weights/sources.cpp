#include "weights/sources.h"

#include <cstring>
#include <fstream>

#include "io/checkpoint_reader.h"
#include "io/pth_reader.h"
#include "io/safetensors.h"

namespace mb::weights {

Expected<LoadedSources> loadSourceTensors(const std::string& path) {
  char head[9] = {};
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::FileNotFound, "cannot open the weight file", path);
    in.read(head, 9);
  }
  LoadedSources out;
  uint64_t headerSize = 0;
  std::memcpy(&headerSize, head, 8);
  const bool zipOrPickle = std::memcmp(head, "PK", 2) == 0 || static_cast<uint8_t>(head[0]) == 0x80;
  if (!zipOrPickle && head[8] == '{' && headerSize > 1) {
    auto file = readSafetensors(path);
    if (!file) return file.error();
    out.tensors = std::move(file->tensors);
    out.format = "safetensors";
    return out;
  }
  if (zipOrPickle) {
    auto file = readPth(path);
    if (!file) return file.error();
    out.tensors = std::move(file->tensors);
    out.format = "pth-" + file->format;
    out.notes = file->warnings;
    if (!file->skipped.empty()) {
      std::string list;
      for (size_t i = 0; i < file->skipped.size() && i < 8; ++i)
        list += (i ? ", " : "") + file->skipped[i];
      out.notes.push_back("skipped " + std::to_string(file->skipped.size()) +
                          " non-tensor entries: " + list + (file->skipped.size() > 8 ? ", …" : ""));
    }
    return out;
  }
  auto ckpt = readCheckpoint(path);
  if (!ckpt) return ckpt.error();
  for (auto& entry : ckpt->entries)
    if (!entry.tensor.empty()) out.tensors.emplace_back(entry.name, entry.tensor);
  out.format = "ckpt";
  return out;
}

}  // namespace mb::weights
