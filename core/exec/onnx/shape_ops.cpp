// ONNX shape and constant ops: Reshape, Squeeze, Unsqueeze, Transpose, Expand, Tile, Shape, Size,
// Identity-like views, Constant, ConstantOfShape, EyeLike, Range. Versions register separately
// where ONNX moved an attribute to an input (Squeeze / Unsqueeze 13) or changed meaning
// (Reshape allowzero 14, Shape start/end 15).
#include <algorithm>
#include <cmath>

#include "exec/kernel.h"
#include "exec/onnx/tensor_kernel_util.h"
#include "exec/primitives/cast.h"
#include "exec/primitives/dispatch.h"
#include "exec/primitives/layout.h"

namespace mb::exec {
namespace {

using tensor_ops::intsInput;
using tensor_ops::normalizeAxes;
using tensor_ops::normalizeAxis;
using tensor_ops::requireInputs;
using tensor_ops::setOutput;

Status reshapeWith(KernelContext& ctx, bool allowZero) {
  MB_TRY(requireInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  auto shape = intsInput(ctx, 1);
  if (!shape) return shape.error();
  std::vector<int64_t> dims = *shape;
  int64_t inferred = -1, known = 1;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] == -1) {
      if (inferred >= 0)
        return ctx.fail(ErrorCode::ShapeMismatch,
                        "target shape " + dimsToString(*shape) + " has more than one -1");
      inferred = static_cast<int64_t>(i);
      continue;
    }
    if (dims[i] == 0 && !allowZero) {
      if (i >= x.dims().size())
        return ctx.fail(ErrorCode::ShapeMismatch, "target shape " + dimsToString(*shape) +
                                                      " copies dim " + std::to_string(i) +
                                                      " (0) but the input " +
                                                      dimsToString(x.dims()) + " has no such dim");
      dims[i] = x.dims()[i];
    }
    if (dims[i] < 0)
      return ctx.fail(ErrorCode::ShapeMismatch,
                      "target shape " + dimsToString(*shape) + " has a negative dim");
    known *= dims[i];
  }
  if (inferred >= 0) {
    if (known == 0 || x.numel() % known != 0)
      return ctx.fail(ErrorCode::ShapeMismatch,
                      "cannot reshape a tensor of shape " + dimsToString(x.dims()) + " (" +
                          std::to_string(x.numel()) + " elements) to " + dimsToString(*shape));
    dims[static_cast<size_t>(inferred)] = x.numel() / known;
  } else if (known != x.numel()) {
    return ctx.fail(ErrorCode::ShapeMismatch,
                    "cannot reshape a tensor of shape " + dimsToString(x.dims()) + " (" +
                        std::to_string(x.numel()) + " elements) to " + dimsToString(dims) + " (" +
                        std::to_string(known) + " elements)");
  }
  return setOutput(ctx, 0, x.reshaped(dims));
}
Status reshape5Kernel(KernelContext& ctx) {
  return reshapeWith(ctx, false);
}
Status reshape14Kernel(KernelContext& ctx) {
  return reshapeWith(ctx, ctx.attrs().getInt("allowzero", 0) != 0);
}

Status squeezeWith(KernelContext& ctx, const std::vector<int64_t>* axesIn) {
  const Tensor& x = ctx.input(0);
  std::vector<int64_t> dims;
  if (!axesIn) {
    for (int64_t d : x.dims())
      if (d != 1) dims.push_back(d);
    return setOutput(ctx, 0, x.reshaped(dims));
  }
  auto axes = normalizeAxes(ctx, *axesIn, x.rank());
  if (!axes) return axes.error();
  for (int64_t a : *axes)
    if (x.dims()[static_cast<size_t>(a)] != 1)
      return ctx.fail(ErrorCode::ShapeMismatch, "cannot squeeze axis " + std::to_string(a) +
                                                    " of shape " + dimsToString(x.dims()) +
                                                    ": its size is not 1");
  for (size_t d = 0; d < x.dims().size(); ++d)
    if (std::find(axes->begin(), axes->end(), static_cast<int64_t>(d)) == axes->end())
      dims.push_back(x.dims()[d]);
  return setOutput(ctx, 0, x.reshaped(dims));
}
Status squeeze1Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  if (!ctx.attrs().has("axes")) return squeezeWith(ctx, nullptr);
  const auto axes = ctx.attrs().getInts("axes");
  return squeezeWith(ctx, &axes);
}
Status squeeze13Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  if (!ctx.hasInput(1)) return squeezeWith(ctx, nullptr);
  auto axes = intsInput(ctx, 1);
  if (!axes) return axes.error();
  return squeezeWith(ctx, &*axes);
}

