#include "convert/convert_context.h"

#include <algorithm>

#include "convert/api_suggestions.h"
#include "convert/convert_state.h"
#include "convert/module_scope.h"

namespace mb::convert {

std::string ConvertState::uniqueValueName(const std::string& wanted) {
  std::string name = wanted;
  for (int k = 1; usedNames.count(name) || source.findValue(name); ++k)
    name = wanted + "_" + std::to_string(k);
  usedNames.insert(name);
  return name;
}

bool isCellApi(const std::string& api) {
  auto startsWith = [&](const char* prefix) { return api.rfind(prefix, 0) == 0; };
  if (startsWith("mindspore.mint.nn.functional.")) return false;
  return startsWith("mindspore.nn.") || startsWith("mindspore.mint.nn.");
}

ConvertContext::ConvertContext(ConvertState& state, NodeId nodeId, const AttributeList& attrs,
                               int64_t opset)
    : state_(state), nodeId_(nodeId), attrs_(attrs), opset_(opset) {}

const Graph& ConvertContext::source() const {
  return state_.source;
}
const Node& ConvertContext::node() const {
  return state_.source.node(nodeId_);
}
TargetApi ConvertContext::api() const {
  return state_.options.api;
}
const FusedGroup* ConvertContext::group() const {
  return state_.group;
}

bool ConvertContext::hasInput(size_t i) const {
  return i < node().inputs.size() && node().inputs[i] != kNoValue;
}
ValueId ConvertContext::sourceInput(size_t i) const {
  return hasInput(i) ? node().inputs[i] : kNoValue;
}
const Value& ConvertContext::inputValue(size_t i) const {
  return source().value(node().inputs[i]);
}
int64_t ConvertContext::inputRank(size_t i) const {
  if (!hasInput(i)) return -1;
  const Shape& s = inputShape(i);
  return s.rankKnown || !s.dims.empty() ? static_cast<int64_t>(s.rank()) : -1;
}
const Value& ConvertContext::outputValue(size_t i) const {
  return source().value(node().outputs[i]);
}
const Shape& ConvertContext::shapeOf(ValueId v) const {
  return state_.shapes[static_cast<size_t>(v)];
}
const Shape& ConvertContext::inputShape(size_t i) const {
  return shapeOf(node().inputs[i]);
}
const Shape& ConvertContext::outputShape(size_t i) const {
  return shapeOf(node().outputs[i]);
}

bool ConvertContext::outputUsed(size_t i) const {
  if (i >= node().outputs.size() || node().outputs[i] == kNoValue) return false;
  auto id = static_cast<size_t>(node().outputs[i]);
  return !state_.consumers[id].empty() || state_.isGraphOutput[id];
}

const Tensor* ConvertContext::constantOf(ValueId v) const {
  return v == kNoValue ? nullptr : state_.constants[static_cast<size_t>(v)];
}
const Tensor* ConvertContext::constantInput(size_t i) const {
  return constantOf(sourceInput(i));
}

bool ConvertContext::constantInts(size_t i, std::vector<int64_t>& out) const {
  const Tensor* t = constantInput(i);
  if (!t || !isInteger(t->dtype())) return false;
  out = t->toInt64Vector();
  return true;
}

bool ConvertContext::constantScalar(size_t i, double& out) const {
  const Tensor* t = constantInput(i);
  if (!t || t->numel() != 1 || t->dtype() == DType::String) return false;
  out = t->elementAsDouble(0);
  return true;
}

std::vector<std::string> ConvertContext::initializerNames(size_t i) const {
  if (!hasInput(i)) return {};
  return state_.constantSources[static_cast<size_t>(sourceInput(i))];
}

std::vector<std::string> ConvertContext::initializerNamesOf(ValueId v) const {
  return v == kNoValue ? std::vector<std::string>{}
                       : state_.constantSources[static_cast<size_t>(v)];
}

const std::string& ConvertContext::modulePath() const {
  return state_.modulePaths[static_cast<size_t>(nodeId_)];
}

ValueId ConvertContext::map(ValueId src) {
  if (src == kNoValue) return kNoValue;
  auto idx = static_cast<size_t>(src);
  if (state_.valueMap[idx] != kNoValue) return state_.valueMap[idx];
  const Value& sv = source().value(src);
  Value v;
  v.name = sv.name;
  v.dtype = sv.dtype;
  v.shape = state_.shapes[idx];
  v.sourceValue = sv.name;
  if (const Tensor* c = state_.constants[idx]) {
    v.initializer = *c;
    v.dtype = c->dtype();
    v.shape = Shape::ofDims(c->dims());
  }
  state_.usedNames.insert(v.name);
  ValueId id = state_.out.addValue(std::move(v));
  state_.valueMap[idx] = id;
  state_.touchedValues.push_back(src);
  return id;
}

ValueId ConvertContext::input(size_t i) {
  return map(sourceInput(i));
}

ValueId ConvertContext::outputOf(ValueId src) {
  auto idx = static_cast<size_t>(src);
  if (state_.valueMap[idx] != kNoValue) return state_.valueMap[idx];
  const Value& sv = source().value(src);
  Value v;
  v.name = sv.name;
  v.dtype = sv.dtype;
  v.shape = state_.shapes[idx];
  v.sourceValue = sv.name;
  state_.usedNames.insert(v.name);
  ValueId id = state_.out.addValue(std::move(v));
  state_.valueMap[idx] = id;
  state_.touchedValues.push_back(src);
  return id;
}

ValueId ConvertContext::output(size_t i) {
  return outputOf(node().outputs[i]);
}

ValueId ConvertContext::temp(DType dtype, Shape shape, const std::string& hint) {
  Value v;
  v.name = state_.uniqueValueName(node().name + "/" + hint);
  v.dtype = dtype;
  v.shape = std::move(shape);
  return state_.out.addValue(std::move(v));
}

ValueId ConvertContext::constant(Tensor tensor, const std::string& hint) {
  Value v;
  v.name = state_.uniqueValueName(node().name + "/" + hint);
  v.dtype = tensor.dtype();
  v.shape = Shape::ofDims(tensor.dims());
  v.initializer = std::move(tensor);
  return state_.out.addValue(std::move(v));
}

NodeRef ConvertContext::addNode(const std::string& api, std::vector<ValueId> inputs,
                                std::vector<ValueId> outputs) {
  Node n;
  n.dialect = Dialect::MindSpore;
  n.domain = "mindspore";
  n.opType = api;
  n.inputs = std::move(inputs);
  n.outputs = std::move(outputs);
  n.scope = modulePath();  // provisional: finalised once all Cells are known
  n.sourceNodes.push_back(nodeId_);
  if (state_.group)
    for (NodeId m : state_.group->members)
      if (m != nodeId_) n.sourceNodes.push_back(m);
  for (NodeId a : absorbed_) n.sourceNodes.push_back(a);
  NodeId id = state_.out.addNode(std::move(n));
  emitted_.push_back(id);
  if (isCellApi(api)) state_.cells[id].modulePath = modulePath();
  return NodeRef(state_.out, id);
}

void ConvertContext::param(NodeRef cell, const std::string& name, Tensor data,
                           std::vector<std::string> sourceNames, const std::string& transform,
                           const std::string& torchName) {
  NodeId nodeId = cell.id();
  if (auto& info = state_.cells[nodeId]; info.preferred.empty() && sourceNames.size() == 1)
    info.preferred =
        cellPathFromParamName(sourceNames.front(), torchName.empty() ? name : torchName);
  Value v;
  v.name = state_.uniqueValueName(node().name + "/" + name);  // renamed to the checkpoint key later
  v.dtype = data.dtype();
  v.shape = Shape::ofDims(data.dims());
  if (transform.empty() && sourceNames.size() == 1) v.sourceValue = sourceNames.front();
  PendingParam pending;
  pending.node = nodeId;
  pending.binding = cell->params.size();
  pending.record.paramName = name;
  pending.record.sourceInitializers = sourceNames;
  pending.record.transform = transform;
  pending.record.shape = data.dims();
  v.initializer = std::move(data);
  ValueId id = state_.out.addValue(std::move(v));
  state_.out.node(nodeId).params.push_back({name, id});
  for (const auto& s : sourceNames)
    if (std::find(cell->sourceInitializers.begin(), cell->sourceInitializers.end(), s) ==
        cell->sourceInitializers.end())
      state_.out.node(nodeId).sourceInitializers.push_back(s);
  state_.params.push_back(std::move(pending));
}

void ConvertContext::cellHint(NodeRef cell, const std::string& hint) {
  state_.cells[cell.id()].hint = hint;
}

ConvertStatus ConvertContext::unconverted(std::string reason,
                                          std::vector<std::string> suggestions) const {
  for (auto& s : suggestMindsporeApis(node().opType, mint()))
    if (std::find(suggestions.begin(), suggestions.end(), s) == suggestions.end())
      suggestions.push_back(s);
  return Unconverted{std::move(reason), std::move(suggestions)};
}

void ConvertContext::warn(const std::string& message) {
  state_.result.warnings.push_back("node '" + node().name + "' (" + node().opType +
                                   "): " + message);
}

void ConvertContext::absorb(NodeId sourceNode) {
  absorbed_.push_back(sourceNode);
}

}  // namespace mb::convert
