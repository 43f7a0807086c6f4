#include "exec/primitives/nn_util.h"

namespace mb::exec::nn {

Tensor toFloat32(const Tensor& x) {
  if (x.dtype() == DType::Float32) return x;
  Tensor out = Tensor::zeros(DType::Float32, x.dims());
  float* o = out.mutableData<float>();
  int64_t n = x.numel();
  switch (x.dtype()) {
    case DType::Float16:
      for (int64_t i = 0; i < n; ++i) o[i] = halfToFloat(x.data<uint16_t>()[i]);
      break;
    case DType::BFloat16:
      for (int64_t i = 0; i < n; ++i) o[i] = bfloat16ToFloat(x.data<uint16_t>()[i]);
      break;
    default:
      for (int64_t i = 0; i < n; ++i) o[i] = static_cast<float>(x.elementAsDouble(i));
      break;
  }
  return out;
}

Tensor fromFloat32(const Tensor& x, DType to) {
  if (to == DType::Float32 || x.dtype() != DType::Float32) return x;
  Tensor out = Tensor::zeros(to, x.dims());
  const float* in = x.data<float>();
  int64_t n = x.numel();
  switch (to) {
    case DType::Float16:
      for (int64_t i = 0; i < n; ++i) out.mutableData<uint16_t>()[i] = floatToHalf(in[i]);
      break;
    case DType::BFloat16:
      for (int64_t i = 0; i < n; ++i) out.mutableData<uint16_t>()[i] = floatToBfloat16(in[i]);
      break;
    case DType::Float64:
      for (int64_t i = 0; i < n; ++i) out.mutableData<double>()[i] = in[i];
      break;
    default:
      return x;
  }
  return out;
}

int64_t product(const std::vector<int64_t>& dims, size_t begin, size_t end) {
  int64_t p = 1;
  for (size_t i = begin; i < end && i < dims.size(); ++i) p *= dims[i];
  return p;
}

int64_t slidingOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t dilation,
                          int64_t padBegin, int64_t padEnd, bool ceilMode) {
  int64_t span = dilation * (kernel - 1) + 1;
  int64_t room = in + padBegin + padEnd - span;
  if (room < 0) return 0;
  int64_t out = (ceilMode ? (room + stride - 1) / stride : room / stride) + 1;
  if (ceilMode && (out - 1) * stride >= in + padBegin) --out;
  return out;
}

}  // namespace mb::exec::nn
