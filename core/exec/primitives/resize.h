// N-D resize as a sequence of 1-D passes (exact for nearest, and for linear / cubic, which are
// tensor products). Every choice is explicit: the output size per axis, the scale used by the
// coordinate transform, the transform itself, the nearest rounding, cubic's A and exclude_outside,
// and tf_crop_and_resize's region and extrapolation value.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec {
class ThreadPool;
}

namespace mb::exec::nn {

enum class ResizeMode { Nearest, Linear, Cubic };
enum class CoordinateTransform {
  HalfPixel,
  PytorchHalfPixel,
  AlignCorners,
  Asymmetric,
  TfHalfPixelForNn,
  TfCropAndResize
};
enum class NearestRounding { RoundPreferFloor, RoundPreferCeil, Floor, Ceil };

struct ResizeParams {
  std::vector<int64_t> outputDims;       // full output shape
  std::vector<double> scales;            // per axis, as the coordinate transform uses it
  std::vector<double> roiStart, roiEnd;  // per axis, normalised (tf_crop_and_resize only)
  ResizeMode mode = ResizeMode::Nearest;
  CoordinateTransform transform = CoordinateTransform::HalfPixel;
  NearestRounding rounding = NearestRounding::RoundPreferFloor;
  double cubicA = -0.75;
  bool excludeOutside = false;
  double extrapolationValue = 0.0;
};

Expected<CoordinateTransform> parseCoordinateTransform(const std::string& name);
Expected<NearestRounding> parseNearestRounding(const std::string& name);

// Float tensors (computed in float32); nearest mode also moves integer tensors.
Expected<Tensor> resize(const Tensor& x, const ResizeParams& params, ThreadPool* pool);

}  // namespace mb::exec::nn
