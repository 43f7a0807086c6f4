#include "convert/ops/op_helpers.h"

namespace mb::convert::ops {

bool readAxes(const ConvertContext& ctx, const char* attr, size_t index,
              std::vector<int64_t>& axes) {
  if (ctx.attrs().has(attr)) {
    axes = ctx.attrs().getInts(attr);
    return true;
  }
  if (ctx.hasInput(index)) return ctx.constantInts(index, axes);
  axes.clear();
  return true;
}

std::string msDType(DType type) {
  switch (type) {
    case DType::Float32:
      return "mindspore.float32";
    case DType::Float64:
      return "mindspore.float64";
    case DType::Float16:
      return "mindspore.float16";
    case DType::BFloat16:
      return "mindspore.bfloat16";
    case DType::Int8:
      return "mindspore.int8";
    case DType::Int16:
      return "mindspore.int16";
    case DType::Int32:
      return "mindspore.int32";
    case DType::Int64:
      return "mindspore.int64";
    case DType::UInt8:
      return "mindspore.uint8";
    case DType::UInt16:
      return "mindspore.uint16";
    case DType::UInt32:
      return "mindspore.uint32";
    case DType::UInt64:
      return "mindspore.uint64";
    case DType::Bool:
      return "mindspore.bool_";
    case DType::Complex64:
      return "mindspore.complex64";
    case DType::Complex128:
      return "mindspore.complex128";
    default:
      return {};
  }
}

NodeRef emitUnary(ConvertContext& ctx, const std::string& api, std::vector<ValueId> inputs) {
  return ctx.addNode(api, std::move(inputs), {ctx.output(0)});
}

std::optional<std::vector<int64_t>> knownDims(const Shape& shape) {
  if (!shape.rankKnown && shape.dims.empty()) return std::nullopt;
  return shape.concrete();
}

std::vector<int64_t> onnxPadsToTorchPad(const std::vector<int64_t>& pads, size_t spatialDims) {
  std::vector<int64_t> out;
  for (size_t k = spatialDims; k-- > 0;) {
    out.push_back(pads[k]);
    out.push_back(pads[k + spatialDims]);
  }
  return out;
}

ValueId emitSpatialPad(ConvertContext& ctx, ValueId input, const std::vector<int64_t>& pads,
                       double value, const std::string& hint) {
  const size_t spatial = pads.size() / 2;
  Shape shape = ctx.inputShape(0);
  for (size_t k = 0; k < spatial && k + 2 < shape.dims.size(); ++k) {
    Dim& d = shape.dims[k + 2];
    if (d.isKnown()) d = Dim::known(d.value + pads[k] + pads[k + spatial]);
  }
  ValueId padded = ctx.temp(ctx.inputDType(0), shape, hint);
  NodeRef pad = ctx.addNode(ctx.pick("mindspore.ops.pad", "mindspore.mint.nn.functional.pad"),
                            {input}, {padded});
  pad->callArgs.set(ctx.mint() ? "pad" : "padding", onnxPadsToTorchPad(pads, spatial));
  pad->callArgs.set("mode", std::string("constant"));
  pad->callArgs.set("value", value);
  return padded;
}

bool resolveAutoPad(const ConvertContext& ctx, const std::vector<int64_t>& kernel,
                    const std::vector<int64_t>& strides, const std::vector<int64_t>& dilations,
                    std::vector<int64_t>& pads) {
  const std::string autoPad = ctx.attrs().getString("auto_pad", "NOTSET");
  const size_t n = kernel.size();
  if (autoPad == "NOTSET" || autoPad.empty()) {
    pads = ctx.attrs().getInts("pads", std::vector<int64_t>(2 * n, 0));
    return pads.size() == 2 * n;
  }
  pads.assign(2 * n, 0);
  if (autoPad == "VALID") return true;
  const Shape& in = ctx.inputShape(0);
  if (in.dims.size() != n + 2) return false;
  for (size_t k = 0; k < n; ++k) {
    const Dim& d = in.dims[k + 2];
    if (!d.isKnown()) return false;
    int64_t outSize = (d.value + strides[k] - 1) / strides[k];
    int64_t total = std::max<int64_t>(
        0, (outSize - 1) * strides[k] + (kernel[k] - 1) * dilations[k] + 1 - d.value);
    int64_t small = total / 2, big = total - small;
    pads[k] = autoPad == "SAME_UPPER" ? small : big;
    pads[k + n] = autoPad == "SAME_UPPER" ? big : small;
  }
  return true;
}

}  // namespace mb::convert::ops

