// MaxPool / AveragePool / GlobalAveragePool / GlobalMaxPool. MindSpore's pooling Cells take one
// symmetric padding per spatial dim (pad_h, pad_w); asymmetric ONNX pads become an explicit pad
// (−inf for max, 0 for average with count_include_pad) in front of the Cell.
#include <limits>

#include "convert/ops/op_helpers.h"

namespace mb::convert::ops {
namespace {

bool symmetricWithin(const std::vector<int64_t>& pads, const std::vector<int64_t>& kernel) {
  const size_t n = kernel.size();
  for (size_t k = 0; k < n; ++k)
    if (pads[k] != pads[k + n] || 2 * pads[k] > kernel[k])
      return false;  // torch/MindSpore: pad ≤ k/2
  return true;
}

bool allZero(const std::vector<int64_t>& v) {
  return std::all_of(v.begin(), v.end(), [](int64_t x) { return x == 0; });
}

Attribute tupleOrInt(const std::vector<int64_t>& v) {
  return v.size() == 1 ? Attribute(v.front()) : Attribute(v);
}

ConvertStatus convertPool(ConvertContext& ctx) {
  const bool isMax = ctx.opType() == "MaxPool";
  if (isMax && ctx.outputUsed(1))
    return ctx.unconverted("MaxPool indices output is used", {"mindspore.ops.max_pool2d"});
  if (ctx.attrs().getInt("storage_order", 0) != 0)
    return ctx.unconverted("MaxPool storage_order=1");
  std::vector<int64_t> kernel = ctx.attrs().getInts("kernel_shape");
  const size_t n = kernel.size();
  if (n < 1 || n > 3) return ctx.unconverted("pooling over " + std::to_string(n) + " dims");
  std::vector<int64_t> strides = ctx.attrs().getInts("strides", std::vector<int64_t>(n, 1));
  std::vector<int64_t> dilations = ctx.attrs().getInts("dilations", std::vector<int64_t>(n, 1));
  std::vector<int64_t> pads;
  if (!resolveAutoPad(ctx, kernel, strides, dilations, pads))
    return ctx.unconverted("auto_pad SAME_* with unknown dims");
  const bool ceil = ctx.attrs().getInt("ceil_mode", 0) != 0;
  const bool countPad = ctx.attrs().getInt("count_include_pad", 0) != 0;
  ValueId x = ctx.input(0);
  if (!allZero(pads) && !symmetricWithin(pads, kernel)) {
    if (!isMax && !countPad)
      return ctx.unconverted("asymmetric average-pool padding without count_include_pad");
    x = emitSpatialPad(ctx, x, pads, isMax ? -std::numeric_limits<double>::infinity() : 0.0, "pad");
    pads.assign(2 * n, 0);
  }
  std::vector<int64_t> padding(pads.begin(), pads.begin() + static_cast<long>(n));
  // mint has MaxPool2d only; other ranks use the classic Cells (same semantics with pad_mode
  // "pad").
  const bool mint = ctx.mint() && (!isMax || n == 2);
  std::string api;
  if (isMax) {
    static const char* kClassic[] = {"", "mindspore.nn.MaxPool1d", "mindspore.nn.MaxPool2d",
                                     "mindspore.nn.MaxPool3d"};
    api = mint ? "mindspore.mint.nn.MaxPool2d" : kClassic[n];
  } else {
    static const char* kClassic[] = {"", "mindspore.nn.AvgPool1d", "mindspore.nn.AvgPool2d",
                                     "mindspore.nn.AvgPool3d"};
    static const char* kMint[] = {"", "mindspore.mint.nn.AvgPool1d", "mindspore.mint.nn.AvgPool2d",
                                  "mindspore.mint.nn.AvgPool3d"};
    api = mint ? kMint[n] : kClassic[n];
  }
  if (!isMax && !allZero(dilations)) {
    for (int64_t d : dilations)
      if (d != 1) return ctx.unconverted("AveragePool with dilations");
  }
  NodeRef cell = ctx.addNode(api, {x}, {ctx.output(0)});
  auto& a = cell->attrs;
  a.set("kernel_size", tupleOrInt(kernel));
  a.set("stride", tupleOrInt(strides));  // classic default stride is 1, torch's is kernel_size
  const bool unitDilation =
      std::all_of(dilations.begin(), dilations.end(), [](int64_t d) { return d == 1; });
  // MindSpore takes padding / ceil_mode / dilation only with pad_mode "pad" (raises otherwise).
  if (!mint)
    a.set("pad_mode", std::string(allZero(padding) && !ceil && unitDilation ? "valid" : "pad"));
  if (!allZero(padding)) a.set("padding", tupleOrInt(padding));
  if (isMax && !unitDilation) a.set("dilation", tupleOrInt(dilations));
  if (ceil) a.set("ceil_mode", true);
  if (!isMax) a.set("count_include_pad", countPad);  // ONNX default 0, MindSpore default True
  return kConverted;
}

ConvertStatus convertGlobalPool(ConvertContext& ctx) {
  int64_t rank = ctx.inputRank(0);
  if (rank < 3 || rank > 5) return ctx.unconverted("global pooling needs an input of rank 3–5");
  const auto n = static_cast<size_t>(rank - 2);
  if (ctx.opType() == "GlobalAveragePool") {
    static const char* kClassic[] = {"", "mindspore.nn.AdaptiveAvgPool1d",
                                     "mindspore.nn.AdaptiveAvgPool2d",
                                     "mindspore.nn.AdaptiveAvgPool3d"};
    static const char* kMint[] = {"", "mindspore.mint.nn.AdaptiveAvgPool1d",
                                  "mindspore.mint.nn.AdaptiveAvgPool2d",
                                  "mindspore.mint.nn.AdaptiveAvgPool3d"};
    NodeRef cell = emitUnary(ctx, ctx.mint() ? kMint[n] : kClassic[n], {ctx.input(0)});
    cell->attrs.set("output_size",
                    n == 1 ? Attribute(int64_t{1}) : Attribute(std::vector<int64_t>(n, 1)));
    return kConverted;
  }
  std::vector<int64_t> axes;
  for (int64_t d = 2; d < rank; ++d) axes.push_back(d);
  NodeRef f = emitUnary(ctx, ctx.pick("mindspore.ops.amax", "mindspore.mint.amax"), {ctx.input(0)});
  f->callArgs.set(ctx.mint() ? "dim" : "axis", axes);
  f->callArgs.set(ctx.mint() ? "keepdim" : "keepdims", true);
  return kConverted;
}

MB_CONVERTER("MaxPool", 1, convertPool);
MB_CONVERTER("AveragePool", 1, convertPool);
MB_CONVERTER("GlobalAveragePool", 1, convertGlobalPool);
MB_CONVERTER("GlobalMaxPool", 1, convertGlobalPool);

}  // namespace
}  // namespace mb::convert::ops
