// Source tensors from any weight file MindBridge reads, chosen by content (not extension): torch
// .pth (zip or legacy pickle), safetensors, MindSpore .ckpt.
#pragma once

#include <string>
#include <vector>

#include "weights/weight_map.h"

namespace mb::weights {

struct LoadedSources {
  SourceTensors tensors;
  std::string format;              // "pth-zip", "pth-legacy", "safetensors", "ckpt"
  std::vector<std::string> notes;  // wrapper unwrapped, non-tensor entries skipped, …
};

Expected<LoadedSources> loadSourceTensors(const std::string& path);

}  // namespace mb::weights
