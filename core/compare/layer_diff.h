// Numeric comparison of one converted tensor against its reference (the source graph's value):
// the statistics a per-layer diff shows, and how several samples fold into one worst case.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ir/tensor.h"

namespace mb::compare {

// numpy.isclose semantics: |got - ref| <= atol + rtol * |ref| for every element.
struct Tolerance {
  double atol = 1e-5;
  double rtol = 1e-5;
};

// |error| histogram with log-spaced (decade) bins, so 1e-9 noise and a 1e-2 bug are both visible.
struct ErrorHistogram {
  static constexpr int kFirstDecade = -12;  // first decade bin is [1e-12, 1e-11)
  static constexpr int kDecades = 14;       // last decade bin is [1e1, 1e2)
  int64_t exact = 0;                        // |error| == 0
  int64_t below = 0;                        // 0 < |error| < 1e-12
  std::array<int64_t, kDecades> decades{};  // [1e(k+first), 1e(k+first+1))
  int64_t above = 0;                        // |error| >= 1e2, including inf

  void add(double absError);
  void merge(const ErrorHistogram& other);
  int64_t total() const;
};

// Statistics of one (got, ref) pair, or the worst case over several samples.
struct LayerStats {
  int64_t numel = 0;
  double maxAbs = 0;          // max |got - ref|
  double meanAbs = 0;         // mean |got - ref|
  double maxRel = 0;          // max |got - ref| / |ref|; an error where ref == 0 counts as inf
  double rmse = 0;            // sqrt(mean (got - ref)^2)
  double cosine = 1;          // over elements finite in both; 1 when both are all-zero
  double refMaxAbs = 0;       // max |ref| over finite elements (for scale-relative criteria)
  int64_t withinCount = 0;    // elements within tolerance
  double fractionWithin = 1;  // withinCount / numel
  // Smallest tolerances that would pass: atol at rtol = 0 (= maxAbs) and rtol at atol = 0.
  double minAtol = 0;
  double minRtol = 0;
  int64_t refNan = 0, refInf = 0, gotNan = 0, gotInf = 0;
  // Elements where exactly one side is NaN, or infinities differ: no tolerance accepts them.
  int64_t nonFiniteMismatch = 0;
  ErrorHistogram histogram;

  bool allWithin() const { return withinCount == numel; }
  // The acceptance criterion of the fixture tests: max_abs ≤ scale · max(1, max|ref|).
  double scaledMaxAbs() const;
};

// Compares element-wise after converting both to double. Shapes must have equal numel (the caller
// checks shapes); any numeric dtype is accepted on either side.
LayerStats computeLayerStats(const Tensor& got, const Tensor& ref, const Tolerance& tolerance);

// Folds another sample into `worst` (which already holds the first sample): maxima of error
// metrics, minima of cosine and fraction, histograms and counts summed.
void mergeWorstCase(LayerStats& worst, const LayerStats& sample);

}  // namespace mb::compare
