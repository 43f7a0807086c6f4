#include "weights/restore_bn.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace mb::weights {
namespace {

bool endsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// BatchNorm module paths that could follow the Conv at `conv` in a torch model.
std::vector<std::string> batchNormCandidates(const std::string& conv) {
  const size_t dot = conv.rfind('.');
  const std::string parent = dot == std::string::npos ? "" : conv.substr(0, dot + 1);
  const std::string last = dot == std::string::npos ? conv : conv.substr(dot + 1);
  std::vector<std::string> out;
  if (size_t at = last.find("conv"); at != std::string::npos) {
    std::string bn = last;
    bn.replace(at, 4, "bn");
    out.push_back(parent + bn);
  }
  if (!last.empty() &&
      std::all_of(last.begin(), last.end(), [](char c) { return std::isdigit(c); }))
    out.push_back(parent + std::to_string(std::stoll(last) + 1));
  return out;
}

ValueId addParamValue(Graph& g, const std::string& key, const Tensor& data) {
  Value v;
  v.name = key;
  v.dtype = data.dtype();
  for (int64_t d : data.dims()) v.shape.dims.push_back(Dim::known(d));
  v.initializer = data;
  return g.addValue(std::move(v));
}

}  // namespace

Expected<std::vector<RestoredBatchNorm>> restoreBatchNorm(Graph& g, const SourceTensors& stateDict,
                                                          double eps, double torchMomentum) {
  if (g.dialect != Dialect::MindSpore)
    return makeError(ErrorCode::InvalidArgument, "BatchNorm restoration needs a converted graph",
                     "restoreBatchNorm");
  std::map<std::string, const Tensor*> sd;
  for (const auto& [key, tensor] : stateDict) sd[key] = &tensor;
  auto find = [&](const std::string& key) -> const Tensor* {
    auto it = sd.find(key);
    return it == sd.end() ? nullptr : it->second;
  };
  const bool mint = g.targetApi == "mint";
  std::vector<RestoredBatchNorm> restored;
  auto consumers = g.consumers();
  const size_t nodeCount = g.nodes.size();
  for (size_t n = 0; n < nodeCount; ++n) {
    Node& conv = g.nodes[n];
    if (!endsWith(conv.opType, ".nn.Conv2d") || conv.outputs.size() != 1) continue;
    const Tensor* weight = find(conv.scope + ".weight");
    if (!weight || weight->rank() != 4) continue;
    // A BatchNorm already after the Conv (train-mode export) needs nothing.
    bool followedByBn = false;
    for (NodeId c : consumers[static_cast<size_t>(conv.outputs[0])])
      followedByBn = followedByBn || g.node(c).opType.find("BatchNorm") != std::string::npos;
    if (followedByBn) continue;
    const int64_t channels = weight->dims()[0];
    std::string bnPath;
    for (const auto& cand : batchNormCandidates(conv.scope)) {
      const Tensor* mean = find(cand + ".running_mean");
      if (mean && mean->numel() == channels && find(cand + ".running_var") &&
          find(cand + ".weight") && find(cand + ".bias")) {
        bnPath = cand;
        break;
      }
    }
    if (bnPath.empty()) continue;
    ParamBinding* weightParam = nullptr;
    for (auto& p : conv.params)
      if (p.name == "weight") weightParam = &p;
    if (!weightParam || g.value(weightParam->value).initializer->dims() != weight->dims())
      return makeError(ErrorCode::InvalidArgument,
                       "the state_dict's " + conv.scope +
                           ".weight has another shape than the "
                           "converted Conv's weight",
                       conv.scope);
    // The unfolded Conv: state_dict weight, bias only if the torch Conv had one.
    g.value(weightParam->value).initializer = *weight;
    const Tensor* convBias = find(conv.scope + ".bias");
    std::erase_if(conv.params, [](const ParamBinding& p) { return p.name == "bias"; });
    if (convBias)
      conv.params.push_back({"bias", addParamValue(g, conv.scope + ".bias", *convBias)});
    conv.attrs.set(mint ? "bias" : "has_bias", convBias != nullptr);
    // The BatchNorm Cell takes the Conv's new output and produces its old one.
    const ValueId folded = conv.outputs[0];
    Value pre = g.value(folded);
    pre.name = g.value(folded).name + "_before_bn";
    pre.sourceValue.clear();
    pre.initializer.reset();
    const ValueId preId = g.addValue(std::move(pre));
    Node& convNow = g.nodes[n];  // addValue does not move nodes, but keep the reference fresh
    convNow.outputs[0] = preId;
    g.value(preId).producer = static_cast<NodeId>(n);
    Node bn;
    bn.dialect = Dialect::MindSpore;
    bn.domain = convNow.domain;
    bn.scope = bnPath;
    bn.name = bnPath.substr(bnPath.rfind('.') == std::string::npos ? 0 : bnPath.rfind('.') + 1);
    bn.sourceNodes = convNow.sourceNodes;
    bn.inputs = {preId};
    bn.outputs = {folded};
    bn.attrs.set("num_features", channels);
    bn.attrs.set("eps", eps);
    bn.attrs.set("momentum", mint ? torchMomentum : 1.0 - torchMomentum);
    const char* names[4][2] = {{"weight", "gamma"},
                               {"bias", "beta"},
                               {"running_mean", "moving_mean"},
                               {"running_var", "moving_variance"}};
    for (auto& [torchName, classicName] : names) {
      const std::string param = mint ? torchName : classicName;
      bn.params.push_back(
          {param, addParamValue(g, bnPath + "." + param, *find(bnPath + "." + torchName))});
    }
    if (mint) {
      const Tensor* tracked = find(bnPath + ".num_batches_tracked");
      bn.params.push_back(
          {"num_batches_tracked", addParamValue(g, bnPath + ".num_batches_tracked",
                                                tracked ? *tracked : Tensor::scalarInt64(0))});
    }
    bn.opType = mint ? "mindspore.mint.nn.BatchNorm2d" : "mindspore.nn.BatchNorm2d";
    const NodeId bnId = g.addNode(std::move(bn));
    g.value(folded).producer = bnId;
    restored.push_back({g.nodes[n].scope, bnPath});
  }
  return restored;
}

}  // namespace mb::weights
