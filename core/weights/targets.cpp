#include "weights/targets.h"

#include <charconv>
#include <map>
#include <set>
#include <sstream>

#include "convert/convert_graph.h"
#include "io/checkpoint_reader.h"
#include "io/mapped_file.h"
#include "io/onnx_importer.h"
#include "weights/restore_bn.h"

namespace mb::weights {
namespace {

std::vector<int64_t> staticDims(const Value& value) {
  if (value.initializer) return value.initializer->dims();
  std::vector<int64_t> dims;
  for (const auto& dim : value.shape.dims) {
    if (!dim.isKnown()) return {};
    dims.push_back(dim.value);
  }
  return dims;
}

std::string renamedLeaf(const std::string& name, const std::string& leaf) {
  auto dot = name.rfind('.');
  return dot == std::string::npos ? leaf : name.substr(0, dot + 1) + leaf;
}

}  // namespace

std::vector<TargetParam> targetsFromGraph(const Graph& converted) {
  std::vector<TargetParam> targets;
  for (const auto& node : converted.nodes)
    for (const auto& param : node.params) {
      if (param.value == kNoValue) continue;
      const Value& value = converted.value(param.value);
      TargetParam target{value.name, staticDims(value), value.dtype, node.opType};
      if (value.initializer) target.dtype = value.initializer->dtype();
      targets.push_back(std::move(target));
    }
  return targets;
}

Expected<std::vector<TargetParam>> targetsFromCheckpoint(const std::string& path) {
  auto ckpt = readCheckpoint(path);
  if (!ckpt) return ckpt.error();
  std::vector<TargetParam> targets;
  for (const auto& entry : ckpt->entries) {
    if (entry.tensor.empty() && entry.tensorType != "Float32") continue;  // strings, map tensors
    targets.push_back({entry.name, entry.tensor.dims(), entry.tensor.dtype(), ""});
  }
  return targets;
}

Expected<std::vector<TargetParam>> parseKeyList(const std::string& text, const std::string& where) {
  std::vector<TargetParam> targets;
  std::set<std::string> seen;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    std::string name;
    if (!(words >> name)) continue;
    const std::string at = where + ":" + std::to_string(number);
    if (!seen.insert(name).second)
      return makeError(ErrorCode::InvalidArgument, "key '" + name + "' listed twice", at);
    TargetParam target{name, std::nullopt, std::nullopt, ""};
    std::string rest, word;
    while (words >> word) rest += word + " ";
    // Shape: everything up to a closing bracket, or the first word.
    std::string shapeText, dtypeText;
    if (!rest.empty() && (rest[0] == '[' || rest[0] == '(')) {
      auto close = rest.find_first_of("])");
      if (close == std::string::npos)
        return makeError(ErrorCode::BadFormat, "unclosed shape bracket", at);
      shapeText = rest.substr(1, close - 1);
      std::istringstream(rest.substr(close + 1)) >> dtypeText;
      target.shape = std::vector<int64_t>{};
    } else if (!rest.empty()) {
      std::istringstream(rest) >> shapeText >> dtypeText;
      target.shape = std::vector<int64_t>{};
    }
    for (char& c : shapeText)
      if (c == ',') c = ' ';
    std::istringstream dims(shapeText);
    std::string dim;
    while (dims >> dim) {
      int64_t value = 0;
      auto [ptr, ec] = std::from_chars(dim.data(), dim.data() + dim.size(), value);
      if (ec != std::errc() || ptr != dim.data() + dim.size() || value < 0)
        return makeError(ErrorCode::BadFormat,
                         "bad dimension '" + dim + "' in the shape of '" + name + "'", at);
      target.shape->push_back(value);
    }
    if (!dtypeText.empty()) {
      auto dtype = dtypeFromMindsporeName(dtypeText);
      if (!dtype) dtype = dtypeFromName(dtypeText);
      if (!dtype)
        return makeError(ErrorCode::BadFormat, "unknown data type '" + dtypeText + "'", at);
      target.dtype = dtype;
    }
    targets.push_back(std::move(target));
  }
  if (targets.empty()) return makeError(ErrorCode::BadFormat, "no keys in the list", where);
  return targets;
}

Expected<std::vector<TargetParam>> targetsFromKeyFile(const std::string& path) {
  auto text = readTextFile(path, 64u << 20);
  if (!text) return text.error();
  return parseKeyList(*text, path);
}

