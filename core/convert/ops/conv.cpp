// Conv and ConvTranspose → nn.Conv{1,2,3}d / nn.Conv{1,2,3}dTranspose (classic) or
// mint.nn.Conv{1,2,3}d / mint.nn.ConvTranspose2d. Padding follows MindSpore's documentation:
// classic 2-D/3-D take an explicit per-side tuple (top, bottom, left, right) with pad_mode "pad";
// mint and classic 1-D only take symmetric padding, so asymmetric ONNX pads become an explicit pad
// (Conv) or a crop (ConvTranspose) next to the Cell.
#include "convert/ops/op_helpers.h"

namespace mb::convert::ops {
namespace {

bool symmetric(const std::vector<int64_t>& pads) {
  const size_t n = pads.size() / 2;
  for (size_t k = 0; k < n; ++k)
    if (pads[k] != pads[k + n]) return false;
  return true;
}

bool allZero(const std::vector<int64_t>& v) {
  return std::all_of(v.begin(), v.end(), [](int64_t x) { return x == 0; });
}

// ONNX [b1..bn, e1..en] → MindSpore per-side order (2-D: top, bottom, left, right; 3-D: head, tail,
// …).
std::vector<int64_t> perSide(const std::vector<int64_t>& pads) {
  const size_t n = pads.size() / 2;
  std::vector<int64_t> out;
  for (size_t k = 0; k < n; ++k) {
    out.push_back(pads[k]);
    out.push_back(pads[k + n]);
  }
  return out;
}

Attribute tupleOrInt(const std::vector<int64_t>& v, bool oneD) {
  return oneD ? Attribute(v.front()) : Attribute(v);
}

ConvertStatus convertConv(ConvertContext& ctx) {
  const Tensor* w = ctx.constantInput(1);
  if (!w) return ctx.unconverted("Conv weights computed at run time", {"mindspore.ops.conv2d"});
  const Tensor* b = ctx.hasInput(2) ? ctx.constantInput(2) : nullptr;
  if (ctx.hasInput(2) && !b) return ctx.unconverted("Conv bias computed at run time");
  const size_t n = static_cast<size_t>(w->rank()) - 2;
  if (n < 1 || n > 3) return ctx.unconverted("Conv with " + std::to_string(n) + " spatial dims");
  const int64_t group = ctx.attrs().getInt("group", 1);
  std::vector<int64_t> kernel(w->dims().begin() + 2, w->dims().end());
  std::vector<int64_t> strides = ctx.attrs().getInts("strides", std::vector<int64_t>(n, 1));
  std::vector<int64_t> dilations = ctx.attrs().getInts("dilations", std::vector<int64_t>(n, 1));
  std::vector<int64_t> pads;
  if (!resolveAutoPad(ctx, kernel, strides, dilations, pads))
    return ctx.unconverted("auto_pad SAME_* with unknown spatial dims", {"mindspore.nn.Conv2d"});
  const bool oneD = n == 1;
  ValueId x = ctx.input(0);
  const bool mint = ctx.mint();
  // Classic 2-D/3-D express any per-side padding; the others need an explicit pad when asymmetric.
  const bool explicitPad = !allZero(pads) && !symmetric(pads) && (mint || oneD);
  if (explicitPad) {
    x = emitSpatialPad(ctx, x, pads, 0.0, "pad");
    pads.assign(2 * n, 0);
  }
  static const char* kClassic[] = {"", "mindspore.nn.Conv1d", "mindspore.nn.Conv2d",
                                   "mindspore.nn.Conv3d"};
  static const char* kMint[] = {"", "mindspore.mint.nn.Conv1d", "mindspore.mint.nn.Conv2d",
                                "mindspore.mint.nn.Conv3d"};
  NodeRef cell = ctx.addNode(mint ? kMint[n] : kClassic[n], {x}, {ctx.output(0)});
  auto& a = cell->attrs;
  a.set("in_channels", w->dims()[1] * group);
  a.set("out_channels", w->dims()[0]);
  a.set("kernel_size", tupleOrInt(kernel, oneD));
  a.set("stride", tupleOrInt(strides, oneD));
  if (mint) {
    a.set(
        "padding",
        tupleOrInt(std::vector<int64_t>(pads.begin(), pads.begin() + static_cast<long>(n)), oneD));
    a.set("dilation", tupleOrInt(dilations, oneD));
    a.set("groups", group);
    a.set("bias", b != nullptr);
  } else {
    // MindSpore's pad_mode defaults to "same" and has_bias to False: both always written.
    if (allZero(pads)) {
      a.set("pad_mode", std::string("valid"));
    } else {
      a.set("pad_mode", std::string("pad"));
      a.set("padding", oneD ? Attribute(pads[0]) : Attribute(perSide(pads)));
    }
    a.set("dilation", tupleOrInt(dilations, oneD));
    a.set("group", group);
    a.set("has_bias", b != nullptr);
  }
  ctx.param(cell, "weight", *w, ctx.initializerNames(1));
  if (b) ctx.param(cell, "bias", *b, ctx.initializerNames(2));
  return kConverted;
}

ConvertStatus convertConvTranspose(ConvertContext& ctx) {
  const Tensor* w = ctx.constantInput(1);
  if (!w)
    return ctx.unconverted("ConvTranspose weights computed at run time",
                           {"mindspore.ops.conv_transpose2d"});
  const Tensor* b = ctx.hasInput(2) ? ctx.constantInput(2) : nullptr;
  if (ctx.hasInput(2) && !b) return ctx.unconverted("ConvTranspose bias computed at run time");
  const size_t n = static_cast<size_t>(w->rank()) - 2;
  if (n < 1 || n > 3)
    return ctx.unconverted("ConvTranspose with " + std::to_string(n) + " spatial dims");
  const bool mint = ctx.mint();
  if (mint && n != 2)
    return ctx.unconverted("mint has ConvTranspose2d only",
                           {"mindspore.nn.Conv1dTranspose", "mindspore.nn.Conv3dTranspose"});
  const int64_t group = ctx.attrs().getInt("group", 1);
  std::vector<int64_t> kernel(w->dims().begin() + 2, w->dims().end());
  std::vector<int64_t> strides = ctx.attrs().getInts("strides", std::vector<int64_t>(n, 1));
  std::vector<int64_t> dilations = ctx.attrs().getInts("dilations", std::vector<int64_t>(n, 1));
  std::vector<int64_t> outPad = ctx.attrs().getInts("output_padding", std::vector<int64_t>(n, 0));
  std::vector<int64_t> pads = ctx.attrs().getInts("pads", std::vector<int64_t>(2 * n, 0));
  const std::string autoPad = ctx.attrs().getString("auto_pad", "NOTSET");
  std::vector<int64_t> outputShape = ctx.attrs().getInts("output_shape");
  if (!outputShape.empty() || autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    const Shape& in = ctx.inputShape(0);
    if (in.dims.size() != n + 2)
      return ctx.unconverted("ConvTranspose output_shape/auto_pad needs the input shape");
    for (size_t k = 0; k < n; ++k) {
      if (!in.dims[k + 2].isKnown())
        return ctx.unconverted("ConvTranspose output_shape/auto_pad with dynamic dims");
      int64_t inSize = in.dims[k + 2].value;
      int64_t want =
          !outputShape.empty() ? outputShape[outputShape.size() - n + k] : inSize * strides[k];
      int64_t total =
          strides[k] * (inSize - 1) + outPad[k] + (kernel[k] - 1) * dilations[k] + 1 - want;
      if (total < 0)
        return ctx.unconverted("ConvTranspose output_shape larger than the full output");
      bool upper = autoPad != "SAME_LOWER";
      pads[k] = upper ? total / 2 : total - total / 2;
      pads[k + n] = total - pads[k];
    }
  } else if (autoPad == "VALID") {
    pads.assign(2 * n, 0);
  }
  const bool oneD = n == 1;
  // Crop needed when the Cell cannot express the per-side crop: end crop = pad_end -
  // output_padding.
  const bool cropAfter = (mint || oneD) && (!symmetric(pads) || (oneD && !allZero(outPad)));
  std::vector<int64_t> crop = pads;
  if (cropAfter) {
    for (size_t k = 0; k < n; ++k) {
      crop[k + n] = pads[k + n] - outPad[k];
      if (crop[k + n] < 0)
        return ctx.unconverted(
            "ConvTranspose output_padding beyond the padding with asymmetric pads");
    }
    pads.assign(2 * n, 0);
    outPad.assign(n, 0);
  }
  static const char* kClassic[] = {"", "mindspore.nn.Conv1dTranspose",
                                   "mindspore.nn.Conv2dTranspose", "mindspore.nn.Conv3dTranspose"};
  ValueId full =
      cropAfter ? ctx.temp(ctx.outputValue(0).dtype, Shape::unknownRank(), "full") : ctx.output(0);
  NodeRef cell = ctx.addNode(mint ? std::string("mindspore.mint.nn.ConvTranspose2d") : kClassic[n],
                             {ctx.input(0)}, {full});
  auto& a = cell->attrs;
  a.set("in_channels", w->dims()[0]);
  a.set("out_channels", w->dims()[1] * group);
  a.set("kernel_size", tupleOrInt(kernel, oneD));
  a.set("stride", tupleOrInt(strides, oneD));
  if (mint) {
    a.set("padding", std::vector<int64_t>(pads.begin(), pads.begin() + 2));
    a.set("output_padding", outPad);
    a.set("groups", group);
    a.set("bias", b != nullptr);
    a.set("dilation", dilations);
  } else {
    if (allZero(pads)) {
      a.set("pad_mode", std::string("valid"));
    } else {
      a.set("pad_mode", std::string("pad"));
      a.set("padding", oneD ? Attribute(pads[0]) : Attribute(perSide(pads)));
    }
    if (!oneD && !allZero(outPad)) a.set("output_padding", outPad);
    a.set("dilation", tupleOrInt(dilations, oneD));
    a.set("group", group);
    a.set("has_bias", b != nullptr);
  }
  ctx.param(cell, "weight", *w, ctx.initializerNames(1));
  if (b) ctx.param(cell, "bias", *b, ctx.initializerNames(2));
  if (cropAfter) {
    int64_t rank = static_cast<int64_t>(n) + 2;
    std::vector<int64_t> begin(static_cast<size_t>(rank), 0), end(static_cast<size_t>(rank), 0),
        strides1(static_cast<size_t>(rank), 1);
    int64_t endMask = 0;
    for (int64_t d = 0; d < rank; ++d) {
      size_t k = static_cast<size_t>(d) - 2;
      if (d < 2 || crop[k + n] == 0)
        endMask |= int64_t{1} << d;
      else
        end[static_cast<size_t>(d)] = -crop[k + n];
      if (d >= 2) begin[static_cast<size_t>(d)] = crop[k];
    }
    NodeRef s = ctx.addNode("mindspore.ops.strided_slice", {full}, {ctx.output(0)});
    s->callArgs.set("begin", begin);
    s->callArgs.set("end", end);
    s->callArgs.set("strides", strides1);
    s->callArgs.set("end_mask", endMask);
  }
  return kConverted;
}

MB_CONVERTER("Conv", 1, convertConv);
MB_CONVERTER("ConvTranspose", 1, convertConvTranspose);

}  // namespace
}  // namespace mb::convert::ops
