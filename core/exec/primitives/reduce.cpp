#include "exec/primitives/reduce.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <type_traits>

#include "exec/primitives/cast.h"
#include "exec/primitives/dispatch.h"
#include "exec/primitives/layout.h"

namespace mb::exec::prim {
namespace {

// x viewed as [outer, n, inner] around `axis`.
struct AxisView {
  int64_t outer = 1, n = 1, inner = 1;
};
AxisView viewAround(const std::vector<int64_t>& dims, int64_t axis) {
  AxisView v;
  for (size_t d = 0; d < dims.size(); ++d) {
    const int64_t size = dims[d];
    if (static_cast<int64_t>(d) < axis)
      v.outer *= size;
    else if (static_cast<int64_t>(d) == axis)
      v.n = size;
    else
      v.inner *= size;
  }
  return v;
}

template <typename T>
using Acc = std::conditional_t<std::is_floating_point_v<T>, double,
                               std::conditional_t<std::is_signed_v<T>, int64_t, uint64_t>>;

// Reduces each contiguous row of `rowLength` elements of src into dst[row].
template <typename T>
bool reduceRows(ReduceOp op, const T* src, T* dst, int64_t rows, int64_t rowLength) {
  using A = Acc<T>;
  for (int64_t r = 0; r < rows; ++r) {
    const T* p = src + r * rowLength;
    double result = 0;
    switch (op) {
      case ReduceOp::Max:
      case ReduceOp::Min: {
        T best =
            op == ReduceOp::Max ? std::numeric_limits<T>::lowest() : std::numeric_limits<T>::max();
        if constexpr (std::is_floating_point_v<T>)
          best = op == ReduceOp::Max ? -std::numeric_limits<T>::infinity()
                                     : std::numeric_limits<T>::infinity();
        for (int64_t i = 0; i < rowLength; ++i) {
          const T v = p[i];
          if constexpr (std::is_floating_point_v<T>)
            if (std::isnan(v)) {
              best = v;
              break;
            }
          if (op == ReduceOp::Max ? v > best : v < best) best = v;
        }
        dst[r] = best;
        continue;
      }
      case ReduceOp::Sum:
      case ReduceOp::Mean: {
        A s = 0;
        for (int64_t i = 0; i < rowLength; ++i) s += static_cast<A>(p[i]);
        if (op == ReduceOp::Mean) {
          if constexpr (std::is_floating_point_v<T>)
            dst[r] = static_cast<T>(s / static_cast<double>(rowLength));
          else
            dst[r] = rowLength ? static_cast<T>(s / static_cast<A>(rowLength)) : T{0};
        } else {
          dst[r] = static_cast<T>(s);
        }
        continue;
      }
      case ReduceOp::Prod: {
        A s = 1;
        for (int64_t i = 0; i < rowLength; ++i) s *= static_cast<A>(p[i]);
        dst[r] = static_cast<T>(s);
        continue;
      }
      case ReduceOp::SumSquare: {
        A s = 0;
        for (int64_t i = 0; i < rowLength; ++i) s += static_cast<A>(p[i]) * static_cast<A>(p[i]);
        dst[r] = static_cast<T>(s);
        continue;
      }
      case ReduceOp::L1: {
        A s = 0;
        for (int64_t i = 0; i < rowLength; ++i) {
          const A v = static_cast<A>(p[i]);
          if constexpr (std::is_signed_v<A>)
            s += v < 0 ? -v : v;
          else
            s += v;
        }
        dst[r] = static_cast<T>(s);
        continue;
      }
      case ReduceOp::L2: {
        double s = 0;
        for (int64_t i = 0; i < rowLength; ++i)
          s += static_cast<double>(p[i]) * static_cast<double>(p[i]);
        result = std::sqrt(s);
        break;
      }
      case ReduceOp::LogSum: {
        double s = 0;
        for (int64_t i = 0; i < rowLength; ++i) s += static_cast<double>(p[i]);
        result = std::log(s);
        break;
      }
      case ReduceOp::LogSumExp: {
        double m = -std::numeric_limits<double>::infinity();
        for (int64_t i = 0; i < rowLength; ++i) m = std::max(m, static_cast<double>(p[i]));
        if (!std::isfinite(m)) {
          result = m;
          break;
        }
        double s = 0;
        for (int64_t i = 0; i < rowLength; ++i) s += std::exp(static_cast<double>(p[i]) - m);
        result = m + std::log(s);
        break;
      }
    }
    if constexpr (std::is_floating_point_v<T>)
      dst[r] = static_cast<T>(result);
    else
      dst[r] = static_cast<T>(std::llround(result));
  }
  return true;
}

}  // namespace

Expected<Tensor> reduce(ReduceOp op, const Tensor& x, const std::vector<int64_t>& axesIn,
                        bool keepdims) {
  if (isHalfLike(x.dtype())) {
    auto r = reduce(op, widenHalf(x), axesIn, keepdims);
    if (!r) return r;
    return narrowTo(*r, x.dtype());
  }
  const size_t rank = x.dims().size();
  std::vector<bool> reduced(rank, axesIn.empty());
  for (int64_t a : axesIn) {
    if (a < 0 || a >= static_cast<int64_t>(rank))
      return makeError(
          ErrorCode::InvalidArgument,
          "axis " + std::to_string(a) + " is out of range for rank " + std::to_string(rank));
    reduced[static_cast<size_t>(a)] = true;
  }
  // Move the reduced axes last, then every output element is one contiguous row.
  std::vector<int64_t> perm, outDims, keptDims;
  int64_t rowLength = 1;
  for (size_t d = 0; d < rank; ++d)
    if (!reduced[d]) {
      perm.push_back(static_cast<int64_t>(d));
      keptDims.push_back(x.dims()[d]);
    }
  for (size_t d = 0; d < rank; ++d) {
    if (reduced[d]) {
      perm.push_back(static_cast<int64_t>(d));
      rowLength *= x.dims()[d];
      if (keepdims) outDims.push_back(1);
    } else {
      outDims.push_back(x.dims()[d]);
    }
  }
  if (!keepdims) outDims = keptDims;
  Tensor source = x;
  bool identity = true;
  for (size_t i = 0; i < perm.size(); ++i)
    identity = identity && perm[i] == static_cast<int64_t>(i);
  if (!identity) {
    auto moved = transpose(x, perm);
    if (!moved) return moved;
    source = std::move(*moved);
  }
  Tensor out = Tensor::zeros(x.dtype(), outDims);
  const int64_t rows = out.numel();
  bool ok = false;
  dispatchNumeric(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (!std::is_same_v<T, bool>)
      ok = reduceRows<T>(op, source.data<T>(), out.mutableData<T>(), rows, rowLength);
  });
  if (!ok)
    return makeError(ErrorCode::TypeMismatch,
                     "cannot reduce " + std::string(dtypeName(x.dtype())) + " tensors");
  return out;
}

