// Resampling and rearrangement APIs as MindSpore documents them.
// ops.interpolate / mint.nn.functional.interpolate(input, size=None, scale_factor=None,
// mode='nearest', align_corners=None, recompute_scale_factor=None) follow torch: output
// floor(in·scale) unless size is given; the coordinate map uses the given scale_factor (unless
// recompute_scale_factor) else in/out; 'nearest' = floor(dst·in/out), 'nearest-exact' =
// floor((dst + 0.5)·in/out); linear modes use half-pixel centres (align_corners=False) or corners.
// ops.ResizeNearestNeighbor(size, align_corners=False) is TF's nearest. DepthToSpace /
// SpaceToDepth (block_size) use TF's DCR layout; pixel_shuffle torch's CRD layout.
#include <cmath>

#include "exec/mindspore/ms_common.h"
#include "exec/primitives/grid_sample.h"
#include "exec/primitives/layout.h"
#include "exec/primitives/resize.h"

namespace mb::exec::ms {
namespace {

Status interpolateFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx, {}, {"size", "scale_factor", "mode", "align_corners", "recompute_scale_factor"}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() < 3)
    return ctx.fail(ErrorCode::ShapeMismatch, "interpolate needs an (N, C, spatial…) input");
  const size_t spatial = static_cast<size_t>(x.rank()) - 2;
  MB_MS_TRY_ASSIGN(std::string mode, argString(ctx, ArgSource::Call, "mode", "nearest"));
  MB_MS_TRY_ASSIGN(bool recompute, argBool(ctx, ArgSource::Call, "recompute_scale_factor", false));
  const Attribute* alignArg = argFind(ctx, ArgSource::Call, "align_corners");
  if (alignArg && !alignArg->is<bool>())
    return ctx.fail(ErrorCode::InvalidModel, "align_corners must be None or a bool");
  const bool align = alignArg && alignArg->as<bool>();
  const Attribute* sizeArg = argFind(ctx, ArgSource::Call, "size");
  const Attribute* scaleArg = argFind(ctx, ArgSource::Call, "scale_factor");
  if (ctx.hasInput(1) == false && (sizeArg == nullptr) == (scaleArg == nullptr))
    return ctx.fail(ErrorCode::InvalidModel,
                    "interpolate needs exactly one of size and scale_factor");

  std::vector<int64_t> outSpatial(spatial);
  std::vector<double> scales(spatial);
  const std::vector<int64_t> in(x.dims().begin() + 2, x.dims().end());
  if (ctx.hasInput(1) || sizeArg) {
    std::vector<int64_t> size;
    if (ctx.hasInput(1)) {
      size = ctx.input(1).toInt64Vector();
    } else {
      MB_MS_TRY_ASSIGN(size, argInts(ctx, ArgSource::Call, "size", {}, {spatial}, spatial));
    }
    if (size.size() != spatial)
      return ctx.fail(ErrorCode::InvalidModel, "size needs one value per spatial dim");
    for (size_t i = 0; i < spatial; ++i) {
      if (size[i] <= 0) return ctx.fail(ErrorCode::InvalidModel, "size must be positive");
      outSpatial[i] = size[i];
      scales[i] = static_cast<double>(size[i]) / static_cast<double>(in[i]);
    }
  } else {
    std::vector<double> factors;
    if (scaleArg->is<double>())
      factors.assign(spatial, scaleArg->as<double>());
    else if (scaleArg->is<int64_t>())
      factors.assign(spatial, static_cast<double>(scaleArg->as<int64_t>()));
    else if (scaleArg->is<std::vector<double>>())
      factors = scaleArg->as<std::vector<double>>();
    else if (scaleArg->is<std::vector<int64_t>>())
      for (int64_t v : scaleArg->as<std::vector<int64_t>>())
        factors.push_back(static_cast<double>(v));
    if (factors.size() != spatial)
      return ctx.fail(ErrorCode::InvalidModel, "scale_factor needs one value per spatial dim");
    for (size_t i = 0; i < spatial; ++i) {
      if (factors[i] <= 0)
        return ctx.fail(ErrorCode::InvalidModel, "scale_factor must be positive");
      outSpatial[i] = static_cast<int64_t>(std::floor(static_cast<double>(in[i]) * factors[i]));
      scales[i] =
          recompute ? static_cast<double>(outSpatial[i]) / static_cast<double>(in[i]) : factors[i];
    }
  }