std::vector<TargetParam> targetsFromOnnxGraph(const Graph& graph, const std::string& targetApi) {
  // Consumer op and input slot of each initializer decide its mindspore.nn name.
  static const std::map<std::pair<std::string, size_t>, std::pair<std::string, std::string>>
      classicNames = {
          {{"BatchNormalization", 1}, {"gamma", "mindspore.nn.BatchNorm2d"}},
          {{"BatchNormalization", 2}, {"beta", "mindspore.nn.BatchNorm2d"}},
          {{"BatchNormalization", 3}, {"moving_mean", "mindspore.nn.BatchNorm2d"}},
          {{"BatchNormalization", 4}, {"moving_variance", "mindspore.nn.BatchNorm2d"}},
          {{"LayerNormalization", 1}, {"gamma", "mindspore.nn.LayerNorm"}},
          {{"LayerNormalization", 2}, {"beta", "mindspore.nn.LayerNorm"}},
          {{"GroupNormalization", 1}, {"gamma", "mindspore.nn.GroupNorm"}},
          {{"GroupNormalization", 2}, {"beta", "mindspore.nn.GroupNorm"}},
          {{"Gather", 0}, {"embedding_table", "mindspore.nn.Embedding"}},
          {{"PRelu", 1}, {"w", "mindspore.nn.PReLU"}},
      };
  std::map<ValueId, std::pair<std::string, std::string>> renames;
  std::map<ValueId, std::string> batchCounterAfter;  // running_var → "<bn>.num_batches_tracked"
  for (const auto& node : graph.nodes) {
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      auto found = classicNames.find({node.opType, i});
      if (found != classicNames.end() && node.inputs[i] != kNoValue)
        renames.emplace(node.inputs[i], found->second);
    }
    if (node.opType == "BatchNormalization" && node.inputs.size() > 4 && node.inputs[4] != kNoValue)
      batchCounterAfter[node.inputs[4]] =
          renamedLeaf(graph.value(node.inputs[4]).name, "num_batches_tracked");
  }
  std::vector<TargetParam> targets;
  for (ValueId id = 0; id < static_cast<ValueId>(graph.values.size()); ++id) {
    const Value& value = graph.value(id);
    // torch names its own constants "onnx::Op_123" or "/path/Constant_output_0": not parameters.
    if (!value.initializer || value.name.empty() || value.name.rfind("onnx::", 0) == 0 ||
        value.name[0] == '/')
      continue;
    TargetParam target{value.name, value.initializer->dims(), value.initializer->dtype(), ""};
    auto rename = renames.find(id);
    if (rename != renames.end()) {
      target.module = rename->second.second;
      if (targetApi == "classic") target.name = renamedLeaf(value.name, rename->second.first);
    }
    targets.push_back(std::move(target));
    // mint.nn.BatchNorm2d keeps torch's batch counter as a parameter (ONNX drops it).
    auto counter = batchCounterAfter.find(id);
    if (targetApi == "mint" && counter != batchCounterAfter.end() &&
        !graph.findValue(counter->second))
      targets.push_back(
          {counter->second, std::vector<int64_t>{}, DType::Int64, "mindspore.mint.nn.BatchNorm2d"});
  }
  return targets;
}

Expected<std::vector<TargetParam>> targetsFromOnnx(const std::string& path,
                                                   const std::string& targetApi, std::string* how,
                                                   const SourceTensors* restoreBnFrom) {
  auto imported = importOnnxFile(path);
  if (!imported) return imported.error();
  // The converted graph's Cell parameters are the real targets (what model.py creates).
  convert::ConvertOptions options;
  options.api = targetApi == "mint" ? convert::TargetApi::Mint : convert::TargetApi::Classic;
  auto conversion = convert::convertGraph(imported->graph, options);
  if (conversion && restoreBnFrom) {
    auto restored = restoreBatchNorm(conversion->converted, *restoreBnFrom);
    if (!restored) return restored.error();
    if (restored->empty())
      return makeError(ErrorCode::InvalidArgument,
                       "no Conv of the model has a folded BatchNorm in the state_dict", path);
    if (how) *how = std::to_string(restored->size()) + " BatchNorms restored; ";
  }
  if (conversion) {
    auto targets = targetsFromGraph(conversion->converted);
    if (!targets.empty()) {
      if (how)
        *how = (restoreBnFrom ? *how : "") + "parameters of the converted " + targetApi + " model";
      return targets;
    }
  }
  auto targets = targetsFromOnnxGraph(imported->graph, targetApi);
  if (targets.empty())
    return makeError(
        ErrorCode::InvalidModel,
        "the model has no named parameters; export it with training=TrainingMode.TRAINING and "
        "do_constant_folding=False so initializers keep their state-dict names",
        path);
  if (how) *how = "the model's named initializers (conversion gave no parameters)";
  return targets;
}

}  // namespace mb::weights
