// Summary of a weight tensor for the inspector: min, max, mean, std, sparsity and a histogram
// (Netron computes the same for tensors under 8.4 M elements; we do it for any size, sampled).
#pragma once

#include <cstdint>
#include <vector>

#include "ir/tensor.h"

namespace mb {

struct TensorStats {
  bool valid = false;  // numeric and non-empty
  int64_t count = 0;   // elements summarised (all, or an even sample for huge tensors)
  bool sampled = false;
  double min = 0, max = 0, mean = 0, std = 0;
  double sparsity = 0;  // fraction of exact zeros
  int64_t nonFinite = 0;
  std::vector<int64_t> histogram;  // `bins` equal-width buckets over [min, max]

  static TensorStats of(const Tensor& tensor, int bins = 40, int64_t maxElements = 16'000'000);
};

}  // namespace mb
