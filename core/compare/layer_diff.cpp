#include "compare/layer_diff.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mb::compare {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Reads elements as double without a per-element dtype switch for the common float32 case.
class DoubleReader {
 public:
  explicit DoubleReader(const Tensor& t) {
    if (t.dtype() == DType::Float32) {
      f32_ = t.data<float>();
    } else if (t.dtype() == DType::Float64) {
      f64_ = t.data<double>();
    } else {
      converted_.resize(static_cast<size_t>(t.numel()));
      for (int64_t i = 0; i < t.numel(); ++i)
        converted_[static_cast<size_t>(i)] = t.elementAsDouble(i);
    }
  }
  double operator[](int64_t i) const {
    if (f32_) return f32_[i];
    if (f64_) return f64_[i];
    return converted_[static_cast<size_t>(i)];
  }

 private:
  const float* f32_ = nullptr;
  const double* f64_ = nullptr;
  std::vector<double> converted_;
};

}  // namespace

void ErrorHistogram::add(double absError) {
  if (absError == 0) {
    ++exact;
    return;
  }
  if (std::isnan(absError) || absError >= 1e2) {
    ++above;
    return;
  }
  int decade = static_cast<int>(std::floor(std::log10(absError)));
  // log10 of an exact power of ten can land one below; nudge by comparing with the edge itself.
  if (std::pow(10.0, decade + 1) <= absError) ++decade;
  if (decade < kFirstDecade) {
    ++below;
    return;
  }
  int index = std::min(decade - kFirstDecade, kDecades - 1);
  ++decades[static_cast<size_t>(index)];
}

void ErrorHistogram::merge(const ErrorHistogram& other) {
  exact += other.exact;
  below += other.below;
  above += other.above;
  for (size_t i = 0; i < decades.size(); ++i) decades[i] += other.decades[i];
}

int64_t ErrorHistogram::total() const {
  int64_t sum = exact + below + above;
  for (int64_t c : decades) sum += c;
  return sum;
}

double LayerStats::scaledMaxAbs() const {
  return maxAbs / std::max(1.0, refMaxAbs);
}

LayerStats computeLayerStats(const Tensor& got, const Tensor& ref, const Tolerance& tolerance) {
  LayerStats s;
  s.numel = std::min(got.numel(), ref.numel());
  DoubleReader g(got), r(ref);
  double sumAbs = 0, sumSq = 0, dot = 0, normG = 0, normR = 0;
  for (int64_t i = 0; i < s.numel; ++i) {
    const double a = g[i], b = r[i];
    if (std::isnan(b)) ++s.refNan;
    if (std::isinf(b)) ++s.refInf;
    if (std::isnan(a)) ++s.gotNan;
    if (std::isinf(a)) ++s.gotInf;
    const bool finite = std::isfinite(a) && std::isfinite(b);
    double err;
    if (finite) {
      err = std::fabs(a - b);
      dot += a * b;
      normG += a * a;
      normR += b * b;
      s.refMaxAbs = std::max(s.refMaxAbs, std::fabs(b));
    } else if ((std::isnan(a) && std::isnan(b)) || a == b) {
      err = 0;  // NaN against NaN and equal infinities are the same result
    } else {
      err = kInf;
      ++s.nonFiniteMismatch;
    }
    s.histogram.add(err);
    sumAbs += err;
    sumSq += err * err;
    s.maxAbs = std::max(s.maxAbs, err);
    const double rel = err == 0 ? 0.0 : (finite && b != 0 ? err / std::fabs(b) : kInf);
    s.maxRel = std::max(s.maxRel, rel);
    if (err <= tolerance.atol + tolerance.rtol * std::fabs(b)) ++s.withinCount;
  }
  if (s.numel > 0) {
    s.meanAbs = sumAbs / static_cast<double>(s.numel);
    s.rmse = std::sqrt(sumSq / static_cast<double>(s.numel));
    s.fractionWithin = static_cast<double>(s.withinCount) / static_cast<double>(s.numel);
  }
  if (normG == 0 && normR == 0)
    s.cosine = 1;
  else if (normG == 0 || normR == 0)
    s.cosine = 0;
  else
    s.cosine = std::clamp(dot / (std::sqrt(normG) * std::sqrt(normR)), -1.0, 1.0);
  s.minAtol = s.maxAbs;
  s.minRtol = s.maxRel;
  return s;
}

void mergeWorstCase(LayerStats& worst, const LayerStats& sample) {
  worst.numel = std::max(worst.numel, sample.numel);
  worst.maxAbs = std::max(worst.maxAbs, sample.maxAbs);
  worst.meanAbs = std::max(worst.meanAbs, sample.meanAbs);
  worst.maxRel = std::max(worst.maxRel, sample.maxRel);
  worst.rmse = std::max(worst.rmse, sample.rmse);
  worst.cosine = std::min(worst.cosine, sample.cosine);
  worst.refMaxAbs = std::max(worst.refMaxAbs, sample.refMaxAbs);
  if (sample.fractionWithin < worst.fractionWithin ||
      (sample.fractionWithin == worst.fractionWithin && sample.withinCount < worst.withinCount)) {
    worst.fractionWithin = sample.fractionWithin;
    worst.withinCount = sample.withinCount;
  }
  worst.minAtol = std::max(worst.minAtol, sample.minAtol);
  worst.minRtol = std::max(worst.minRtol, sample.minRtol);
  worst.refNan += sample.refNan;
  worst.refInf += sample.refInf;
  worst.gotNan += sample.gotNan;
  worst.gotInf += sample.gotInf;
  worst.nonFiniteMismatch += sample.nonFiniteMismatch;
  worst.histogram.merge(sample.histogram);
}

}  // namespace mb::compare
