#include "io/input_data.h"

#include <cmath>
#include <random>

namespace mb {
namespace {

// splitmix64: a tiny, well-mixed generator whose output is fixed by the seed alone.
struct SplitMix64 {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() {
    return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);
  }  // [0,1)
  double normal() {
    // Box–Muller; 1 - u keeps the log's argument in (0, 1].
    double u1 = 1.0 - uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
};

template <typename T>
void fillInts(Tensor& tensor, SplitMix64& rng, int64_t low, int64_t high) {
  T* out = tensor.mutableData<T>();
  auto span = static_cast<uint64_t>(high - low);
  for (int64_t i = 0; i < tensor.numel(); ++i)
    out[i] = static_cast<T>(low + static_cast<int64_t>(rng.next() % span));
}

}  // namespace

Expected<std::vector<int64_t>> resolveInputShape(const Value& spec,
                                                 const RandomInputOptions& options) {
  std::string where = "input '" + spec.name + "'";
  if (auto it = options.shapes.find(spec.name); it != options.shapes.end()) {
    if (spec.shape.rankKnown && it->second.size() != spec.shape.rank())
      return makeError(ErrorCode::ShapeMismatch,
                       "the given shape " + dimsToString(it->second) + " has rank " +
                           std::to_string(it->second.size()) + " but the model's input is " +
                           spec.shape.toString(),
                       where);
    for (size_t d = 0; d < spec.shape.rank() && spec.shape.rankKnown; ++d)
      if (spec.shape.dims[d].isKnown() && spec.shape.dims[d].value != it->second[d])
        return makeError(ErrorCode::ShapeMismatch,
                         "the given shape " + dimsToString(it->second) +
                             " disagrees with the model's " + spec.shape.toString() + " at dim " +
                             std::to_string(d),
                         where);
    return it->second;
  }
  if (!spec.shape.rankKnown)
    return makeError(ErrorCode::InvalidArgument,
                     "the model does not declare this input's shape; give one with --shape " +
                         spec.name + ":dims",
                     where);
  std::vector<int64_t> dims;
  for (size_t d = 0; d < spec.shape.rank(); ++d) {
    const Dim& dim = spec.shape.dims[d];
    if (dim.isKnown()) {
      dims.push_back(dim.value);
    } else if (auto it = options.dimValues.find(dim.symbol);
               !dim.symbol.empty() && it != options.dimValues.end()) {
      dims.push_back(it->second);
    } else {
      return makeError(ErrorCode::InvalidArgument,
                       "dim " + std::to_string(d) +
                           (dim.symbol.empty() ? "" : " ('" + dim.symbol + "')") + " of " +
                           spec.shape.toString() + " has no value; give the shape with --shape " +
                           spec.name + ":" + "<dims>",
                       where);
    }
  }
  return dims;
}

Expected<Tensor> randomTensor(DType dtype, const std::vector<int64_t>& dims, uint64_t seed,
                              int64_t intLow, int64_t intHigh) {
  if (checkedNumel(dims) < 0)
    return makeError(ErrorCode::LimitExceeded,
                     "shape " + dimsToString(dims) + " is too large or negative");
  if (intHigh <= intLow) return makeError(ErrorCode::InvalidArgument, "integer range is empty");
  Tensor tensor = Tensor::zeros(dtype, dims);
  SplitMix64 rng{seed * 0x2545f4914f6cdd1dULL + 1};
  int64_t n = tensor.numel();
  switch (dtype) {
    case DType::Float32:
      for (int64_t i = 0; i < n; ++i)
        tensor.mutableData<float>()[i] = static_cast<float>(rng.normal());
      break;
    case DType::Float64:
      for (int64_t i = 0; i < n; ++i) tensor.mutableData<double>()[i] = rng.normal();
      break;
    case DType::Float16:
      for (int64_t i = 0; i < n; ++i)
        tensor.mutableData<uint16_t>()[i] = floatToHalf(static_cast<float>(rng.normal()));
      break;
    case DType::BFloat16:
      for (int64_t i = 0; i < n; ++i)
        tensor.mutableData<uint16_t>()[i] = floatToBfloat16(static_cast<float>(rng.normal()));
      break;
    case DType::Bool:
      for (int64_t i = 0; i < n; ++i) tensor.mutableData<uint8_t>()[i] = rng.next() & 1;
      break;
    case DType::Int8:
      fillInts<int8_t>(tensor, rng, intLow, intHigh);
      break;
    case DType::UInt8:
      fillInts<uint8_t>(tensor, rng, std::max<int64_t>(intLow, 0), intHigh);
      break;
    case DType::Int16:
      fillInts<int16_t>(tensor, rng, intLow, intHigh);
      break;
    case DType::UInt16:
      fillInts<uint16_t>(tensor, rng, std::max<int64_t>(intLow, 0), intHigh);
      break;
    case DType::Int32:
      fillInts<int32_t>(tensor, rng, intLow, intHigh);
      break;
    case DType::UInt32:
      fillInts<uint32_t>(tensor, rng, std::max<int64_t>(intLow, 0), intHigh);
      break;
    case DType::Int64:
      fillInts<int64_t>(tensor, rng, intLow, intHigh);
      break;
    case DType::UInt64:
      fillInts<uint64_t>(tensor, rng, std::max<int64_t>(intLow, 0), intHigh);
      break;
    default:
      return makeError(ErrorCode::TypeMismatch, "cannot generate random " +
                                                    std::string(dtypeName(dtype)) +
                                                    " data; supply the input as a file");
  }
  return tensor;
}

Expected<std::map<std::string, Tensor>> randomInputs(const Graph& graph,
                                                     const RandomInputOptions& options,
                                                     const std::map<std::string, Tensor>& given) {
  std::map<std::string, Tensor> inputs = given;
  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    const Value& spec = graph.value(graph.inputs[i]);
    if (inputs.count(spec.name)) continue;
    auto dims = resolveInputShape(spec, options);
    if (!dims) return dims.error();
    DType dtype = spec.dtype == DType::Undefined ? DType::Float32 : spec.dtype;
    auto tensor = randomTensor(dtype, *dims, options.seed + i, options.intLow, options.intHigh);
    if (!tensor) {
      Error e = tensor.error();
      e.where = "input '" + spec.name + "'";
      return e;
    }
    inputs[spec.name] = std::move(*tensor);
  }
  return inputs;
}

}  // namespace mb