Status unsqueezeWith(KernelContext& ctx, const std::vector<int64_t>& axesIn) {
  const Tensor& x = ctx.input(0);
  const int64_t outRank = x.rank() + static_cast<int64_t>(axesIn.size());
  auto axes = normalizeAxes(ctx, axesIn, outRank);
  if (!axes) return axes.error();
  std::vector<int64_t> dims;
  size_t next = 0;
  for (int64_t d = 0; d < outRank; ++d) {
    if (std::find(axes->begin(), axes->end(), d) != axes->end())
      dims.push_back(1);
    else
      dims.push_back(x.dims()[next++]);
  }
  return setOutput(ctx, 0, x.reshaped(dims));
}
Status unsqueeze1Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  if (!ctx.attrs().has("axes"))
    return ctx.fail(ErrorCode::InvalidModel, "attribute 'axes' is required");
  return unsqueezeWith(ctx, ctx.attrs().getInts("axes"));
}
Status unsqueeze13Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  auto axes = intsInput(ctx, 1);
  if (!axes) return axes.error();
  return unsqueezeWith(ctx, *axes);
}

Status transposeKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  std::vector<int64_t> perm = ctx.attrs().getInts("perm");
  if (!ctx.attrs().has("perm"))
    for (int64_t d = x.rank(); d-- > 0;) perm.push_back(d);
  return setOutput(ctx, 0, prim::transpose(x, perm));
}

Status expandKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  auto shape = intsInput(ctx, 1);
  if (!shape) return shape.error();
  return setOutput(ctx, 0, prim::expand(ctx.input(0), *shape));
}

Status tileKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  auto repeats = intsInput(ctx, 1);
  if (!repeats) return repeats.error();
  return setOutput(ctx, 0, prim::tile(ctx.input(0), *repeats));
}

Status shapeKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  const auto& dims = ctx.input(0).dims();
  const auto rank = static_cast<int64_t>(dims.size());
  int64_t start = ctx.attrs().getInt("start", 0), end = ctx.attrs().getInt("end", rank);
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  start = std::clamp<int64_t>(start, 0, rank);
  end = std::clamp<int64_t>(end, start, rank);
  std::vector<int64_t> part(dims.begin() + start, dims.begin() + end);
  return setOutput(ctx, 0,
                   Tensor::fromVector(DType::Int64, {static_cast<int64_t>(part.size())}, part));
}

Status sizeKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  return setOutput(ctx, 0, Tensor::scalarInt64(ctx.input(0).numel()));
}

Expected<Tensor> constantValue(const KernelContext& ctx) {
  const auto& a = ctx.attrs();
  if (const Attribute* v = a.find("value"); v && v->is<Tensor>()) return v->as<Tensor>();
  if (a.has("value_float"))
    return Tensor::scalarFloat(static_cast<float>(a.getFloat("value_float", 0.0)));
  if (a.has("value_floats")) {
    std::vector<float> values;
    for (double f : a.getFloats("value_floats")) values.push_back(static_cast<float>(f));
    return Tensor::fromVector(DType::Float32, {static_cast<int64_t>(values.size())}, values);
  }
  if (a.has("value_int")) return Tensor::scalarInt64(a.getInt("value_int", 0));
  if (a.has("value_ints")) {
    const auto values = a.getInts("value_ints");
    return Tensor::fromVector(DType::Int64, {static_cast<int64_t>(values.size())}, values);
  }
  if (a.has("value_string")) return Tensor::strings({}, {a.getString("value_string", "")});
  if (const Attribute* v = a.find("value_strings"); v && v->is<std::vector<std::string>>()) {
    const auto& values = v->as<std::vector<std::string>>();
    return Tensor::strings({static_cast<int64_t>(values.size())}, values);
  }
  return ctx.fail(ErrorCode::UnsupportedOp,
                  "Constant without a supported value attribute (sparse_value is not supported)");
}
Status constantKernel(KernelContext& ctx) {
  return setOutput(ctx, 0, constantValue(ctx));
}

Status constantOfShapeKernel(KernelContext& ctx) {
  auto shape = intsInput(ctx, 0);
  if (!shape) return shape.error();
  for (int64_t d : *shape)
    if (d < 0)
      return ctx.fail(ErrorCode::ShapeMismatch,
                      "shape " + dimsToString(*shape) + " has a negative dim");
  Tensor value = Tensor::scalarFloat(0.0f);
  if (const Attribute* v = ctx.attrs().find("value"); v && v->is<Tensor>()) value = v->as<Tensor>();
  if (value.numel() != 1)
    return ctx.fail(ErrorCode::InvalidArgument, "'value' must hold exactly one element");
  Tensor out = Tensor::zeros(value.dtype(), *shape);
  const size_t elem = dtypeSize(value.dtype());
  for (int64_t i = 0; i < out.numel(); ++i)
    std::copy_n(value.bytes(), elem, out.mutableBytes() + static_cast<size_t>(i) * elem);
  return setOutput(ctx, 0, std::move(out));
}

