#include "exec/primitives/matmul.h"

#include <cblas.h>

#include <algorithm>

#include "exec/primitives/nn_util.h"
#include "exec/thread_pool.h"

namespace mb::exec::nn {
namespace {

// Batch broadcasting of numpy.matmul: the leading dims of both operands broadcast; returns the
// batch shape and, for each flat batch index, the operand batch offsets.
Expected<std::vector<int64_t>> broadcastBatch(const std::vector<int64_t>& a,
                                              const std::vector<int64_t>& b) {
  size_t rank = std::max(a.size(), b.size());
  std::vector<int64_t> out(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return makeError(ErrorCode::ShapeMismatch, "batch dims " + dimsToString(a) + " and " +
                                                     dimsToString(b) + " do not broadcast");
    out[i] = da == 1 ? db : da;
  }
  return out;
}

int64_t batchOffset(int64_t flat, const std::vector<int64_t>& outBatch,
                    const std::vector<int64_t>& batch) {
  // Maps a flat index over outBatch to the flat index over `batch` (right-aligned, 1s broadcast).
  int64_t offset = 0, stride = 1;
  size_t shift = outBatch.size() - batch.size();
  for (size_t i = outBatch.size(); i-- > 0;) {
    int64_t coord = flat % outBatch[i];
    flat /= outBatch[i];
    if (i >= shift) {
      int64_t d = batch[i - shift];
      if (d != 1) offset += coord * stride;
      stride *= d;
    }
  }
  return offset;
}

template <typename T>
void naiveMatmul(const T* a, const T* b, T* c, int64_t M, int64_t N, int64_t K) {
  for (int64_t m = 0; m < M; ++m)
    for (int64_t n = 0; n < N; ++n) {
      T sum = 0;
      for (int64_t k = 0; k < K; ++k) sum += a[m * K + k] * b[k * N + n];
      c[m * N + n] = sum;
    }
}

}  // namespace

void sgemm(bool transA, bool transB, int64_t M, int64_t N, int64_t K, float alpha, const float* A,
           int64_t lda, const float* B, int64_t ldb, float beta, float* C, int64_t ldc) {
  if (M == 0 || N == 0) return;
  if (K == 0) {
    for (int64_t m = 0; m < M; ++m)
      for (int64_t n = 0; n < N; ++n) C[m * ldc + n] = beta == 0.0f ? 0.0f : beta * C[m * ldc + n];
    return;
  }
  // OpenBLAS runs single-threaded (see Executor): its spinning worker threads would fight the
  // pool's. Large products are split into row (or column) blocks, one per pool thread.
  auto call = [&](int64_t m, int64_t n, const float* a, const float* b, float* c) {
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
                transB ? CblasTrans : CblasNoTrans, static_cast<blasint>(m),
                static_cast<blasint>(n), static_cast<blasint>(K), alpha, a,
                static_cast<blasint>(lda), b, static_cast<blasint>(ldb), beta, c,
                static_cast<blasint>(ldc));
  };
  ThreadPool* pool = currentPool();
  int64_t parts = pool ? pool->threads() : 1;
  if (parts <= 1 || M * N * K < (int64_t{1} << 18) || (M < 2 * parts && N < 2 * parts)) {
    call(M, N, A, B, C);
    return;
  }
  if (M >= N) {
    pool->parallelFor(parts, 1, [&](int64_t begin, int64_t end) {
      for (int64_t p = begin; p < end; ++p) {
        int64_t m0 = M * p / parts, m1 = M * (p + 1) / parts;
        if (m1 > m0) call(m1 - m0, N, transA ? A + m0 : A + m0 * lda, B, C + m0 * ldc);
      }
    });
  } else {
    pool->parallelFor(parts, 1, [&](int64_t begin, int64_t end) {
      for (int64_t p = begin; p < end; ++p) {
        int64_t n0 = N * p / parts, n1 = N * (p + 1) / parts;
        if (n1 > n0) call(M, n1 - n0, A, transB ? B + n0 * ldb : B + n0, C + n0);
      }
    });
  }
}