  nn::ResizeParams p;
  p.outputDims = {x.dims()[0], x.dims()[1]};
  p.outputDims.insert(p.outputDims.end(), outSpatial.begin(), outSpatial.end());
  p.scales = {1.0, 1.0};
  p.scales.insert(p.scales.end(), scales.begin(), scales.end());
  const bool linearMode =
      mode == "linear" || mode == "bilinear" || mode == "trilinear" || mode == "bicubic";
  if (!linearMode && alignArg)
    return ctx.fail(ErrorCode::InvalidModel,
                    "align_corners only applies to linear / bicubic modes (MindSpore raises)");
  const size_t wantSpatial = mode == "linear"                          ? 1
                             : mode == "bilinear" || mode == "bicubic" ? 2
                             : mode == "trilinear"                     ? 3
                                                                       : spatial;
  if (wantSpatial != spatial)
    return ctx.fail(ErrorCode::InvalidModel,
                    "mode '" + mode + "' needs " + std::to_string(wantSpatial + 2) + "-D input");
  if (mode == "nearest") {
    p.mode = nn::ResizeMode::Nearest;
    p.transform = nn::CoordinateTransform::Asymmetric;
    p.rounding = nn::NearestRounding::Floor;
  } else if (mode == "nearest-exact") {
    p.mode = nn::ResizeMode::Nearest;
    p.transform = nn::CoordinateTransform::HalfPixel;
    p.rounding = nn::NearestRounding::RoundPreferCeil;
  } else if (linearMode) {
    p.mode = mode == "bicubic" ? nn::ResizeMode::Cubic : nn::ResizeMode::Linear;
    p.transform =
        align ? nn::CoordinateTransform::AlignCorners : nn::CoordinateTransform::PytorchHalfPixel;
    p.cubicA = -0.75;
  } else {
    return ctx.fail(ErrorCode::UnsupportedOp,
                    "interpolate mode '" + mode + "' is not supported by the executor");
  }
  return setOutput(ctx, nn::resize(x, p, ctx.pool));
}

// ops.ResizeNearestNeighbor(size, align_corners=False): TF nearest, floor(dst·in/out) or, with
// align_corners, round(dst·(in−1)/(out−1)).
Status resizeNearestNeighbor(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"size", "align_corners", "half_pixel_centers"}, {}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() != 4)
    return ctx.fail(ErrorCode::ShapeMismatch, "ResizeNearestNeighbor needs a 4-D input");
  MB_MS_TRY_ASSIGN(std::vector<int64_t> size, argInts(ctx, ArgSource::Ctor, "size", {}, {2}, 2));
  MB_MS_TRY_ASSIGN(bool align, argBool(ctx, ArgSource::Ctor, "align_corners", false));
  MB_MS_TRY_ASSIGN(bool halfPixel, argBool(ctx, ArgSource::Ctor, "half_pixel_centers", false));
  if (size.size() != 2 || size[0] <= 0 || size[1] <= 0)
    return ctx.fail(ErrorCode::InvalidModel, "size needs (h, w) > 0");
  nn::ResizeParams p;
  p.outputDims = {x.dims()[0], x.dims()[1], size[0], size[1]};
  p.scales = {1.0, 1.0, static_cast<double>(size[0]) / static_cast<double>(x.dims()[2]),
              static_cast<double>(size[1]) / static_cast<double>(x.dims()[3])};
  p.mode = nn::ResizeMode::Nearest;
  if (align) {
    p.transform = nn::CoordinateTransform::AlignCorners;
    p.rounding = nn::NearestRounding::RoundPreferCeil;
  } else if (halfPixel) {
    p.transform = nn::CoordinateTransform::TfHalfPixelForNn;
    p.rounding = nn::NearestRounding::Floor;
  } else {
    p.transform = nn::CoordinateTransform::Asymmetric;
    p.rounding = nn::NearestRounding::Floor;
  }
  return setOutput(ctx, nn::resize(x, p, ctx.pool));
}

// reshape → transpose → reshape, the three moves of every depth/space rearrangement.
Expected<Tensor> rearrange(const Tensor& x, std::vector<int64_t> split, std::vector<int64_t> perm,
                           std::vector<int64_t> result) {
  auto t = prim::transpose(x.reshaped(std::move(split)), perm);
  if (!t) return t.error();
  return t->reshaped(std::move(result));
}

