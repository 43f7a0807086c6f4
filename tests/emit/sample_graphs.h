// Hand-built converted graphs used by the emitter and report tests until (and besides) the
// converter's own output: a small ResNet (repeated blocks, downsample, Sequential layers), with an
// unconverted operator and constants on request.
#pragma once

#include "ms_graph_builder.h"

namespace mbtest {

struct SampleOptions {
  bool unconverted = false;  // add an onnx::GridSample the converter "could not" convert
  bool constants = false;    // add a large float constant and a reshape target
  bool hole = false;         // classifier.0 missing (Dropout removed by the export)
};

inline mb::AttributeList attrs(std::initializer_list<std::pair<const char*, mb::Attribute>> items) {
  mb::AttributeList list;
  for (const auto& [k, v] : items) list.set(k, v);
  return list;
}

inline mb::Graph sampleResNet(const std::string& api, SampleOptions options = {}) {
  const bool mint = api == "mint";
  MsGraphBuilder b(api, "resnet_tiny");
  const std::string convOp = mint ? "mindspore.mint.nn.Conv2d" : "mindspore.nn.Conv2d";
  const std::string bnOp = mint ? "mindspore.mint.nn.BatchNorm2d" : "mindspore.nn.BatchNorm2d";
  const std::string relu = mint ? "mindspore.mint.nn.functional.relu" : "mindspore.ops.relu";
  const std::string add = mint ? "mindspore.mint.add" : "mindspore.ops.add";
  auto conv = [&](const std::string& path, int64_t in, int64_t out, int64_t k, int64_t stride,
                  mb::ValueId x) {
    mb::AttributeList a;
    a.set("in_channels", in);
    a.set("out_channels", out);
    a.set("kernel_size", std::vector<int64_t>{k, k});
    a.set("stride", std::vector<int64_t>{stride, stride});
    const int64_t p = k / 2;
    if (mint) {
      a.set("padding", std::vector<int64_t>{p, p});
      a.set("bias", false);
    } else {
      a.set("pad_mode", std::string("pad"));
      a.set("padding", std::vector<int64_t>{p, p, p, p});
    }
    return b.cell(convOp, path, a, {x}, {{"weight", {out, in, k, k}}})[0];
  };
  auto bn = [&](const std::string& path, int64_t c, mb::ValueId x) {
    mb::AttributeList a;
    a.set("num_features", c);
    if (mint)
      return b.cell(bnOp, path, a, {x},
                    {{"weight", {c}},
                     {"bias", {c}},
                     {"running_mean", {c}},
                     {"running_var", {c}},
                     {"num_batches_tracked", {}}})[0];
    a.set("momentum", 0.9);
    return b.cell(
        bnOp, path, a, {x},
        {{"gamma", {c}}, {"beta", {c}}, {"moving_mean", {c}}, {"moving_variance", {c}}})[0];
  };
  auto block = [&](const std::string& p, int64_t in, int64_t out, int64_t stride, mb::ValueId x) {
    mb::ValueId y = conv(p + ".conv1", in, out, 3, stride, x);
    y = bn(p + ".bn1", out, y);
    y = b.fn(relu, p, {y})[0];
    y = conv(p + ".conv2", out, out, 3, 1, y);
    y = bn(p + ".bn2", out, y);
    mb::ValueId identity = x;
    if (stride != 1 || in != out) {
      identity = conv(p + ".downsample.0", in, out, 1, stride, x);
      identity = bn(p + ".downsample.1", out, identity);
    }
    y = b.fn(add, p, {y, identity})[0];
    return b.fn(relu, p, {y})[0];
  };
  mb::ValueId x = b.input("input.1", {1, 3, 32, 32});
  mb::ValueId y = conv("conv1", 3, 8, 7, 2, x);
  y = bn("bn1", 8, y);
  y = b.fn(relu, "", {y})[0];
  y = block("layer1.0", 8, 8, 1, y);
  y = block("layer1.1", 8, 8, 1, y);
  y = block("layer2.0", 8, 16, 2, y);
  y = block("layer2.1", 16, 16, 1, y);
  y = block("layer3.0", 16, 32, 2, y);
  y = block("layer3.1", 32, 32, 1, y);
  if (options.unconverted) {
    mb::AttributeList a;
    a.set("mode", std::string("bilinear"));
    a.set("align_corners", int64_t{0});
    y = b.unconverted("GridSample", "", "/GridSample", {y, y}, a)[0];
  }
  if (options.constants) {
    mb::ValueId scale =
        b.constant("onnx::Mul_99", mb::Tensor::zeros(mb::DType::Float32, {1, 32, 1, 1}));
    y = b.fn(mint ? "mindspore.mint.mul" : "mindspore.ops.mul", "", {y, scale})[0];
  }
  mb::AttributeList meanArgs;
  meanArgs.set(mint ? "dim" : "axis", std::vector<int64_t>{2, 3});
  meanArgs.set(mint ? "keepdim" : "keep_dims", true);
  y = b.fn(mint ? "mindspore.mint.mean" : "mindspore.ops.mean", "", {y}, meanArgs)[0];
  if (options.constants) {
    mb::ValueId shape = b.constant("onnx::Reshape_5",
                                   mb::Tensor::fromVector<int64_t>(mb::DType::Int64, {2}, {1, -1}));
    y = b.fn(mint ? "mindspore.mint.reshape" : "mindspore.ops.reshape", "", {y, shape})[0];
  } else {
    y = b.fn(mint ? "mindspore.mint.flatten" : "mindspore.ops.flatten", "", {y})[0];
  }
  const std::string fcPath = options.hole ? "classifier.1" : "fc";
  mb::AttributeList fc;
  fc.set(mint ? "in_features" : "in_channels", int64_t{32});
  fc.set(mint ? "out_features" : "out_channels", int64_t{10});
  y = b.cell(mint ? "mindspore.mint.nn.Linear" : "mindspore.nn.Dense", fcPath, fc, {y},
             {{"weight", {10, 32}}, {"bias", {10}}})[0];
  b.output(y);
  return b.graph;
}

}  // namespace mbtest