Expected<Tensor> matmul(const Tensor& a, const Tensor& b) {
  if (a.dtype() != b.dtype())
    return makeError(ErrorCode::TypeMismatch, "operands have different dtypes (" +
                                                  std::string(dtypeName(a.dtype())) + ", " +
                                                  std::string(dtypeName(b.dtype())) + ")");
  if (a.rank() == 0 || b.rank() == 0)
    return makeError(ErrorCode::ShapeMismatch, "matmul needs operands of rank ≥ 1");
  std::vector<int64_t> ad = a.dims(), bd = b.dims();
  bool aVector = ad.size() == 1, bVector = bd.size() == 1;
  if (aVector) ad.insert(ad.begin(), 1);
  if (bVector) bd.push_back(1);
  int64_t M = ad[ad.size() - 2], K = ad.back(), N = bd.back();
  if (bd[bd.size() - 2] != K)
    return makeError(ErrorCode::ShapeMismatch, "inner dims differ: " + dimsToString(a.dims()) +
                                                   " · " + dimsToString(b.dims()));
  std::vector<int64_t> aBatch(ad.begin(), ad.end() - 2), bBatch(bd.begin(), bd.end() - 2);
  auto outBatch = broadcastBatch(aBatch, bBatch);
  if (!outBatch) return outBatch.error();
  std::vector<int64_t> outDims = *outBatch;
  if (!aVector) outDims.push_back(M);
  if (!bVector) outDims.push_back(N);
  int64_t batches = product(*outBatch, 0, outBatch->size());
  DType dtype = a.dtype();
  bool half = dtype == DType::Float16 || dtype == DType::BFloat16;
  Tensor af = half ? toFloat32(a) : a, bf = half ? toFloat32(b) : b;
  DType work = half ? DType::Float32 : dtype;
  Tensor out = Tensor::zeros(work, outDims);
  int64_t aBatches = product(aBatch, 0, aBatch.size()),
          bBatches = product(bBatch, 0, bBatch.size());

  if (work == DType::Float32) {
    const float* A = af.data<float>();
    const float* B = bf.data<float>();
    float* C = out.mutableData<float>();
    if (bBatches == 1 && aBatches == batches) {
      // One weight for every batch (linear layers): a single [batches*M, K] · [K, N] product.
      sgemm(false, false, batches * M, N, K, 1.0f, A, K, B, N, 0.0f, C, N);
    } else {
      for (int64_t i = 0; i < batches; ++i)
        sgemm(false, false, M, N, K, 1.0f, A + batchOffset(i, *outBatch, aBatch) * M * K, K,
              B + batchOffset(i, *outBatch, bBatch) * K * N, N, 0.0f, C + i * M * N, N);
    }
    return half ? fromFloat32(out, dtype) : out;
  }
  auto run = [&](auto tag) {
    using T = decltype(tag);
    for (int64_t i = 0; i < batches; ++i)
      naiveMatmul<T>(a.data<T>() + batchOffset(i, *outBatch, aBatch) * M * K,
                     b.data<T>() + batchOffset(i, *outBatch, bBatch) * K * N,
                     out.mutableData<T>() + i * M * N, M, N, K);
  };
  switch (work) {
    case DType::Float64:
      for (int64_t i = 0; i < batches; ++i)
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, static_cast<blasint>(M),
            static_cast<blasint>(N), static_cast<blasint>(K), 1.0,
            a.data<double>() + batchOffset(i, *outBatch, aBatch) * M * K, static_cast<blasint>(K),
            b.data<double>() + batchOffset(i, *outBatch, bBatch) * K * N, static_cast<blasint>(N),
            0.0, out.mutableData<double>() + i * M * N, static_cast<blasint>(N));
      break;
    case DType::Int32:
      run(int32_t{});
      break;
    case DType::Int64:
      run(int64_t{});
      break;
    case DType::UInt32:
      run(uint32_t{});
      break;
    case DType::UInt64:
      run(uint64_t{});
      break;
    default:
      return makeError(ErrorCode::TypeMismatch,
                       "matmul does not support " + std::string(dtypeName(dtype)));
  }
  return out;
}

