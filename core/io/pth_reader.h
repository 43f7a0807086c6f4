// PyTorch .pth / .pt files as torch.save writes them: the zip format (1.6+) and the legacy format
// (a pickle sequence followed by raw storages). The pickle goes through the restricted unpickler
// (io/pickle.h): nothing in the file is ever executed. Tensors of stored (uncompressed) zip entries
// are views on the memory-mapped file; strided or offset views are materialised contiguously.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb {

struct PthReadOptions {
  uint64_t maxEntries = 1'000'000;                      // zip entries
  uint64_t maxTotalUncompressed = uint64_t{256} << 30;  // sum of entry sizes
  double maxCompressionRatio = 200.0;                   // per compressed entry (zip bombs)
  uint64_t maxPickleBytes = uint64_t{1} << 30;
  bool stripDataParallelPrefix = true;  // "module.x" → "x" when every key has it
};

struct PthFile {
  std::string format;  // "zip" or "legacy"
  // Tensors in file order; nested dicts give dotted names ("encoder.layer.0.weight").
  std::vector<std::pair<std::string, Tensor>> tensors;
  std::string wrapperKey;            // "state_dict", "model", … when the tensors sat under one
  std::vector<std::string> skipped;  // non-tensor entries: "epoch (int)"
  std::vector<std::string> warnings;
};

Expected<PthFile> readPth(const std::string& path, const PthReadOptions& options = {});

}  // namespace mb
