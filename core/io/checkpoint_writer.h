// Streaming writer for MindSpore .ckpt files (mindspore-facts.md §2). Each tensor becomes one
// serialized `Checkpoint{value: [Value]}` message written straight to the file, so memory stays
// constant however large the model is. Tensors over the slice size are split the way MindSpore's
// save_checkpoint splits them (same tag, full dims repeated). The file appears atomically: bytes go
// to "<out>.tmp-XXXXXX" and are renamed into place by finish(); an unfinished writer removes it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb {

struct CheckpointWriteOptions {
  // Append MindSpore's CRC trailer: "crc_num" + CRC32 of all preceding bytes, 10 bytes big-endian.
  bool crcTrailer = false;
  // Tensors strictly larger than this are sliced (MindSpore: SLICE_SIZE = 512 MiB). Tests lower it.
  uint64_t sliceBytes = uint64_t{512} << 20;
};

class CheckpointWriter {
 public:
  static Expected<CheckpointWriter> create(const std::string& path,
                                           CheckpointWriteOptions options = {});
  CheckpointWriter(CheckpointWriter&&) noexcept;
  CheckpointWriter& operator=(CheckpointWriter&&) noexcept;
  ~CheckpointWriter();  // removes the temporary file unless finish() succeeded

  // Appends one parameter. The tensor must be dense with a dtype MindSpore can store.
  Status add(std::string_view name, const Tensor& tensor);
  // Writes the trailer (if asked), flushes, syncs and renames into place.
  Status finish();
  uint64_t bytesWritten() const;

 private:
  struct Impl;
  explicit CheckpointWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Whole checkpoint in one call (parameters in the given order).
Status writeCheckpoint(const std::string& path,
                       const std::vector<std::pair<std::string, Tensor>>& params,
                       CheckpointWriteOptions options = {});

// The byte ranges one tensor is split into (offset, length), exactly as MindSpore slices it:
// np.array_split along axis 0 for numpy-representable dtypes, raw byte chunks for bfloat16.
std::vector<std::pair<uint64_t, uint64_t>> checkpointSlices(const Tensor& tensor,
                                                            uint64_t sliceBytes);

}  // namespace mb