Status eyeLikeKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() != 2)
    return ctx.fail(ErrorCode::ShapeMismatch, "input must be 2-D, got " + dimsToString(x.dims()));
  const auto type =
      static_cast<DType>(ctx.attrs().getInt("dtype", static_cast<int64_t>(x.dtype())));
  if (!isValidDType(static_cast<int32_t>(type)) || dtypeSize(type) == 0)
    return ctx.fail(ErrorCode::InvalidArgument, "unsupported dtype for EyeLike");
  const int64_t k = ctx.attrs().getInt("k", 0);
  const int64_t rows = x.dims()[0], cols = x.dims()[1];
  Tensor one = prim::filled(type, {}, 1.0);
  Tensor out = Tensor::zeros(type, x.dims());
  const size_t elem = dtypeSize(type);
  for (int64_t i = 0; i < rows; ++i) {
    const int64_t j = i + k;
    if (j >= 0 && j < cols)
      std::copy_n(one.bytes(), elem, out.mutableBytes() + static_cast<size_t>(i * cols + j) * elem);
  }
  return setOutput(ctx, 0, std::move(out));
}

Status rangeKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 3));
  const DType type = ctx.input(0).dtype();
  for (size_t i = 0; i < 3; ++i) {
    if (ctx.input(i).numel() != 1)
      return ctx.fail(ErrorCode::ShapeMismatch, "start, limit and delta must be scalars");
    if (ctx.input(i).dtype() != type)
      return ctx.fail(ErrorCode::TypeMismatch, "start, limit and delta must share a type");
  }
  Status status;
  Tensor out;
  const bool ok = prim::dispatchNumeric(type, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (!std::is_same_v<T, bool>) {
      const T start = ctx.input(0).data<T>()[0], limit = ctx.input(1).data<T>()[0],
              delta = ctx.input(2).data<T>()[0];
      if (delta == T{0}) {
        status = ctx.fail(ErrorCode::InvalidArgument, "delta must not be 0");
        return;
      }
      const double span = std::ceil((static_cast<double>(limit) - static_cast<double>(start)) /
                                    static_cast<double>(delta));
      const auto count = static_cast<int64_t>(std::max(span, 0.0));
      if (count > (int64_t{1} << 34)) {
        status = ctx.fail(ErrorCode::LimitExceeded,
                          "range of " + std::to_string(count) + " elements is too large");
        return;
      }
      out = Tensor::zeros(type, {count});
      T* dst = out.mutableData<T>();
      for (int64_t i = 0; i < count; ++i)
        dst[i] = static_cast<T>(start + static_cast<T>(i) * delta);
    } else {
      status = ctx.fail(ErrorCode::TypeMismatch, "Range does not support bool");
    }
  });
  if (!ok)
    return ctx.fail(ErrorCode::TypeMismatch,
                    "Range does not support " + std::string(dtypeName(type)));
  if (!status) return status;
  return setOutput(ctx, 0, std::move(out));
}

MB_ONNX_KERNEL("Reshape", 5, reshape5Kernel);
MB_ONNX_KERNEL("Reshape", 14, reshape14Kernel);
MB_ONNX_KERNEL("Squeeze", 1, squeeze1Kernel);
MB_ONNX_KERNEL("Squeeze", 13, squeeze13Kernel);
MB_ONNX_KERNEL("Unsqueeze", 1, unsqueeze1Kernel);
MB_ONNX_KERNEL("Unsqueeze", 13, unsqueeze13Kernel);
MB_ONNX_KERNEL("Transpose", 1, transposeKernel);
MB_ONNX_KERNEL("Expand", 8, expandKernel);
MB_ONNX_KERNEL("Tile", 6, tileKernel);
MB_ONNX_KERNEL("Shape", 1, shapeKernel);
MB_ONNX_KERNEL("Size", 1, sizeKernel);
MB_ONNX_KERNEL("Constant", 1, constantKernel);
MB_ONNX_KERNEL("ConstantOfShape", 9, constantOfShapeKernel);
MB_ONNX_KERNEL("EyeLike", 9, eyeLikeKernel);
MB_ONNX_KERNEL("Range", 11, rangeKernel);

}  // namespace
}  // namespace mb::exec
