// Reader for MindSpore .ckpt files: a concatenation of serialized Checkpoint messages (as
// save_checkpoint writes them), an optional CRC trailer (stripped always, verified on request),
// slices of one tensor (consecutive values with the same tag) joined. Encrypted checkpoints are
// refused with UnsafeContent: decrypting needs the user's key and MindSpore itself.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/mapped_file.h"
#include "ir/tensor.h"
#include "util/status.h"

namespace mb {

struct CheckpointEntry {
  std::string name;
  std::string tensorType;  // as stored: "Float32", "BFloat16", "str", …
  std::vector<int64_t> dims;
  Tensor tensor;   // empty for string / map-tensor / unknown-type entries
  int slices = 1;  // how many consecutive values made this entry
  bool isMapTensor = false;
};

struct CheckpointReadOptions {
  bool verifyCrc = false;  // check the trailer's CRC32 (an error when it does not match)
  uint64_t maxEntries = 10'000'000;
};

struct Checkpoint {
  std::vector<CheckpointEntry> entries;
  bool hadCrcTrailer = false;
  std::vector<std::string> warnings;
  std::shared_ptr<MappedFile> file;  // keeps tensor views alive

  const CheckpointEntry* find(const std::string& name) const;
};

Expected<Checkpoint> readCheckpoint(const std::string& path, CheckpointReadOptions options = {});

// True when the first four bytes carry one of MindSpore's cipher-block magics (AES-GCM, AES-CBC,
// SM4-CBC), i.e. the checkpoint was saved with enc_key.
bool isEncryptedCheckpoint(std::span<const std::byte> head);

}  // namespace mb