Expected<Tensor> argReduce(const Tensor& x, int64_t axis, bool keepdims, bool largest,
                           bool selectLast) {
  if (isHalfLike(x.dtype())) return argReduce(widenHalf(x), axis, keepdims, largest, selectLast);
  const auto v = viewAround(x.dims(), axis);
  if (v.n == 0)
    return makeError(ErrorCode::InvalidArgument,
                     "arg-reduction over an empty axis " + std::to_string(axis));
  std::vector<int64_t> outDims = x.dims();
  if (keepdims)
    outDims[static_cast<size_t>(axis)] = 1;
  else
    outDims.erase(outDims.begin() + axis);
  Tensor out = Tensor::zeros(DType::Int64, outDims);
  int64_t* dst = out.mutableData<int64_t>();
  const bool ok = dispatchNumeric(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = x.data<T>();
    for (int64_t o = 0; o < v.outer; ++o)
      for (int64_t in = 0; in < v.inner; ++in) {
        const T* p = src + o * v.n * v.inner + in;
        int64_t best = 0;
        for (int64_t i = 1; i < v.n; ++i) {
          const T cur = p[i * v.inner], b = p[best * v.inner];
          const bool better =
              largest ? (selectLast ? cur >= b : cur > b) : (selectLast ? cur <= b : cur < b);
          if (better) best = i;
        }
        dst[o * v.inner + in] = best;
      }
  });
  if (!ok)
    return makeError(ErrorCode::TypeMismatch,
                     "cannot arg-reduce " + std::string(dtypeName(x.dtype())));
  return out;
}