#include <cstdio>
#include <cstdlib>

namespace mb::convert::ops {
double shortestFloat32(double value) {
  const float target = static_cast<float>(value);
  char buffer[64];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, static_cast<double>(target));
    if (std::strtof(buffer, nullptr) == target) return std::strtod(buffer, nullptr);
  }
  return value;
}
}  // namespace mb::convert::ops

namespace mb::convert::ops {

ValueId emitShapeVector(ConvertContext& ctx, ValueId input, int64_t rank, int64_t length,
                        bool alignRight, int64_t fill, const std::string& hint) {
  if (rank < 0 || length < 0) return kNoValue;
  ValueId dims = ctx.temp(DType::Int64, Shape::ofDims({rank}), hint);
  ctx.addNode("mindspore.ops.dyn_shape", {input}, {dims});
  if (length == rank) return dims;
  ValueId out = ctx.temp(DType::Int64, Shape::ofDims({length}), hint);
  if (length < rank) {
    NodeRef cut = ctx.addNode("mindspore.ops.strided_slice", {dims}, {out});
    cut->callArgs.set("begin", std::vector<int64_t>{alignRight ? rank - length : 0});
    cut->callArgs.set("end", std::vector<int64_t>{alignRight ? rank : length});
    cut->callArgs.set("strides", std::vector<int64_t>{1});
    return out;
  }
  ValueId pad = ctx.constant(
      Tensor::fromVector<int64_t>(DType::Int64, {length - rank},
                                  std::vector<int64_t>(static_cast<size_t>(length - rank), fill)),
      hint + "_fill");
  NodeRef cat = ctx.addNode(
      ctx.pick("mindspore.ops.concat", "mindspore.mint.cat"),
      alignRight ? std::vector<ValueId>{pad, dims} : std::vector<ValueId>{dims, pad}, {out});
  cat->callArgs.set(ctx.mint() ? "dim" : "axis", int64_t{0});
  return out;
}

ValueId emitWrappedIndices(ConvertContext& ctx, ValueId indices, DType dtype, int64_t dimSize,
                           const std::string& hint) {
  Tensor zero = Tensor::zeros(dtype, {});
  Tensor size = Tensor::zeros(dtype, {});
  if (dtype == DType::Int32)
    size.mutableData<int32_t>()[0] = static_cast<int32_t>(dimSize);
  else
    size.mutableData<int64_t>()[0] = dimSize;
  ValueId negative = ctx.temp(DType::Bool, Shape::unknownRank(), hint + "_negative");
  ctx.addNode(ctx.pick("mindspore.ops.less", "mindspore.mint.lt"),
              {indices, ctx.constant(std::move(zero), "zero")}, {negative});
  ValueId shifted = ctx.temp(dtype, Shape::unknownRank(), hint + "_shifted");
  ctx.addNode(ctx.pick("mindspore.ops.add", "mindspore.mint.add"),
              {indices, ctx.constant(std::move(size), "dim_size")}, {shifted});
  ValueId wrapped = ctx.temp(dtype, Shape::unknownRank(), hint);
  ctx.addNode(ctx.pick("mindspore.ops.where", "mindspore.mint.where"), {negative, shifted, indices},
              {wrapped});
  return wrapped;
}

}  // namespace mb::convert::ops