Status depthToSpace(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"block_size"}, {}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(int64_t b, argInt(ctx, ArgSource::Ctor, "block_size", 0));
  if (x.rank() != 4 || b < 2 || x.dims()[1] % (b * b))
    return ctx.fail(
        ErrorCode::InvalidModel,
        "DepthToSpace needs a 4-D input whose channels divide by block_size² (block_size ≥ 2)");
  const int64_t n = x.dims()[0], c = x.dims()[1], h = x.dims()[2], w = x.dims()[3];
  return setOutput(ctx, rearrange(x, {n, b, b, c / (b * b), h, w}, {0, 3, 4, 1, 5, 2},
                                  {n, c / (b * b), h * b, w * b}));
}
Status spaceToDepth(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"block_size"}, {}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(int64_t b, argInt(ctx, ArgSource::Ctor, "block_size", 0));
  if (x.rank() != 4 || b < 2 || x.dims()[2] % b || x.dims()[3] % b)
    return ctx.fail(
        ErrorCode::InvalidModel,
        "SpaceToDepth needs a 4-D input whose height and width divide by block_size (≥ 2)");
  const int64_t n = x.dims()[0], c = x.dims()[1], h = x.dims()[2], w = x.dims()[3];
  return setOutput(ctx, rearrange(x, {n, c, h / b, b, w / b, b}, {0, 3, 5, 1, 2, 4},
                                  {n, c * b * b, h / b, w / b}));
}
Status pixelShuffle(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"upscale_factor"}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(int64_t r, argInt(ctx, ArgSource::Call, "upscale_factor", 0));
  if (x.rank() != 4 || r < 1 || x.dims()[1] % (r * r))
    return ctx.fail(ErrorCode::InvalidModel,
                    "pixel_shuffle needs a 4-D input whose channels divide by upscale_factor²");
  const int64_t n = x.dims()[0], c = x.dims()[1], h = x.dims()[2], w = x.dims()[3];
  return setOutput(ctx, rearrange(x, {n, c / (r * r), r, r, h, w}, {0, 1, 4, 2, 5, 3},
                                  {n, c / (r * r), h * r, w * r}));
}

// ops.grid_sample / mint.nn.functional.grid_sample(input, grid, mode='bilinear',
// padding_mode='zeros', align_corners=None): torch semantics, align_corners None = False. Grid
// (x, y) in [-1, 1]; 'zeros' samples 0 outside, 'border' clamps, 'reflection' mirrors. This
// executor runs the 4-D form ([N, C, H, W] with grid [N, Ho, Wo, 2]).
Status gridSampleFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"mode", "padding_mode", "align_corners"}));
  MB_TRY(needInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& grid = ctx.input(1);
  if (x.rank() != 4 || grid.rank() != 4 || grid.dims()[3] != 2)
    return ctx.fail(ErrorCode::UnsupportedOp,
                    "grid_sample runs on a 4-D input and an [N, Ho, Wo, 2] grid here, got " +
                        dimsToString(x.dims()) + " and " + dimsToString(grid.dims()));
  MB_MS_TRY_ASSIGN(std::string mode, argString(ctx, ArgSource::Call, "mode", "bilinear"));
  MB_MS_TRY_ASSIGN(std::string padding, argString(ctx, ArgSource::Call, "padding_mode", "zeros"));
  const Attribute* alignArg = argFind(ctx, ArgSource::Call, "align_corners");
  if (alignArg && !alignArg->is<bool>())
    return ctx.fail(ErrorCode::InvalidModel, "align_corners must be None or a bool");
  const bool align = alignArg && alignArg->as<bool>();
  const auto m = nn::parseGridSampleMode(mode, false);
  if (!m)
    return ctx.fail(ErrorCode::InvalidModel,
                    "mode must be 'bilinear', 'nearest' or 'bicubic', got '" + mode + "'");
  const auto p = nn::parseGridPadding(padding);
  if (!p)
    return ctx.fail(
        ErrorCode::InvalidModel,
        "padding_mode must be 'zeros', 'border' or 'reflection', got '" + padding + "'");
  return setOutput(ctx, nn::gridSample(x, grid, *m, *p, align));
}

}  // namespace

MB_MINDSPORE_KERNEL("mindspore.ops.grid_sample", gridSampleFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.grid_sample", gridSampleFn);
MB_MINDSPORE_KERNEL("mindspore.ops.interpolate", interpolateFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.interpolate", interpolateFn);
MB_MINDSPORE_KERNEL("mindspore.ops.ResizeNearestNeighbor", resizeNearestNeighbor);
MB_MINDSPORE_KERNEL("mindspore.ops.DepthToSpace", depthToSpace);
MB_MINDSPORE_KERNEL("mindspore.ops.SpaceToDepth", spaceToDepth);
MB_MINDSPORE_KERNEL("mindspore.ops.pixel_shuffle", pixelShuffle);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.pixel_shuffle", pixelShuffle);

}  // namespace mb::exec::ms
