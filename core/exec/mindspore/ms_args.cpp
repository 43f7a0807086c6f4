#include "exec/mindspore/ms_args.h"

#include <algorithm>
#include <cctype>

namespace mb::exec::ms {
namespace {

const AttributeList& listOf(const KernelContext& ctx, ArgSource src) {
  return src == ArgSource::Ctor ? ctx.node.attrs : ctx.node.callArgs;
}

std::string describe(ArgSource src) {
  return src == ArgSource::Ctor ? "constructor argument" : "call argument";
}

Error wrongType(const KernelContext& ctx, ArgSource src, const std::string& name, const char* want,
                const Attribute& got) {
  return ctx.fail(ErrorCode::InvalidModel,
                  describe(src) + " '" + name + "' must be " + want + ", got " + got.toString());
}

}  // namespace

Status checkArgNames(const KernelContext& ctx, std::initializer_list<std::string_view> ctorArgs,
                     std::initializer_list<std::string_view> callArgs) {
  auto check = [&](const AttributeList& list, std::initializer_list<std::string_view> allowed,
                   ArgSource src) -> Status {
    for (const auto& item : list.items())
      if (std::find(allowed.begin(), allowed.end(), item.name) == allowed.end()) {
        std::string known;
        for (auto a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
        return ctx.fail(ErrorCode::InvalidModel,
                        ctx.node.opType + " has no " + describe(src) + " '" + item.name +
                            "' (MindSpore 2.7 accepts: " + (known.empty() ? "none" : known) + ")");
      }
    return Status::ok();
  };
  MB_TRY(check(ctx.node.attrs, ctorArgs, ArgSource::Ctor));
  return check(ctx.node.callArgs, callArgs, ArgSource::Call);
}

const Attribute* argFind(const KernelContext& ctx, ArgSource src, const std::string& name) {
  const Attribute* a = listOf(ctx, src).find(name);
  return a && !a->isNone() ? a : nullptr;
}

bool argGiven(const KernelContext& ctx, ArgSource src, const std::string& name) {
  return argFind(ctx, src, name) != nullptr;
}

Expected<int64_t> argInt(const KernelContext& ctx, ArgSource src, const std::string& name,
                         int64_t def) {
  const Attribute* a = argFind(ctx, src, name);
  if (!a) return def;
  if (a->is<int64_t>()) return a->as<int64_t>();
  if (a->is<std::vector<int64_t>>() && a->as<std::vector<int64_t>>().size() == 1)
    return a->as<std::vector<int64_t>>()[0];
  return wrongType(ctx, src, name, "an int", *a);
}

Expected<double> argFloat(const KernelContext& ctx, ArgSource src, const std::string& name,
                          double def) {
  const Attribute* a = argFind(ctx, src, name);
  if (!a) return def;
  if (a->is<double>()) return a->as<double>();
  if (a->is<int64_t>()) return static_cast<double>(a->as<int64_t>());
  return wrongType(ctx, src, name, "a float", *a);
}

Expected<bool> argBool(const KernelContext& ctx, ArgSource src, const std::string& name, bool def) {
  const Attribute* a = argFind(ctx, src, name);
  if (!a) return def;
  if (a->is<bool>()) return a->as<bool>();
  return wrongType(ctx, src, name, "a bool", *a);
}

Expected<std::string> argString(const KernelContext& ctx, ArgSource src, const std::string& name,
                                const std::string& def) {
  const Attribute* a = argFind(ctx, src, name);
  if (!a) return def;
  if (a->is<std::string>()) return a->as<std::string>();
  return wrongType(ctx, src, name, "a string", *a);
}

Expected<std::vector<int64_t>> argInts(const KernelContext& ctx, ArgSource src,
                                       const std::string& name, std::vector<int64_t> def,
                                       std::initializer_list<size_t> lengths, size_t broadcastTo) {
  const Attribute* a = argFind(ctx, src, name);
  if (!a) return def;
  if (a->is<int64_t>()) return std::vector<int64_t>(broadcastTo, a->as<int64_t>());
  if (a->is<std::vector<int64_t>>()) {
    const auto& v = a->as<std::vector<int64_t>>();
    if (std::find(lengths.begin(), lengths.end(), v.size()) != lengths.end()) return v;
    std::string want;
    for (size_t n : lengths) want += (want.empty() ? "" : " or ") + std::to_string(n);
    return ctx.fail(ErrorCode::InvalidModel, describe(src) + " '" + name +
                                                 "' must be an int or a tuple of " + want +
                                                 " ints, got " + a->toString());
  }
  return wrongType(ctx, src, name, "an int or a tuple of ints", *a);
}

const Tensor* param(const KernelContext& ctx, const std::string& name) {
  for (size_t i = 0; i < ctx.node.params.size() && i < ctx.params.size(); ++i)
    if (ctx.node.params[i].name == name) return ctx.params[i];
  return nullptr;
}

Expected<const Tensor*> requireParam(const KernelContext& ctx, const std::string& name) {
  if (const Tensor* t = param(ctx, name)) return t;
  return ctx.fail(ErrorCode::InvalidModel, ctx.node.opType + " needs its Parameter '" + name + "'");
}

std::vector<int64_t> windowOutputDims(const std::vector<int64_t>& in, const Window& w) {
  std::vector<int64_t> out(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const int64_t span =
        in[i] + w.padBegin[i] + w.padEnd[i] - w.dilation[i] * (w.kernel[i] - 1) - 1;
    if (span < 0) {
      out[i] = 0;
      continue;
    }
    int64_t n = (w.ceilMode ? (span + w.stride[i] - 1) / w.stride[i] : span / w.stride[i]) + 1;
    if (w.ceilMode && (n - 1) * w.stride[i] >= in[i] + w.padBegin[i]) --n;
    out[i] = n;
  }
  return out;
}

void padSame(const std::vector<int64_t>& in, Window& w) {
  w.padBegin.assign(in.size(), 0);
  w.padEnd.assign(in.size(), 0);
  for (size_t i = 0; i < in.size(); ++i) {
    const int64_t out = (in[i] + w.stride[i] - 1) / w.stride[i];
    const int64_t total = std::max<int64_t>(
        0, (out - 1) * w.stride[i] + w.dilation[i] * (w.kernel[i] - 1) + 1 - in[i]);
    w.padBegin[i] = total / 2;
    w.padEnd[i] = total - total / 2;
  }
}

Status padFromConvPadding(const std::vector<int64_t>& padding, size_t spatial, Window& w) {
  w.padBegin.assign(spatial, 0);
  w.padEnd.assign(spatial, 0);
  if (padding.size() == 1) {
    std::fill(w.padBegin.begin(), w.padBegin.end(), padding[0]);
    std::fill(w.padEnd.begin(), w.padEnd.end(), padding[0]);
  } else if (padding.size() == 2 * spatial) {
    for (size_t i = 0; i < spatial; ++i) {
      w.padBegin[i] = padding[2 * i];
      w.padEnd[i] = padding[2 * i + 1];
    }
  } else {
    return makeError(ErrorCode::InvalidModel,
                     "padding needs 1 or " + std::to_string(2 * spatial) + " values");
  }
  for (size_t i = 0; i < spatial; ++i)
    if (w.padBegin[i] < 0 || w.padEnd[i] < 0)
      return makeError(ErrorCode::InvalidModel, "padding must be >= 0");
  return Status::ok();
}

Status padFromPoolPadding(const std::vector<int64_t>& padding, size_t spatial, Window& w) {
  w.padBegin.assign(spatial, 0);
  w.padEnd.assign(spatial, 0);
  if (padding.size() != 1 && padding.size() != spatial)
    return makeError(ErrorCode::InvalidModel,
                     "padding needs 1 or " + std::to_string(spatial) + " values");
  for (size_t i = 0; i < spatial; ++i) {
    const int64_t p = padding.size() == 1 ? padding[0] : padding[i];
    if (p < 0) return makeError(ErrorCode::InvalidModel, "padding must be >= 0");
    w.padBegin[i] = w.padEnd[i] = p;
  }
  return Status::ok();
}

std::optional<DType> parseMindSporeDType(const std::string& text) {
  std::string t = text;
  for (const char* prefix : {"mindspore.", "mstype.", "ms."})
    if (t.rfind(prefix, 0) == 0) t = t.substr(std::string(prefix).size());
  if (auto d = dtypeFromMindsporeName(t)) return d;
  std::string lower = t;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (lower == "bool_") lower = "bool";
  if (lower == "float") lower = "float32";
  if (lower == "half") lower = "float16";
  if (lower == "double") lower = "float64";
  if (lower == "int") lower = "int32";
  if (lower == "long") lower = "int64";
  return dtypeFromName(lower);
}

Expected<int64_t> normalizeAxis(const KernelContext& ctx, int64_t axis, int64_t rank) {
  const int64_t r = std::max<int64_t>(rank, 1);
  if (axis < -r || axis >= r)
    return ctx.fail(
        ErrorCode::InvalidModel,
        "axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
  return axis < 0 ? axis + r : axis;
}

std::vector<int64_t> spatialDims(const Tensor& x, size_t spatial) {
  return std::vector<int64_t>(x.dims().end() - static_cast<long>(spatial), x.dims().end());
}

Status needSpatialRank(const KernelContext& ctx, const Tensor& x, size_t spatial) {
  if (x.rank() != static_cast<int64_t>(spatial) + 2)
    return ctx.fail(ErrorCode::ShapeMismatch, ctx.node.opType + " expects a rank-" +
                                                  std::to_string(spatial + 2) + " input, got " +
                                                  dimsToString(x.dims()));
  return Status::ok();
}

Status readWindow(const KernelContext& ctx, size_t spatial, std::vector<int64_t> kernelDefault,
                  Window& w) {
  const std::vector<int64_t> ones(spatial, 1);
  auto kernel =
      argInts(ctx, ArgSource::Ctor, "kernel_size", std::move(kernelDefault), {spatial}, spatial);
  if (!kernel) return kernel.error();
  auto stride = argInts(ctx, ArgSource::Ctor, "stride", ones, {spatial}, spatial);
  if (!stride) return stride.error();
  auto dilation = argInts(ctx, ArgSource::Ctor, "dilation", ones, {spatial}, spatial);
  if (!dilation) return dilation.error();
  w.kernel = std::move(*kernel);
  w.stride = std::move(*stride);
  w.dilation = std::move(*dilation);
  if (w.kernel.size() != spatial)
    return ctx.fail(ErrorCode::InvalidModel, "kernel_size is required");
  return Status::ok();
}

Status checkConvChannels(const KernelContext& ctx, const Tensor& x, int64_t inC, int64_t outC,
                         int64_t group, const char* groupName) {
  if (inC <= 0 || outC <= 0 || group <= 0 || inC % group || outC % group)
    return ctx.fail(
        ErrorCode::InvalidModel,
        std::string("in_channels / out_channels must be positive multiples of ") + groupName);
  if (x.dims()[1] != inC)
    return ctx.fail(ErrorCode::ShapeMismatch, "input has " + std::to_string(x.dims()[1]) +
                                                  " channels, in_channels is " +
                                                  std::to_string(inC));
  return Status::ok();
}

}  // namespace mb::exec::ms
