// Spatial resampling and rearrangement: Resize / Upsample → interpolate, Pad, DepthToSpace,
// SpaceToDepth, GridSample. Only coordinate modes MindSpore's interpolate reproduces are mapped;
// the rest stay unconverted with the reason.
#include "convert/ops/op_helpers.h"

namespace mb::convert::ops {
namespace {

struct InterpolateMode {
  std::string mode;           // interpolate's mode
  std::optional<bool> align;  // align_corners (None for nearest modes)
  std::string error;
};

InterpolateMode interpolateMode(const ConvertContext& ctx, size_t spatial, bool legacyAsymmetric) {
  const std::string mode = ctx.attrs().getString("mode", "nearest");
  const std::string coord =
      legacyAsymmetric ? "asymmetric"
                       : ctx.attrs().getString("coordinate_transformation_mode", "half_pixel");
  const std::string nearestMode = ctx.attrs().getString("nearest_mode", "round_prefer_floor");
  if (ctx.attrs().getInt("antialias", 0) != 0) return {{}, {}, "antialias"};
  if (mode == "nearest") {
    if (coord == "asymmetric" && (legacyAsymmetric || nearestMode == "floor"))
      return {"nearest", std::nullopt, {}};
    if ((coord == "half_pixel" || coord == "pytorch_half_pixel") &&
        nearestMode == "round_prefer_ceil")
      return {"nearest-exact", std::nullopt, {}};
    return {{},
            {},
            "nearest with coordinate mode '" + coord + "' and nearest_mode '" + nearestMode + "'"};
  }
  static const char* kLinear[] = {"", "linear", "bilinear", "trilinear"};
  if (mode == "linear") {
    if (spatial < 1 || spatial > 3)
      return {{}, {}, "linear resize over " + std::to_string(spatial) + " dims"};
    if (coord == "half_pixel" || coord == "pytorch_half_pixel")
      return {kLinear[spatial], false, {}};
    if (coord == "align_corners") return {kLinear[spatial], true, {}};
    return {{}, {}, "linear with coordinate mode '" + coord + "'"};
  }
  if (mode == "cubic") {
    if (spatial != 2) return {{}, {}, "cubic resize needs 2 spatial dims"};
    if (!near(ctx.attrs().getFloat("cubic_coeff_a", -0.75), -0.75) ||
        ctx.attrs().getInt("exclude_outside", 0) != 0)
      return {{}, {}, "cubic with cubic_coeff_a ≠ −0.75 or exclude_outside"};
    if (coord == "half_pixel" || coord == "pytorch_half_pixel") return {"bicubic", false, {}};
    if (coord == "align_corners") return {"bicubic", true, {}};
    return {{}, {}, "cubic with coordinate mode '" + coord + "'"};
  }
  return {{}, {}, "mode '" + mode + "'"};
}

ConvertStatus emitInterpolate(ConvertContext& ctx, const InterpolateMode& m,
                              const std::vector<double>& scales,
                              const std::vector<int64_t>& sizes) {
  NodeRef n = emitUnary(
      ctx, ctx.pick("mindspore.ops.interpolate", "mindspore.mint.nn.functional.interpolate"),
      {ctx.input(0)});
  if (!sizes.empty())
    n->callArgs.set("size", sizes);
  else
    n->callArgs.set("scale_factor", scales);
  n->callArgs.set("mode", m.mode);
  if (m.align) n->callArgs.set("align_corners", *m.align);
  return kConverted;
}

ConvertStatus convertResize(ConvertContext& ctx) {
  int64_t rank = ctx.inputRank(0);
  if (rank < 3) return ctx.unconverted("Resize needs an N, C, spatial… input of known rank");
  const auto spatial = static_cast<size_t>(rank - 2);
  if (ctx.attrs().has("axes")) return ctx.unconverted("Resize with axes");
  const bool legacy = ctx.opset() < 11;
  InterpolateMode m = interpolateMode(ctx, spatial, legacy);
  if (!m.error.empty())
    return ctx.unconverted("Resize " + m.error + " has no MindSpore interpolate equivalent",
                           {"mindspore.ops.interpolate", "mindspore.ops.ResizeNearestNeighbor"});
  const size_t scalesIndex = legacy ? 1 : 2, sizesIndex = 3;
  std::vector<double> scales;
  std::vector<int64_t> sizes;
  if (const Tensor* s = ctx.hasInput(scalesIndex) ? ctx.constantInput(scalesIndex) : nullptr;
      s && s->numel() > 0) {
    for (int64_t i = 0; i < s->numel(); ++i) scales.push_back(s->elementAsDouble(i));
  } else if (ctx.hasInput(sizesIndex)) {
    std::vector<int64_t> full;
    if (!ctx.constantInts(sizesIndex, full)) {
      // Sizes computed from shapes: usable when shape inference knows the output's spatial dims.
      const Shape& outShape = ctx.outputShape(0);
      auto dims = knownDims(outShape);
      if (!dims || dims->size() != static_cast<size_t>(rank))
        return ctx.unconverted("Resize sizes computed at run time", {"mindspore.ops.interpolate"});
      full = *dims;
    }
    if (full.size() != static_cast<size_t>(rank))
      return ctx.unconverted("Resize sizes of the wrong length");
    sizes.assign(full.begin() + 2, full.end());
  } else {
    return ctx.unconverted("Resize without scales or sizes");
  }
  if (!scales.empty()) {
    if (scales.size() != static_cast<size_t>(rank) || scales[0] != 1.0 || scales[1] != 1.0)
      return ctx.unconverted("Resize scaling the batch or channel dim");
    scales.erase(scales.begin(), scales.begin() + 2);
  }
  return emitInterpolate(ctx, m, scales, sizes);
}

ConvertStatus convertUpsample(ConvertContext& ctx) {
  int64_t rank = ctx.inputRank(0);
  if (rank < 3) return ctx.unconverted("Upsample needs an input of known rank");
  InterpolateMode m = interpolateMode(ctx, static_cast<size_t>(rank - 2), true);
  if (!m.error.empty() || m.mode != "nearest")
    return ctx.unconverted(
        "Upsample " + (m.error.empty() ? std::string("linear (asymmetric coordinates)") : m.error),
        {"mindspore.ops.interpolate"});
  std::vector<double> scales = ctx.attrs().getFloats("scales");
  if (ctx.hasInput(1)) {
    const Tensor* s = ctx.constantInput(1);
    if (!s) return ctx.unconverted("Upsample scales computed at run time");
    scales.clear();
    for (int64_t i = 0; i < s->numel(); ++i) scales.push_back(s->elementAsDouble(i));
  }
  if (scales.size() != static_cast<size_t>(rank) || scales[0] != 1.0 || scales[1] != 1.0)
    return ctx.unconverted("Upsample scaling the batch or channel dim");
  scales.erase(scales.begin(), scales.begin() + 2);
  return emitInterpolate(ctx, m, scales, {});
}

ConvertStatus convertPad(ConvertContext& ctx) {
  std::vector<int64_t> pads = ctx.attrs().getInts("pads");
  if (ctx.opset() >= 11 && !ctx.constantInts(1, pads))
    return ctx.unconverted("Pad amounts computed at run time");
  double value = ctx.attrs().getFloat("value", 0.0);
  if (ctx.opset() >= 11 && ctx.hasInput(2) && !ctx.constantScalar(2, value))
    return ctx.unconverted("Pad value computed at run time");
  int64_t rank = ctx.inputRank(0);
  if (rank < 0) return ctx.unconverted("Pad needs the input rank");
  std::vector<int64_t> axes;
  if (ctx.hasInput(3) && !ctx.constantInts(3, axes))
    return ctx.unconverted("Pad axes computed at run time");
  if (!axes.empty()) {  // opset 18: pads only for the listed axes
    std::vector<int64_t> full(2 * static_cast<size_t>(rank), 0);
    for (size_t k = 0; k < axes.size(); ++k) {
      auto a = static_cast<size_t>(normAxis(axes[k], rank));
      full[a] = pads[k];
      full[a + static_cast<size_t>(rank)] = pads[k + axes.size()];
    }
    pads = full;
  }
  if (pads.size() != 2 * static_cast<size_t>(rank))
    return ctx.unconverted("Pad amounts do not match the rank");
  const std::string mode = ctx.attrs().getString("mode", "constant");
  std::string msMode = mode == "constant"  ? "constant"
                       : mode == "reflect" ? "reflect"
                       : mode == "edge"    ? "replicate"
                       : mode == "wrap"    ? "circular"
                                           : "";
  if (msMode.empty()) return ctx.unconverted("Pad mode '" + mode + "'");
  // torch-style list, last dim first; leading dims without padding are left out (reflect and
  // replicate only pad trailing dims in MindSpore).
  std::vector<int64_t> torchPad = onnxPadsToTorchPad(pads, static_cast<size_t>(rank));
  while (torchPad.size() > 2 && torchPad[torchPad.size() - 1] == 0 &&
         torchPad[torchPad.size() - 2] == 0)
    torchPad.resize(torchPad.size() - 2);
  NodeRef n = emitUnary(ctx, ctx.pick("mindspore.ops.pad", "mindspore.mint.nn.functional.pad"),
                        {ctx.input(0)});
  n->callArgs.set(ctx.mint() ? "pad" : "padding", torchPad);
  n->callArgs.set("mode", msMode);
  if (msMode == "constant") n->callArgs.set("value", value);
  return kConverted;
}

ConvertStatus convertDepthToSpace(ConvertContext& ctx) {
  const int64_t block = ctx.attrs().getInt("blocksize", 0);
  if (ctx.attrs().getString("mode", "DCR") == "CRD") {
    // CRD is PyTorch's pixel_shuffle.
    emitUnary(ctx,
              ctx.pick("mindspore.ops.pixel_shuffle", "mindspore.mint.nn.functional.pixel_shuffle"),
              {ctx.input(0)})
        ->callArgs.set("upscale_factor", block);
    return kConverted;
  }
  // DCR is TensorFlow's depth_to_space, which MindSpore's DepthToSpace primitive implements.
  emitUnary(ctx, "mindspore.ops.DepthToSpace", {ctx.input(0)})->attrs.set("block_size", block);
  return kConverted;
}

ConvertStatus convertSpaceToDepth(ConvertContext& ctx) {
  emitUnary(ctx, "mindspore.ops.SpaceToDepth", {ctx.input(0)})
      ->attrs.set("block_size", ctx.attrs().getInt("blocksize", 0));
  return kConverted;
}

ConvertStatus convertGridSample(ConvertContext& ctx) {
  std::string mode = ctx.attrs().getString("mode", ctx.opset() >= 20 ? "linear" : "bilinear");
  if (mode == "linear") mode = "bilinear";
  if (mode == "cubic") mode = "bicubic";
  NodeRef n = emitUnary(
      ctx, ctx.pick("mindspore.ops.grid_sample", "mindspore.mint.nn.functional.grid_sample"),
      {ctx.input(0), ctx.input(1)});
  n->callArgs.set("mode", mode);
  n->callArgs.set("padding_mode", ctx.attrs().getString("padding_mode", "zeros"));
  n->callArgs.set("align_corners", ctx.attrs().getInt("align_corners", 0) != 0);
  return kConverted;
}

MB_CONVERTER("Resize", 10, convertResize);
MB_CONVERTER("Upsample", 7, convertUpsample);
MB_CONVERTER("Pad", 1, convertPad);
MB_CONVERTER("DepthToSpace", 1, convertDepthToSpace);
MB_CONVERTER("SpaceToDepth", 1, convertSpaceToDepth);
MB_CONVERTER("GridSample", 16, convertGridSample);

}  // namespace
}  // namespace mb::convert::ops
