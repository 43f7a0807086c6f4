#include "convert/constant_folder.h"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace mb::convert {
namespace {

std::vector<int64_t> stridesOf(const std::vector<int64_t>& dims) {
  std::vector<int64_t> strides(dims.size(), 1);
  for (size_t i = dims.size(); i-- > 1;) strides[i - 1] = strides[i] * dims[i];
  return strides;
}

int64_t normAxis(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

// Copies elements from `input` laid out by (start + index·step) per axis into a dense output.
Tensor gatherStrided(const Tensor& input, const std::vector<int64_t>& outDims,
                     const std::vector<int64_t>& inOffsetPerAxis,
                     const std::vector<int64_t>& inStepPerAxis,
                     const std::vector<int64_t>& axisOrder) {
  Tensor out = Tensor::zeros(input.dtype(), outDims);
  const size_t elem = dtypeSize(input.dtype());
  const int64_t total = out.numel();
  const auto inStrides = stridesOf(input.dims());
  const size_t rank = outDims.size();
  std::vector<int64_t> index(rank, 0);
  const std::byte* src = input.bytes();
  std::byte* dst = out.mutableBytes();
  for (int64_t i = 0; i < total; ++i) {
    int64_t offset = 0;
    for (size_t d = 0; d < rank; ++d) {
      size_t inAxis = static_cast<size_t>(axisOrder[d]);
      offset += (inOffsetPerAxis[inAxis] + index[d] * inStepPerAxis[inAxis]) * inStrides[inAxis];
    }
    std::memcpy(dst + static_cast<size_t>(i) * elem, src + static_cast<size_t>(offset) * elem,
                elem);
    for (size_t d = rank; d-- > 0;) {
      if (++index[d] < outDims[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

void setElement(Tensor& t, int64_t i, double v) {
  switch (t.dtype()) {
    case DType::Float32:
      t.mutableData<float>()[i] = static_cast<float>(v);
      break;
    case DType::Float64:
      t.mutableData<double>()[i] = v;
      break;
    case DType::Float16:
      t.mutableData<uint16_t>()[i] = floatToHalf(static_cast<float>(v));
      break;
    case DType::BFloat16:
      t.mutableData<uint16_t>()[i] = floatToBfloat16(static_cast<float>(v));
      break;
    case DType::Int64:
      t.mutableData<int64_t>()[i] = static_cast<int64_t>(v);
      break;
    case DType::Int32:
      t.mutableData<int32_t>()[i] = static_cast<int32_t>(v);
      break;
    case DType::Int16:
      t.mutableData<int16_t>()[i] = static_cast<int16_t>(v);
      break;
    case DType::Int8:
      t.mutableData<int8_t>()[i] = static_cast<int8_t>(v);
      break;
    case DType::UInt8:
      t.mutableData<uint8_t>()[i] = static_cast<uint8_t>(v);
      break;
    case DType::Bool:
      t.mutableData<uint8_t>()[i] = v != 0.0 ? 1 : 0;
      break;
    default:
      break;
  }
}

bool castable(DType t) {
  switch (t) {
    case DType::Float32:
    case DType::Float64:
    case DType::Float16:
    case DType::BFloat16:
    case DType::Int64:
    case DType::Int32:
    case DType::Int16:
    case DType::Int8:
    case DType::UInt8:
    case DType::Bool:
      return true;
    default:
      return false;
  }
}

bool readInts(const Tensor* t, std::vector<int64_t>& out) {
  if (!t || !isInteger(t->dtype())) return false;
  out = t->toInt64Vector();
  return true;
}

std::optional<Tensor> foldConstant(const Node& node) {
  if (const Attribute* a = node.attrs.find("value"); a && a->is<Tensor>()) return a->as<Tensor>();
  if (node.attrs.has("value_float"))
    return Tensor::fromVector<float>(DType::Float32, {},
                                     {static_cast<float>(node.attrs.getFloat("value_float", 0))});
  if (node.attrs.has("value_int")) return Tensor::scalarInt64(node.attrs.getInt("value_int", 0));
  if (const Attribute* a = node.attrs.find("value_ints"); a && a->is<std::vector<int64_t>>()) {
    const auto& v = a->as<std::vector<int64_t>>();
    return Tensor::fromVector<int64_t>(DType::Int64, {static_cast<int64_t>(v.size())}, v);
  }
  if (const Attribute* a = node.attrs.find("value_floats"); a && a->is<std::vector<double>>()) {
    std::vector<float> v(a->as<std::vector<double>>().begin(), a->as<std::vector<double>>().end());
    return Tensor::fromVector<float>(DType::Float32, {static_cast<int64_t>(v.size())}, v);
  }
  return std::nullopt;
}

std::optional<Tensor> foldSlice(const Node& node, const std::vector<const Tensor*>& in) {
  const Tensor& x = *in[0];
  std::vector<int64_t> starts, ends, axes, steps;
  if (in.size() >= 3) {
    if (!readInts(in[1], starts) || !readInts(in[2], ends)) return std::nullopt;
    if (in.size() > 3 && in[3] && !readInts(in[3], axes)) return std::nullopt;
    if (in.size() > 4 && in[4] && !readInts(in[4], steps)) return std::nullopt;
  } else {
    starts = node.attrs.getInts("starts");
    ends = node.attrs.getInts("ends");
    axes = node.attrs.getInts("axes");
  }
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i) axes.push_back(static_cast<int64_t>(i));
  if (steps.empty()) steps.assign(starts.size(), 1);
  if (starts.size() != ends.size() || axes.size() != starts.size() || steps.size() != starts.size())
    return std::nullopt;
  Tensor current = x;
  for (size_t k = 0; k < axes.size(); ++k) {
    int64_t axis = normAxis(axes[k], x.rank());
    if (axis < 0 || axis >= x.rank() || steps[k] == 0) return std::nullopt;
    int64_t dim = x.dims()[static_cast<size_t>(axis)];
    int64_t s = starts[k], e = ends[k], st = steps[k];
    if (s < 0) s += dim;
    if (e < 0) e += dim;
    if (st > 0) {
      s = std::clamp<int64_t>(s, 0, dim);
      e = std::clamp<int64_t>(e, 0, dim);
    } else {
      s = std::clamp<int64_t>(s, 0, dim - 1);
      e = std::clamp<int64_t>(e, -1, dim - 1);
    }
    current = sliceAxis(current, axis, s, e, st);
  }
  return current;
}

std::optional<Tensor> foldReshape(const Node& node, const std::vector<const Tensor*>& in) {
  std::vector<int64_t> shape;
  if (in.size() < 2 || !readInts(in[1], shape)) return std::nullopt;
  const Tensor& x = *in[0];
  bool allowZero = node.attrs.getInt("allowzero", 0) != 0;
  int64_t known = 1, inferAt = -1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 0 && !allowZero) {
      if (i >= x.dims().size()) return std::nullopt;
      shape[i] = x.dims()[i];
    }
    if (shape[i] == -1) {
      if (inferAt >= 0) return std::nullopt;
      inferAt = static_cast<int64_t>(i);
    } else {
      known *= shape[i];
    }
  }
  if (inferAt >= 0) {
    if (known == 0 || x.numel() % known != 0) return std::nullopt;
    shape[static_cast<size_t>(inferAt)] = x.numel() / known;
  }
  if (checkedNumel(shape) != x.numel()) return std::nullopt;
  return x.reshaped(shape);
}

std::optional<Tensor> foldUnsqueeze(const Node& node, const std::vector<const Tensor*>& in) {
  std::vector<int64_t> axes = node.attrs.getInts("axes");
  if (in.size() > 1 && in[1] && !readInts(in[1], axes)) return std::nullopt;
  const Tensor& x = *in[0];
  int64_t outRank = x.rank() + static_cast<int64_t>(axes.size());
  std::vector<bool> isNew(static_cast<size_t>(outRank), false);
  for (int64_t a : axes) {
    a = normAxis(a, outRank);
    if (a < 0 || a >= outRank) return std::nullopt;
    isNew[static_cast<size_t>(a)] = true;
  }
  std::vector<int64_t> dims;
  size_t k = 0;
  for (int64_t i = 0; i < outRank; ++i)
    dims.push_back(isNew[static_cast<size_t>(i)] ? 1 : x.dims()[k++]);
  if (k != x.dims().size()) return std::nullopt;
  return x.reshaped(dims);
}

std::optional<Tensor> foldSqueeze(const Node& node, const std::vector<const Tensor*>& in) {
  std::vector<int64_t> axes = node.attrs.getInts("axes");
  if (in.size() > 1 && in[1] && !readInts(in[1], axes)) return std::nullopt;
  const Tensor& x = *in[0];
  std::vector<bool> drop(x.dims().size(), false);
  if (axes.empty()) {
    for (size_t i = 0; i < drop.size(); ++i) drop[i] = x.dims()[i] == 1;
  } else {
    for (int64_t a : axes) {
      a = normAxis(a, x.rank());
      if (a < 0 || a >= x.rank() || x.dims()[static_cast<size_t>(a)] != 1) return std::nullopt;
      drop[static_cast<size_t>(a)] = true;
    }
  }
  std::vector<int64_t> dims;
  for (size_t i = 0; i < drop.size(); ++i)
    if (!drop[i]) dims.push_back(x.dims()[i]);
  return x.reshaped(dims);
}

std::optional<Tensor> foldGather(const Node& node, const std::vector<const Tensor*>& in) {
  std::vector<int64_t> indices;
  if (in.size() < 2 || !readInts(in[1], indices)) return std::nullopt;
  const Tensor& x = *in[0];
  int64_t axis = normAxis(node.attrs.getInt("axis", 0), x.rank());
  if (axis < 0 || axis >= x.rank()) return std::nullopt;
  int64_t dim = x.dims()[static_cast<size_t>(axis)];
  std::vector<Tensor> parts;
  for (int64_t idx : indices) {
    if (idx < 0) idx += dim;
    if (idx < 0 || idx >= dim) return std::nullopt;
    parts.push_back(sliceAxis(x, axis, idx, idx + 1));
  }
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < axis; ++i) dims.push_back(x.dims()[static_cast<size_t>(i)]);
  for (int64_t d : in[1]->dims()) dims.push_back(d);
  for (int64_t i = axis + 1; i < x.rank(); ++i) dims.push_back(x.dims()[static_cast<size_t>(i)]);
  if (parts.empty()) return Tensor::zeros(x.dtype(), dims);
  return concatTensors(parts, axis).reshaped(dims);
}

}  // namespace

bool isFoldableOp(const Node& node) {
  if (!node.domain.empty() && node.domain != "ai.onnx") return false;
  static const char* const kOps[] = {"Constant", "Identity",  "Transpose", "Slice",
                                     "Concat",   "Unsqueeze", "Squeeze",   "Reshape",
                                     "Flatten",  "Gather",    "Cast",      "ConstantOfShape"};
  for (const char* op : kOps)
    if (node.opType == op) return true;
  return false;
}

std::optional<Tensor> foldConstantNode(const Node& node, const std::vector<const Tensor*>& in) {
  if (node.opType == "Constant") return foldConstant(node);
  if (in.empty() || !in[0]) return std::nullopt;
  for (const Tensor* t : in)
    if (t && (t->dtype() == DType::String || t->dtype() == DType::Undefined)) return std::nullopt;
  const Tensor& x = *in[0];
  if (node.opType == "Identity") return x;
  if (node.opType == "Transpose") {
    std::vector<int64_t> perm = node.attrs.getInts("perm");
    if (perm.empty())
      for (int64_t i = x.rank(); i-- > 0;) perm.push_back(i);
    if (static_cast<int64_t>(perm.size()) != x.rank()) return std::nullopt;
    return transposeTensor(x, perm);
  }
  if (node.opType == "Slice") return foldSlice(node, in);
  if (node.opType == "Concat") {
    std::vector<Tensor> parts;
    for (const Tensor* t : in) {
      if (!t || t->dtype() != x.dtype() || t->rank() != x.rank()) return std::nullopt;
      parts.push_back(*t);
    }
    int64_t axis = normAxis(node.attrs.getInt("axis", 0), x.rank());
    if (axis < 0 || axis >= x.rank()) return std::nullopt;
    return concatTensors(parts, axis);
  }
  if (node.opType == "Unsqueeze") return foldUnsqueeze(node, in);
  if (node.opType == "Squeeze") return foldSqueeze(node, in);
  if (node.opType == "Reshape") return foldReshape(node, in);
  if (node.opType == "Flatten") {
    int64_t axis = normAxis(node.attrs.getInt("axis", 1), x.rank());
    if (axis < 0 || axis > x.rank()) return std::nullopt;
    int64_t outer = 1;
    for (int64_t i = 0; i < axis; ++i) outer *= x.dims()[static_cast<size_t>(i)];
    return x.reshaped({outer, outer == 0 ? 0 : x.numel() / outer});
  }
  if (node.opType == "Gather") return foldGather(node, in);
  if (node.opType == "Cast") {
    auto to = static_cast<DType>(node.attrs.getInt("to", 0));
    if (!castable(x.dtype()) || !castable(to)) return std::nullopt;
    return castTensor(x, to);
  }
  if (node.opType == "ConstantOfShape") {
    std::vector<int64_t> dims;
    if (!readInts(&x, dims) || checkedNumel(dims) < 0 || checkedNumel(dims) > (1 << 24))
      return std::nullopt;
    Tensor fill = Tensor::scalarFloat(0.0f);
    if (const Attribute* a = node.attrs.find("value"); a && a->is<Tensor>()) fill = a->as<Tensor>();
    if (!castable(fill.dtype()) || fill.numel() != 1) return std::nullopt;
    Tensor out = Tensor::zeros(fill.dtype(), dims);
    double v = fill.elementAsDouble(0);
    for (int64_t i = 0; i < out.numel(); ++i) setElement(out, i, v);
    return out;
  }
  return std::nullopt;
}

Tensor transposeTensor(const Tensor& input, const std::vector<int64_t>& perm) {
  std::vector<int64_t> outDims;
  for (int64_t p : perm) outDims.push_back(input.dims()[static_cast<size_t>(p)]);
  std::vector<int64_t> zero(input.dims().size(), 0), one(input.dims().size(), 1);
  return gatherStrided(input, outDims, zero, one, perm);
}

Tensor sliceAxis(const Tensor& input, int64_t axis, int64_t start, int64_t end, int64_t step) {
  std::vector<int64_t> outDims = input.dims();
  int64_t count = step > 0 ? std::max<int64_t>(0, (end - start + step - 1) / step)
                           : std::max<int64_t>(0, (start - end + (-step) - 1) / (-step));
  outDims[static_cast<size_t>(axis)] = count;
  std::vector<int64_t> offsets(input.dims().size(), 0), steps(input.dims().size(), 1), order;
  offsets[static_cast<size_t>(axis)] = start;
  steps[static_cast<size_t>(axis)] = step;
  for (size_t i = 0; i < input.dims().size(); ++i) order.push_back(static_cast<int64_t>(i));
  return gatherStrided(input, outDims, offsets, steps, order);
}

Tensor concatTensors(const std::vector<Tensor>& parts, int64_t axis) {
  std::vector<int64_t> dims = parts.front().dims();
  int64_t total = 0;
  for (const auto& p : parts) total += p.dims()[static_cast<size_t>(axis)];
  dims[static_cast<size_t>(axis)] = total;
  Tensor out = Tensor::zeros(parts.front().dtype(), dims);
  const size_t elem = dtypeSize(out.dtype());
  int64_t outer = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= dims[static_cast<size_t>(i)];
  int64_t inner = 1;
  for (size_t i = static_cast<size_t>(axis) + 1; i < dims.size(); ++i) inner *= dims[i];
  std::byte* dst = out.mutableBytes();
  size_t written = 0;
  for (int64_t o = 0; o < outer; ++o)
    for (const auto& p : parts) {
      size_t chunk = static_cast<size_t>(p.dims()[static_cast<size_t>(axis)] * inner) * elem;
      std::memcpy(dst + written, p.bytes() + static_cast<size_t>(o) * chunk, chunk);
      written += chunk;
    }
  return out;
}

Tensor castTensor(const Tensor& input, DType to) {
  if (input.dtype() == to) return input;
  Tensor out = Tensor::zeros(to, input.dims());
  for (int64_t i = 0; i < input.numel(); ++i) setElement(out, i, input.elementAsDouble(i));
  return out;
}

Tensor scaleTensor(const Tensor& input, double factor) {
  if (factor == 1.0) return input;
  Tensor out = Tensor::zeros(input.dtype(), input.dims());
  for (int64_t i = 0; i < input.numel(); ++i) setElement(out, i, input.elementAsDouble(i) * factor);
  return out;
}

}  // namespace mb::convert
