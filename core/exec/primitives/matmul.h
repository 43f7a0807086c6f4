// Matrix products: a row-major sgemm wrapper over OpenBLAS, numpy-semantics matmul (1-D promotion,
// broadcast batch dims), Gemm with a broadcast bias, and integer matmul with zero points.
#pragma once

#include <cstdint>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec {
class ThreadPool;
}

namespace mb::exec::nn {

// C[M,N] = alpha * op(A)[M,K] · op(B)[K,N] + beta * C, row-major, leading dims in elements.
void sgemm(bool transA, bool transB, int64_t M, int64_t N, int64_t K, float alpha, const float* A,
           int64_t lda, const float* B, int64_t ldb, float beta, float* C, int64_t ldc);

// numpy.matmul for float32 / float64 / integer tensors of the same dtype.
Expected<Tensor> matmul(const Tensor& a, const Tensor& b);

// Y = alpha * op(A) · op(B) + beta * C; A and B are 2-D, C (optional) broadcasts to [M, N].
Expected<Tensor> gemm(const Tensor& a, const Tensor& b, const Tensor* c, bool transA, bool transB,
                      float alpha, float beta);

// (A - aZero) · (B - bZero) in int32 for int8 / uint8 operands (MatMulInteger); zero points are
// scalars or per-row (A) / per-column (B) vectors; null means 0.
Expected<Tensor> matmulInteger(const Tensor& a, const Tensor& b, const Tensor* aZero,
                               const Tensor* bZero);

}  // namespace mb::exec::nn