Expected<Tensor> cumulativeSum(const Tensor& x, int64_t axis, bool exclusive, bool reverse) {
  if (isHalfLike(x.dtype())) {
    auto r = cumulativeSum(widenHalf(x), axis, exclusive, reverse);
    if (!r) return r;
    return narrowTo(*r, x.dtype());
  }
  const auto v = viewAround(x.dims(), axis);
  Tensor out = Tensor::zeros(x.dtype(), x.dims());
  bool ok = false;
  dispatchNumeric(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (!std::is_same_v<T, bool>) {
      ok = true;
      const T* src = x.data<T>();
      T* dst = out.mutableData<T>();
      for (int64_t o = 0; o < v.outer; ++o)
        for (int64_t in = 0; in < v.inner; ++in) {
          const int64_t base = o * v.n * v.inner + in;
          Acc<T> sum = 0;
          for (int64_t step = 0; step < v.n; ++step) {
            const int64_t i = reverse ? v.n - 1 - step : step;
            const int64_t at = base + i * v.inner;
            if (exclusive) {
              dst[at] = static_cast<T>(sum);
              sum += static_cast<Acc<T>>(src[at]);
            } else {
              sum += static_cast<Acc<T>>(src[at]);
              dst[at] = static_cast<T>(sum);
            }
          }
        }
    }
  });
  if (!ok)
    return makeError(ErrorCode::TypeMismatch, "cannot cumsum " + std::string(dtypeName(x.dtype())));
  return out;
}

Expected<std::pair<Tensor, Tensor>> topK(const Tensor& x, int64_t axis, int64_t k, bool largest) {
  if (isHalfLike(x.dtype())) {
    auto r = topK(widenHalf(x), axis, k, largest);
    if (!r) return r;
    return std::pair{narrowTo(r->first, x.dtype()), std::move(r->second)};
  }
  const auto v = viewAround(x.dims(), axis);
  if (k < 0 || k > v.n)
    return makeError(ErrorCode::InvalidArgument, "k = " + std::to_string(k) + " is outside [0, " +
                                                     std::to_string(v.n) + "] for axis " +
                                                     std::to_string(axis));
  std::vector<int64_t> outDims = x.dims();
  outDims[static_cast<size_t>(axis)] = k;
  Tensor values = Tensor::zeros(x.dtype(), outDims);
  Tensor indices = Tensor::zeros(DType::Int64, outDims);
  const bool ok = dispatchNumeric(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = x.data<T>();
    T* dv = values.mutableData<T>();
    int64_t* di = indices.mutableData<int64_t>();
    std::vector<int64_t> order(static_cast<size_t>(v.n));
    for (int64_t o = 0; o < v.outer; ++o)
      for (int64_t in = 0; in < v.inner; ++in) {
        const T* p = src + o * v.n * v.inner + in;
        std::iota(order.begin(), order.end(), 0);
        auto before = [&](int64_t a, int64_t b) {
          const T va = p[a * v.inner], vb = p[b * v.inner];
          if (va == vb) return a < b;
          return largest ? va > vb : va < vb;
        };
        std::partial_sort(order.begin(), order.begin() + k, order.end(), before);
        for (int64_t j = 0; j < k; ++j) {
          const int64_t at = o * k * v.inner + j * v.inner + in;
          di[at] = order[static_cast<size_t>(j)];
          dv[at] = p[order[static_cast<size_t>(j)] * v.inner];
        }
      }
  });
  if (!ok)
    return makeError(ErrorCode::TypeMismatch, "cannot sort " + std::string(dtypeName(x.dtype())));
  return std::pair{std::move(values), std::move(indices)};
}

}  // namespace mb::exec::prim