Expected<Tensor> gemm(const Tensor& a, const Tensor& b, const Tensor* c, bool transA, bool transB,
                      float alpha, float beta) {
  if (a.rank() != 2 || b.rank() != 2)
    return makeError(
        ErrorCode::ShapeMismatch,
        "Gemm needs 2-D A and B, got " + dimsToString(a.dims()) + " and " + dimsToString(b.dims()));
  int64_t M = transA ? a.dims()[1] : a.dims()[0];
  int64_t K = transA ? a.dims()[0] : a.dims()[1];
  int64_t Kb = transB ? b.dims()[1] : b.dims()[0];
  int64_t N = transB ? b.dims()[0] : b.dims()[1];
  if (K != Kb)
    return makeError(ErrorCode::ShapeMismatch,
                     "inner dims differ: op(A) is [" + std::to_string(M) + "," + std::to_string(K) +
                         "], op(B) is [" + std::to_string(Kb) + "," + std::to_string(N) + "]");
  DType dtype = a.dtype();
  bool isF64 = dtype == DType::Float64;
  Tensor af = toFloat32(a), bf = toFloat32(b);
  Tensor out = Tensor::zeros(DType::Float32, {M, N});
  float* Y = out.mutableData<float>();
  if (c && beta != 0.0f) {
    Tensor cf = toFloat32(*c);
    std::vector<int64_t> cd = cf.dims();
    while (cd.size() < 2) cd.insert(cd.begin(), 1);
    if (cd.size() > 2 || (cd[0] != 1 && cd[0] != M) || (cd[1] != 1 && cd[1] != N))
      return makeError(ErrorCode::ShapeMismatch,
                       "C of shape " + dimsToString(c->dims()) + " does not broadcast to [" +
                           std::to_string(M) + "," + std::to_string(N) + "]");
    const float* C = cf.data<float>();
    for (int64_t m = 0; m < M; ++m)
      for (int64_t n = 0; n < N; ++n)
        Y[m * N + n] = C[(cd[0] == 1 ? 0 : m) * cd[1] + (cd[1] == 1 ? 0 : n)];
  } else {
    beta = 0.0f;
  }
  sgemm(transA, transB, M, N, K, alpha, af.data<float>(), a.dims()[1], bf.data<float>(),
        b.dims()[1], beta, Y, N);
  if (isF64 || dtype == DType::Float16 || dtype == DType::BFloat16) return fromFloat32(out, dtype);
  if (dtype != DType::Float32) {
    return makeError(ErrorCode::TypeMismatch,
                     "Gemm does not support " + std::string(dtypeName(dtype)));
  }
  return out;
}

Expected<Tensor> matmulInteger(const Tensor& a, const Tensor& b, const Tensor* aZero,
                               const Tensor* bZero) {
  auto isByte = [](DType t) { return t == DType::Int8 || t == DType::UInt8; };
  if (!isByte(a.dtype()) || !isByte(b.dtype()))
    return makeError(ErrorCode::TypeMismatch, "MatMulInteger takes int8 / uint8 operands");
  // Widen to int32 with zero points subtracted, then an exact int32 matmul.
  auto widen = [](const Tensor& x, const Tensor* zero, bool rowWise) -> Expected<Tensor> {
    Tensor out = Tensor::zeros(DType::Int32, x.dims());
    int64_t n = x.numel();
    int64_t cols = x.rank() >= 1 ? x.dims().back() : 1;
    int64_t rows = x.rank() >= 2 ? x.dims()[x.dims().size() - 2] : 1;
    for (int64_t i = 0; i < n; ++i) {
      int64_t z = 0;
      if (zero && zero->numel() == 1)
        z = zero->elementAsInt64(0);
      else if (zero)
        z = zero->elementAsInt64(rowWise ? (i / cols) % rows : i % cols);
      out.mutableData<int32_t>()[i] = static_cast<int32_t>(x.elementAsInt64(i) - z);
    }
    return out;
  };
  auto aw = widen(a, aZero, true);
  auto bw = widen(b, bZero, false);
  return matmul(*aw, *bw);
}

}  // namespace mb::exec::nn
