#include "tensor_stats.h"

#include <cmath>

namespace mb {

TensorStats TensorStats::of(const Tensor& tensor, int bins, int64_t maxElements) {
  TensorStats s;
  const int64_t n = tensor.numel();
  if (tensor.empty() || n <= 0 || tensor.dtype() == DType::String || !tensor.bytes()) return s;
  const int64_t step = n > maxElements ? (n + maxElements - 1) / maxElements : 1;
  s.sampled = step > 1;
  double sum = 0, sumSq = 0;
  int64_t zeros = 0;
  s.min = INFINITY;
  s.max = -INFINITY;
  std::vector<double> values;
  values.reserve(static_cast<size_t>(n / step + 1));
  for (int64_t i = 0; i < n; i += step) {
    double v = tensor.elementAsDouble(i);
    if (!std::isfinite(v)) {
      ++s.nonFinite;
      continue;
    }
    values.push_back(v);
    s.min = std::min(s.min, v);
    s.max = std::max(s.max, v);
    sum += v;
    zeros += v == 0;
  }
  s.count = static_cast<int64_t>(values.size());
  if (s.count == 0) return s;
  s.mean = sum / static_cast<double>(s.count);
  for (double v : values) sumSq += (v - s.mean) * (v - s.mean);
  s.std = std::sqrt(sumSq / static_cast<double>(s.count));
  s.sparsity = static_cast<double>(zeros) / static_cast<double>(s.count);
  s.histogram.assign(static_cast<size_t>(std::max(1, bins)), 0);
  const double span = s.max - s.min;
  for (double v : values) {
    auto b = span > 0
                 ? static_cast<size_t>((v - s.min) / span * static_cast<double>(s.histogram.size()))
                 : 0;
    ++s.histogram[std::min(b, s.histogram.size() - 1)];
  }
  s.valid = true;
  return s;
}

}  // namespace mb
