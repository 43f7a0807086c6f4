// Broadcasting elementwise compute shared by both dialects: binary arithmetic / comparison /
// logic, unary math and activations (with their parameters), and where(). Operands of a binary op
// share one dtype (Pow's exponent is converted); float16 / bfloat16 are computed in float32 and
// rounded back; comparisons yield bool. Integer division by zero yields 0 instead of trapping.
#pragma once

#include <vector>

#include "exec/thread_pool.h"
#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec::prim {

enum class BinaryOp {
  Add,
  Sub,
  Mul,
  Div,
  Pow,
  Fmod,  // C fmod: result has the dividend's sign
  Mod,   // Python / numpy mod: result has the divisor's sign
  Max,
  Min,
  Equal,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,  // → bool
  And,
  Or,
  Xor,  // bool operands
  BitShiftLeft,
  BitShiftRight,
  BitwiseAnd,
  BitwiseOr,
  BitwiseXor,  // integer operands
  PRelu,       // a < 0 ? a * b : a
};

enum class UnaryOp {
  Identity,
  Neg,
  Abs,
  Sign,
  Reciprocal,
  Sqrt,
  Rsqrt,
  Exp,
  Log,
  Floor,
  Ceil,
  Round,  // half to even
  Erf,
  Sin,
  Cos,
  Tan,
  Asin,
  Acos,
  Atan,
  Sinh,
  Cosh,
  Asinh,
  Acosh,
  Atanh,
  Relu,
  Sigmoid,
  Tanh,
  Softplus,
  Softsign,
  Mish,
  GeluErf,
  GeluTanh,
  Swish,
  LeakyRelu,        // alpha
  Elu,              // alpha
  Selu,             // alpha, gamma
  Celu,             // alpha
  ThresholdedRelu,  // alpha
  HardSigmoid,      // max(0, min(1, alpha * x + beta))
  HardSwish,        // x * max(0, min(1, x / 6 + 0.5))
  Shrink,           // lambd = alpha, bias = beta
  Clip,             // [alpha, beta]; ±inf for no bound
  Not,              // bool
  BitwiseNot,       // integers
  IsNaN,            // → bool
  IsInf,            // → bool; alpha ≠ 0 detects +inf, beta ≠ 0 detects -inf
};

struct UnaryParams {
  double alpha = 0.0;
  double beta = 0.0;
  double gamma = 0.0;
};

// `pool` (optional) splits large outputs across the executor's threads.
Expected<Tensor> binary(BinaryOp op, const Tensor& a, const Tensor& b, ThreadPool* pool = nullptr);
Expected<Tensor> unary(UnaryOp op, const Tensor& x, const UnaryParams& params = {},
                       ThreadPool* pool = nullptr);
// cond ? a : b with three-way broadcasting; cond is bool.
Expected<Tensor> where(const Tensor& cond, const Tensor& a, const Tensor& b,
                       ThreadPool* pool = nullptr);
// Folds a variadic op (Sum, Max, Min) left to right with broadcasting; Mean divides the sum.
Expected<Tensor> foldBinary(BinaryOp op, const std::vector<const Tensor*>& operands,
                            ThreadPool* pool = nullptr);

const char* binaryOpName(BinaryOp op);
const char* unaryOpName(UnaryOp op);

}  // namespace mb::exec::prim
