#include "convert/convert_graph.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "convert/api_suggestions.h"
#include "convert/constant_folder.h"
#include "convert/convert_context.h"
#include "convert/convert_state.h"
#include "convert/fixes/fix_apply.h"
#include "convert/fixes/op_templates.h"
#include "convert/module_scope.h"
#include "convert/patterns.h"
#include "convert/shape_refiner.h"

namespace mb::convert {

const char* nodeStatusName(NodeStatus status) {
  switch (status) {
    case NodeStatus::Converted:
      return "converted";
    case NodeStatus::Fused:
      return "fused";
    case NodeStatus::Folded:
      return "folded";
    case NodeStatus::Unconverted:
      return "unconverted";
  }
  return "?";
}

size_t ConversionResult::count(NodeStatus status) const {
  return static_cast<size_t>(std::count_if(
      records.begin(), records.end(), [&](const NodeRecord& r) { return r.status == status; }));
}

namespace {

std::string opLabel(const Node& node) {
  return (node.domain.empty() || node.domain == "ai.onnx" ? std::string() : node.domain + "::") +
         node.opType;
}

void prepare(ConvertState& st, const std::vector<NodeId>& order) {
  const Graph& src = st.source;
  st.valueMap.assign(src.values.size(), kNoValue);
  st.constants.assign(src.values.size(), nullptr);
  st.constantSources.assign(src.values.size(), {});
  st.foldedNode.assign(src.nodes.size(), false);
  st.isGraphOutput.assign(src.values.size(), false);
  st.consumers = src.consumers();
  for (ValueId o : src.outputs) st.isGraphOutput[static_cast<size_t>(o)] = true;
  for (size_t v = 0; v < src.values.size(); ++v)
    if (src.values[v].initializer) {
      st.constants[v] = &*src.values[v].initializer;
      st.constantSources[v] = {src.values[v].name};
    }
  st.modulePaths.resize(src.nodes.size());
  for (size_t n = 0; n < src.nodes.size(); ++n)
    st.modulePaths[n] = modulePathFromNodeName(src.nodes[n].name);
  // Fold constant subgraphs (weights reordered by Slice/Concat, transposed Linear weights, …).
  for (NodeId n : order) {
    const Node& node = src.node(n);
    if (!isFoldableOp(node) || node.outputs.size() != 1 || node.outputs[0] == kNoValue) continue;
    if (st.isGraphOutput[static_cast<size_t>(node.outputs[0])]) continue;
    std::vector<const Tensor*> inputs;
    bool allConstant = true;
    for (ValueId in : node.inputs) {
      if (in == kNoValue) {
        inputs.push_back(nullptr);
        continue;
      }
      const Tensor* c = st.constants[static_cast<size_t>(in)];
      if (!c) allConstant = false;
      inputs.push_back(c);
    }
    if (!allConstant) continue;
    auto folded = foldConstantNode(node, inputs);
    if (!folded) continue;
    st.folded.push_back(std::move(*folded));
    auto out = static_cast<size_t>(node.outputs[0]);
    st.constants[out] = &st.folded.back();
    // torch de-duplicates equal initializers and re-creates the others with Identity nodes whose
    // outputs carry the real state_dict names ("norm.weight" = Identity(layers.0.norm1.weight)).
    const std::string& outName = src.value(node.outputs[0]).name;
    if (node.opType == "Identity" && !outName.empty() && outName.front() != '/' &&
        outName.find("::") == std::string::npos) {
      st.constantSources[out] = {outName};
    } else if (!node.inputs.empty() && node.inputs[0] != kNoValue)
      // Only the first (data) input's origin names a folded weight; index inputs are incidental.
      for (size_t k = 0; k < (node.opType == "Concat" ? node.inputs.size() : 1); ++k)
        for (const auto& s : st.constantSources[static_cast<size_t>(node.inputs[k])])
          if (std::find(st.constantSources[out].begin(), st.constantSources[out].end(), s) ==
              st.constantSources[out].end())
            st.constantSources[out].push_back(s);
    st.foldedNode[static_cast<size_t>(n)] = true;
  }
  st.shapes = refineShapes(src, order, st.constants);
}

// Runs one converter; on Unconverted, removes whatever it emitted so the graph stays clean.
ConvertStatus runConverter(ConvertState& st, ConverterFn fn, NodeId nodeId,
                           const AttributeList& attrs, int64_t opset, std::vector<NodeId>& emitted,
                           const std::string& opType = {}) {
  const size_t nodeMark = st.out.nodes.size(), valueMark = st.out.values.size(),
               paramMark = st.params.size();
  st.touchedValues.clear();
  ConvertContext ctx(st, nodeId, attrs, opset);
  if (!opType.empty()) ctx.setOpType(opType);
  ConvertStatus status = fn(ctx);
  if (!status) {
    emitted = ctx.emitted();
    return status;
  }
  for (ValueId v : st.touchedValues) st.valueMap[static_cast<size_t>(v)] = kNoValue;
  for (size_t v = valueMark; v < st.out.values.size(); ++v)
    st.usedNames.erase(st.out.values[v].name);
  for (size_t n = nodeMark; n < st.out.nodes.size(); ++n) st.cells.erase(static_cast<NodeId>(n));
  st.out.nodes.resize(nodeMark);
  st.out.values.resize(valueMark);
  st.params.resize(paramMark);
  st.out.reindex();
  return status;
}

NodeId emitUnconverted(ConvertState& st, NodeId nodeId, const AttributeList& attrs,
                       const Unconverted& why) {
  const Node& src = st.source.node(nodeId);
  ConvertContext ctx(st, nodeId, attrs, 0);
  std::vector<ValueId> inputs, outputs;
  for (size_t i = 0; i < src.inputs.size(); ++i) inputs.push_back(ctx.input(i));
  for (size_t i = 0; i < src.outputs.size(); ++i)
    outputs.push_back(src.outputs[i] == kNoValue ? kNoValue : ctx.output(i));
  NodeRef n = ctx.addNode("onnx::" + src.opType, std::move(inputs), std::move(outputs));
  n->domain = src.domain;
  n->attrs = attrs;
  n->unconverted = true;
  n->unconvertedReason = why.reason;
  n->suggestions = why.suggestions;
  return n.id();
}

// False only when a pattern converter refused (the caller then converts the members one by one).
bool convertNode(ConvertState& st, NodeId nodeId, const FusedGroup* group) {
  const Node& src = st.source.node(nodeId);
  NodeRecord& record = st.result.records[static_cast<size_t>(nodeId)];
  AttributeList attrs = src.attrs;
  std::string domain = src.domain, opType = src.opType;
  bool forceUnconverted = false;
  if (auto it = st.options.overrides.find(src.name); it != st.options.overrides.end()) {
    for (const auto& item : it->second.attributes.items()) attrs.set(item.name, item.value);
    for (const auto& name : it->second.removeAttributes) attrs.erase(name);
    const std::string& pickOp = it->second.converter;
    if (pickOp == "unconverted") {
      forceUnconverted = true;
    } else if (!pickOp.empty()) {
      size_t sep = pickOp.find("::");
      domain = sep == std::string::npos ? std::string() : pickOp.substr(0, sep);
      opType = sep == std::string::npos ? pickOp : pickOp.substr(sep + 2);
    }
  }
  const int64_t opset = st.source.opsetVersion(domain == "ai.onnx" ? std::string() : domain);
  if (auto fix = st.options.fixes.find(src.name);
      fix != st.options.fixes.end() && fix->second.kind != FixKind::Template) {
    record.status = NodeStatus::Converted;
    record.fix = fixKindName(fix->second.kind);
    record.converter = "fix:" + record.fix;
    record.convertedNodes = emitFixedNode(st, nodeId, attrs, fix->second);
    return true;
  }
  Unconverted why;
  if (forceUnconverted) {
    why.reason = "kept unconverted by a per-node override";
  } else if (group) {
    st.group = group;
    std::vector<NodeId> emitted;
    ConvertStatus status = runConverter(st, group->fn, nodeId, attrs, opset, emitted);
    st.group = nullptr;
    if (!status) {
      for (NodeId m : group->members) {
        NodeRecord& r = st.result.records[static_cast<size_t>(m)];
        r.status = m == nodeId ? NodeStatus::Converted : NodeStatus::Fused;
        r.converter = "pattern:" + group->label;
        r.reason = m == nodeId ? std::string() : "part of a " + group->label + " subgraph";
        r.convertedNodes = emitted;
      }
      return true;
    }
    st.result.warnings.push_back("node '" + src.name + "': " + group->label +
                                 " subgraph not fused (" + status->reason +
                                 "); converting its nodes one by one");
    return false;
  } else {
    auto entry = findConverter(domain, opType, opset);
    if (!entry) {
      why.reason = "no converter for " + (domain.empty() ? std::string() : domain + "::") + opType +
                   (opset > 0 ? " at opset " + std::to_string(opset) : std::string());
      why.suggestions = suggestMindsporeApis(opType, st.options.api == TargetApi::Mint);
    } else {
      std::vector<NodeId> emitted;
      ConvertStatus status = runConverter(st, entry->fn, nodeId, attrs, opset, emitted, opType);
      if (!status) {
        record.status = NodeStatus::Converted;
        record.converter = opType + "@" + std::to_string(entry->sinceVersion);
        record.convertedNodes = emitted;
        return true;
      }
      why = *status;
    }
  }
  record.status = NodeStatus::Unconverted;
  record.reason = why.reason;
  record.suggestions = why.suggestions;
  record.convertedNodes = {emitUnconverted(st, nodeId, attrs, why)};
  return true;
}

std::string shortApiName(const std::string& api) {
  std::string tail = api.substr(api.rfind('.') == std::string::npos ? 0 : api.rfind('.') + 1);
  if (api.rfind("onnx::", 0) == 0) tail = "onnx_" + api.substr(6);
  std::string out;
  for (size_t i = 0; i < tail.size(); ++i) {
    char c = tail[i];
    if (std::isupper(static_cast<unsigned char>(c))) {
      bool boundary =
          i > 0 && (std::islower(static_cast<unsigned char>(tail[i - 1])) ||
                    (i + 1 < tail.size() && std::islower(static_cast<unsigned char>(tail[i + 1])) &&
                     std::isupper(static_cast<unsigned char>(tail[i - 1]))));
      if (boundary && out.back() != '_') out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

bool pathConflicts(const std::string& path, const std::set<std::string>& assigned,
                   const std::set<std::string>& assignedPrefixes) {
  if (assigned.count(path) || assignedPrefixes.count(path)) return true;
  for (std::string p = parentModulePath(path); !p.empty(); p = parentModulePath(p))
    if (assigned.count(p)) return true;
  return false;
}

void claimPath(const std::string& path, std::set<std::string>& assigned,
               std::set<std::string>& prefixes) {
  assigned.insert(path);
  for (std::string p = parentModulePath(path); !p.empty(); p = parentModulePath(p))
    prefixes.insert(p);
}

// Gives every Cell a unique attribute path, every function its owner's path, and every parameter
// its checkpoint key (see README: Cells follow module scopes).
void finalizeNames(ConvertState& st) {
  Graph& out = st.out;
  // Module paths that contain other modules cannot be leaf Cells themselves.
  std::set<std::string> containers;
  for (size_t n = 0; n < st.source.nodes.size(); ++n)
    if (!st.foldedNode[n])
      for (std::string p = parentModulePath(st.modulePaths[n]); !p.empty(); p = parentModulePath(p))
        containers.insert(p);
  std::map<std::string, int> cellsPerModule;
  for (const auto& [id, info] : st.cells) cellsPerModule[info.modulePath]++;

  std::vector<NodeId> cellIds;
  for (const auto& [id, info] : st.cells) cellIds.push_back(id);
  std::sort(cellIds.begin(), cellIds.end());
  std::set<std::string> assigned, prefixes;
  std::unordered_map<NodeId, std::string> cellPath;
  // 1) names read off state_dict-like initializers, 2) the module's own path, 3) a child name.
  for (NodeId id : cellIds) {
    const auto& info = st.cells[id];
    if (!info.preferred.empty() && !pathConflicts(info.preferred, assigned, prefixes)) {
      cellPath[id] = info.preferred;
      claimPath(info.preferred, assigned, prefixes);
    }
  }
  for (NodeId id : cellIds) {
    if (cellPath.count(id)) continue;
    const auto& info = st.cells[id];
    if (!info.modulePath.empty() && cellsPerModule[info.modulePath] == 1 &&
        !containers.count(info.modulePath) && !pathConflicts(info.modulePath, assigned, prefixes)) {
      cellPath[id] = info.modulePath;
      claimPath(info.modulePath, assigned, prefixes);
    }
  }
  for (NodeId id : cellIds) {
    if (cellPath.count(id)) continue;
    const auto& info = st.cells[id];
    std::string local = info.hint.empty() ? shortApiName(out.node(id).opType) : info.hint;
    std::string base = info.modulePath;
    // A Cell cannot sit inside a leaf Cell: hoist to the nearest free ancestor.
    while (!base.empty() && assigned.count(base)) base = parentModulePath(base);
    std::string stem = base.empty() ? local : base + "." + local;
    std::string path = stem;
    for (int k = 1; pathConflicts(path, assigned, prefixes); ++k)
      path = stem + "_" + std::to_string(k);
    cellPath[id] = path;
    claimPath(path, assigned, prefixes);
  }

  std::map<std::string, int> localNames;  // "scope|name" → count, for unique function names
  for (size_t n = 0; n < out.nodes.size(); ++n) {
    Node& node = out.nodes[n];
    auto it = cellPath.find(static_cast<NodeId>(n));
    if (it != cellPath.end()) {
      node.scope = it->second;
      node.name = lastModuleComponent(it->second);
      continue;
    }
    std::string owner = node.scope;
    while (!owner.empty() && assigned.count(owner)) owner = parentModulePath(owner);
    while (!owner.empty() && !prefixes.count(owner) && !containers.count(owner))
      owner = parentModulePath(owner);
    node.scope = owner;
    std::string base = shortApiName(node.opType);
    int& count = localNames[owner + "|" + base];
    node.name = count == 0 ? base : base + "_" + std::to_string(count);
    ++count;
  }

  // Parameter values take their checkpoint keys; a clashing non-parameter value steps aside.
  std::unordered_map<std::string, ValueId> byName;
  for (size_t v = 0; v < out.values.size(); ++v)
    byName[out.values[v].name] = static_cast<ValueId>(v);
  std::set<ValueId> paramValues;
  for (const auto& p : st.params) paramValues.insert(out.node(p.node).params[p.binding].value);
  for (auto& p : st.params) {
    ValueId vid = out.node(p.node).params[p.binding].value;
    std::string key = out.node(p.node).scope + "." + p.record.paramName;
    auto clash = byName.find(key);
    if (clash != byName.end() && clash->second != vid) {
      if (paramValues.count(clash->second)) {
        st.result.warnings.push_back("two parameters want the key '" + key +
                                     "'; the second is renamed");
        key = st.uniqueValueName(key);
      } else {
        Value& other = out.value(clash->second);
        other.name = st.uniqueValueName(key + ".const");
        byName[other.name] = clash->second;
      }
    }
    byName.erase(out.value(vid).name);
    out.value(vid).name = key;
    byName[key] = vid;
    p.record.key = key;
    p.record.node = p.node;
    st.result.params.push_back(p.record);
  }
  out.reindex();
}

}  // namespace

namespace {

Expected<ConversionResult> convertExpanded(const Graph& source, const ConvertOptions& options) {
  if (source.dialect != Dialect::Onnx)
    return makeError(ErrorCode::InvalidArgument, "convertGraph expects an ONNX-dialect graph",
                     source.name);
  auto order = source.topologicalOrder();
  if (!order) return order.error();

  ConversionResult result;
  ConvertState st(source, options, result);
  Graph& out = result.converted;
  out.name = source.name;
  out.dialect = Dialect::MindSpore;
  out.targetApi = targetApiName(options.api);
  out.opsetImports = source.opsetImports;
  out.irVersion = source.irVersion;
  out.producerName = source.producerName;
  out.producerVersion = source.producerVersion;
  prepare(st, *order);
  // Converted graphs are about the source's size; growing the node vector moves large Nodes.
  out.nodes.reserve(source.nodes.size() + source.nodes.size() / 2 + 16);
  out.values.reserve(source.values.size() + source.values.size() / 2 + 16);
  st.usedNames.reserve(source.values.size() * 2);

  result.records.resize(source.nodes.size());
  for (size_t n = 0; n < source.nodes.size(); ++n) {
    auto& r = result.records[n];
    r.source = static_cast<NodeId>(n);
    r.name = source.nodes[n].name;
    r.opType = opLabel(source.nodes[n]);
  }
  // Graph inputs first, so they keep their order and names.
  for (ValueId in : source.inputs) {
    const Value& sv = source.value(in);
    Value v{sv.name, sv.dtype, st.shapes[static_cast<size_t>(in)], kNoNode, std::nullopt, sv.name};
    st.usedNames.insert(v.name);
    ValueId id = out.addValue(std::move(v));
    st.valueMap[static_cast<size_t>(in)] = id;
    out.inputs.push_back(id);
  }

  std::vector<FusedGroup> groups;
  if (options.fusePatterns) groups = findFusedGroups(st);
  std::unordered_map<NodeId, const FusedGroup*> anchorOf, memberOf;
  for (const auto& g : groups) {
    anchorOf[g.anchor] = &g;
    for (NodeId m : g.members) memberOf[m] = &g;
  }

  for (NodeId n : *order) {
    auto idx = static_cast<size_t>(n);
    if (st.foldedNode[idx]) {
      auto& r = result.records[idx];
      r.status = NodeStatus::Folded;
      r.reason = "constant subgraph evaluated at conversion time";
      continue;
    }
    if (memberOf.count(n) && !anchorOf.count(n)) continue;  // converted with its group's anchor
    auto anchor = anchorOf.find(n);
    if (anchor == anchorOf.end() || options.overrides.count(source.node(n).name)) {
      convertNode(st, n, nullptr);
      continue;
    }
    if (!convertNode(st, n, anchor->second)) {
      // The pattern converter refused: convert the members one by one (their inputs are ready).
      for (NodeId m : *order)
        if (std::find(anchor->second->members.begin(), anchor->second->members.end(), m) !=
            anchor->second->members.end())
          convertNode(st, m, nullptr);
    }
  }

  static const AttributeList kNoAttributes;
  for (ValueId o : source.outputs) {
    ConvertContext ctx(st, kNoNode, kNoAttributes, 0);
    out.outputs.push_back(st.valueMap[static_cast<size_t>(o)] != kNoValue
                              ? st.valueMap[static_cast<size_t>(o)]
                              : ctx.map(o));
  }
  finalizeNames(st);
  return result;
}

// Folds the records of template nodes back onto the node they replaced, points provenance at it
// and marks its converted nodes, so callers see the graph they passed in.
void foldTemplateRecords(ConversionResult& result, const Graph& source,
                         const TemplateExpansion& expansion, const ConvertOptions& options) {
  const size_t original = source.nodes.size();
  for (Node& n : result.converted.nodes)
    for (NodeId& s : n.sourceNodes)
      if (static_cast<size_t>(s) >= original)
        s = expansion.owners[static_cast<size_t>(s) - original];
  for (const auto& [name, fix] : options.fixes) {
    if (fix.kind != FixKind::Template) continue;
    const NodeId id = *source.findNode(name);
    NodeRecord merged = result.records[static_cast<size_t>(id)];
    merged.name = name;
    merged.opType = source.node(id).domain.empty() || source.node(id).domain == "ai.onnx"
                        ? source.node(id).opType
                        : source.node(id).domain + "::" + source.node(id).opType;
    merged.status = NodeStatus::Converted;
    merged.fix = "template";
    merged.converter = "template:" + fix.templateName;
    merged.reason.clear();
    merged.suggestions.clear();
    std::vector<const NodeRecord*> parts = {&result.records[static_cast<size_t>(id)]};
    for (size_t k = 0; k < expansion.owners.size(); ++k)
      if (expansion.owners[k] == id) parts.push_back(&result.records[original + k]);
    merged.convertedNodes.clear();
    for (const NodeRecord* r : parts) {
      if (r->status == NodeStatus::Unconverted) {
        merged.status = NodeStatus::Unconverted;
        merged.reason = "template " + fix.templateName + ": its " + r->opType +
                        " did not convert (" + r->reason + ")";
      }
      for (NodeId c : r->convertedNodes)
        if (std::find(merged.convertedNodes.begin(), merged.convertedNodes.end(), c) ==
            merged.convertedNodes.end())
          merged.convertedNodes.push_back(c);
    }
    for (NodeId c : merged.convertedNodes) {
      Node& n = result.converted.node(c);
      if (n.domain == "mindspore") n.domain = kTemplateFixDomain;
    }
    result.records[static_cast<size_t>(id)] = std::move(merged);
  }
  result.records.resize(original);
}

}  // namespace

Expected<ConversionResult> convertGraph(const Graph& source, const ConvertOptions& options) {
  if (options.fixes.empty()) return convertExpanded(source, options);
  if (source.dialect != Dialect::Onnx)
    return makeError(ErrorCode::InvalidArgument, "convertGraph expects an ONNX-dialect graph",
                     source.name);
  MB_TRY(validateFixes(source, options));
  bool templates = false;
  for (const auto& [name, fix] : options.fixes) templates |= fix.kind == FixKind::Template;
  if (!templates) return convertExpanded(source, options);
  auto expansion = expandTemplateFixes(source, options);
  if (!expansion) return expansion.error();
  auto result = convertExpanded(expansion->graph, options);
  if (!result) return result.error();
  foldTemplateRecords(*result, source, *expansion, options);
  return result;
}

}  // namespace mb::convert
