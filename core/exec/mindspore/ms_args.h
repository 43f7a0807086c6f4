// Reading a MindSpore node's arguments the way MindSpore documents them: constructor arguments in
// node.attrs, call keyword arguments in node.callArgs, defaults from the MindSpore 2.7 signatures.
// Every kernel first checks the node only carries arguments its API has, so a converter that spells
// an argument the torch way (groups, bias, eps on nn.LayerNorm) fails loudly instead of silently
// running with MindSpore's default.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exec/kernel.h"

namespace mb::exec::ms {

// Fails (naming the API and the argument) if node.attrs holds a name not in `ctorArgs` or
// node.callArgs a name not in `callArgs`.
Status checkArgNames(const KernelContext& ctx, std::initializer_list<std::string_view> ctorArgs,
                     std::initializer_list<std::string_view> callArgs);

// Which list an argument lives in.
enum class ArgSource { Ctor, Call };

// Typed readers: a missing or None argument yields the default; a wrong type is an error.
Expected<int64_t> argInt(const KernelContext& ctx, ArgSource src, const std::string& name,
                         int64_t def);
Expected<double> argFloat(const KernelContext& ctx, ArgSource src, const std::string& name,
                          double def);
Expected<bool> argBool(const KernelContext& ctx, ArgSource src, const std::string& name, bool def);
Expected<std::string> argString(const KernelContext& ctx, ArgSource src, const std::string& name,
                                const std::string& def);
// An int broadcast to n values, or a tuple whose length is one of `lengths` (values unchanged).
Expected<std::vector<int64_t>> argInts(const KernelContext& ctx, ArgSource src,
                                       const std::string& name, std::vector<int64_t> def,
                                       std::initializer_list<size_t> lengths, size_t broadcastTo);
// Whether the argument is present and not None.
bool argGiven(const KernelContext& ctx, ArgSource src, const std::string& name);
const Attribute* argFind(const KernelContext& ctx, ArgSource src, const std::string& name);

// A parameter by MindSpore name ("weight", "gamma", "moving_mean"); null if the node lacks it.
const Tensor* param(const KernelContext& ctx, const std::string& name);
Expected<const Tensor*> requireParam(const KernelContext& ctx, const std::string& name);

// Sliding-window geometry in explicit form (what the shared primitives take).
struct Window {
  std::vector<int64_t> kernel, stride, dilation, padBegin, padEnd;
  bool ceilMode = false;
};

// The last `spatial` dims of x.
std::vector<int64_t> spatialDims(const Tensor& x, size_t spatial);
// Error unless x is [N, C, spatial…] with `spatial` spatial dims.
Status needSpatialRank(const KernelContext& ctx, const Tensor& x, size_t spatial);
// kernel_size (default `kernelDefault`, required when empty), stride (default 1) and dilation
// (default 1) constructor arguments of a Cell over `spatial` dims: an int or one value per dim.
Status readWindow(const KernelContext& ctx, size_t spatial, std::vector<int64_t> kernelDefault,
                  Window& w);
// Conv channel arguments: positive, divisible by the group count (`groupName` as the API spells
// it), and in_channels equal to the input's dim 1.
Status checkConvChannels(const KernelContext& ctx, const Tensor& x, int64_t inC, int64_t outC,
                         int64_t group, const char* groupName);

// Output extent of a window along each spatial dim (torch/ONNX rule: with ceil_mode the last
// window must start inside the input or the left padding).
std::vector<int64_t> windowOutputDims(const std::vector<int64_t>& in, const Window& w);

// MindSpore pad_mode "same": output = ceil(in / stride); the total pad is split with the odd extra
// element at the end (bottom / right), TF style.
void padSame(const std::vector<int64_t>& in, Window& w);

// Explicit pads from MindSpore's `padding` for pad_mode="pad":
// conv: int, or 2·n values (begin, end) per spatial dim: Conv2d (top, bottom, left, right);
// pool: int, or n values applied to both sides (MaxPool2d (pad_h, pad_w)).
Status padFromConvPadding(const std::vector<int64_t>& padding, size_t spatial, Window& w);
Status padFromPoolPadding(const std::vector<int64_t>& padding, size_t spatial, Window& w);

// "mindspore.float32", "float32", "Float32", "mstype.float32" → DType.
std::optional<DType> parseMindSporeDType(const std::string& text);

// Normalises an axis against rank (negative counts from the end); error if out of range.
Expected<int64_t> normalizeAxis(const KernelContext& ctx, int64_t axis, int64_t rank);

}  // namespace mb::exec::ms
