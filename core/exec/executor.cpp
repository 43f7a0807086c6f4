#include "exec/executor.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "exec/kernel.h"
#include "exec/thread_pool.h"
#include "io/npy.h"

namespace mb::exec {
namespace {

std::string describeNode(const Node& node) {
  return "node '" + node.name + "' (" + node.opType + ")";
}

std::string mib(uint64_t bytes) {
  char text[64];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

}  // namespace

// Everything needed to run one graph, computed once: order, kernels, and how many nodes read each
// value (so a value can be freed after its last reader).
struct Plan {
  std::vector<NodeId> order;
  std::vector<KernelFn> kernels;            // per node; null for unconverted nodes and control flow
  std::vector<std::vector<ValueId>> reads;  // per node: distinct values read (explicit + implicit)
  std::vector<int32_t> readers;             // per value: nodes reading it
  std::vector<char> isGraphOutput;          // per value
  std::vector<char> isGraphInput;           // per value
};

namespace {

// Names a subgraph (and its own subgraphs) read from enclosing scopes.
void collectOuterNames(const Graph& graph, std::unordered_set<std::string>& names) {
  for (const auto& name : graph.outerScopeNames()) names.insert(name);
  for (const auto& node : graph.nodes)
    for (const auto& item : node.attrs.items()) {
      if (item.value.is<std::shared_ptr<Graph>>()) {
        if (const auto& body = item.value.as<std::shared_ptr<Graph>>()) {
          std::unordered_set<std::string> inner;
          collectOuterNames(*body, inner);
          for (const auto& name : inner) {
            // Defined in this graph (node output, input, initializer): not outer for us.
            auto id = graph.findValue(name);
            bool definedHere =
                id &&
                (graph.value(*id).producer != kNoNode || graph.value(*id).initializer ||
                 std::find(graph.inputs.begin(), graph.inputs.end(), *id) != graph.inputs.end());
            if (!definedHere) names.insert(name);
          }
        }
      }
    }
}

// A control-flow body carries no opset imports of its own: it uses the model's.
int64_t opsetFor(const Graph& graph, const Graph& root, const std::string& domain) {
  return graph.opsetImports.empty() ? root.opsetVersion(domain) : graph.opsetVersion(domain);
}

Expected<std::unique_ptr<Plan>> buildPlan(const Graph& graph, const Graph& root) {
  auto plan = std::make_unique<Plan>();
  size_t nodeCount = graph.nodes.size();
  plan->kernels.assign(nodeCount, nullptr);
  plan->reads.resize(nodeCount);
  plan->readers.assign(graph.values.size(), 0);
  plan->isGraphOutput.assign(graph.values.size(), 0);
  plan->isGraphInput.assign(graph.values.size(), 0);
  for (ValueId id : graph.outputs) plan->isGraphOutput[static_cast<size_t>(id)] = 1;
  for (ValueId id : graph.inputs) plan->isGraphInput[static_cast<size_t>(id)] = 1;

  for (size_t n = 0; n < nodeCount; ++n) {
    const Node& node = graph.nodes[n];
    std::vector<ValueId> reads;
    for (ValueId in : node.inputs)
      if (in != kNoValue) reads.push_back(in);
    for (const auto& param : node.params)
      if (param.value != kNoValue) reads.push_back(param.value);
    // Control-flow bodies read outer values by name: they are inputs of the node for ordering and
    // for freeing.
    std::unordered_set<std::string> outer;
    for (const auto& item : node.attrs.items()) {
      if (item.value.is<std::shared_ptr<Graph>>() && item.value.as<std::shared_ptr<Graph>>())
        collectOuterNames(*item.value.as<std::shared_ptr<Graph>>(), outer);
    }
    for (const auto& name : outer)
      if (auto id = graph.findValue(name)) reads.push_back(*id);
    std::sort(reads.begin(), reads.end());
    reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
    for (ValueId id : reads) {
      if (id < 0 || static_cast<size_t>(id) >= graph.values.size())
        return makeError(ErrorCode::InvalidModel, "reads a value id outside the graph",
                         describeNode(node));
      ++plan->readers[static_cast<size_t>(id)];
    }
    plan->reads[n] = std::move(reads);

    if (node.unconverted) continue;
    KernelFn fn = nullptr;
    if (node.dialect == Dialect::Onnx) {
      int64_t opset = opsetFor(graph, root, node.domain);
      fn = findOnnxKernel(node.domain, node.opType, opset);
      if (!fn) {
        std::string op = node.domain.empty() ? node.opType : node.domain + "::" + node.opType;
        bool anyVersion = findOnnxKernel(node.domain, node.opType, 0) != nullptr;
        return makeError(ErrorCode::UnsupportedOp,
                         anyVersion
                             ? "the executor implements ONNX op '" + op +
                                   "' only for newer opsets than " + std::to_string(opset)
                             : "the executor has no kernel for ONNX op '" + op +
                                   "'; the graph cannot be run (convert or replace this node)",
                         describeNode(node));
      }
    } else {
      fn = findMindSporeKernel(node.opType);
      if (!fn)
        return makeError(ErrorCode::UnsupportedOp,
                         "the executor has no kernel for MindSpore API '" + node.opType + "'",
                         describeNode(node));
    }
    plan->kernels[n] = fn;
  }

  // Kahn's order over explicit and implicit reads; among ready nodes the earliest in file order
  // goes first, which keeps the exporter's order (and its memory profile) when it is valid.
  std::vector<int32_t> pending(nodeCount, 0);
  std::vector<std::vector<NodeId>> users(graph.values.size());
  for (size_t n = 0; n < nodeCount; ++n)
    for (ValueId id : plan->reads[n])
      if (graph.value(id).producer != kNoNode) {
        ++pending[n];
        users[static_cast<size_t>(id)].push_back(static_cast<NodeId>(n));
      }
  std::priority_queue<NodeId, std::vector<NodeId>, std::greater<>> ready;
  for (size_t n = 0; n < nodeCount; ++n)
    if (pending[n] == 0) ready.push(static_cast<NodeId>(n));
  while (!ready.empty()) {
    NodeId n = ready.top();
    ready.pop();
    plan->order.push_back(n);
    for (ValueId out : graph.node(n).outputs)
      if (out != kNoValue)
        for (NodeId user : users[static_cast<size_t>(out)])
          if (--pending[static_cast<size_t>(user)] == 0) ready.push(user);
  }
  if (plan->order.size() != nodeCount) {
    for (size_t n = 0; n < nodeCount; ++n)
      if (pending[n] > 0)
        return makeError(ErrorCode::InvalidModel, "the graph has a cycle through this node",
                         describeNode(graph.nodes[n]));
  }
  return plan;
}

}  // namespace

// Values visible to a subgraph: the enclosing run's live values, looked up by name.
struct Scope {
  const Graph* graph = nullptr;
  const std::vector<Tensor>* slots = nullptr;
  const std::vector<char>* ready = nullptr;
  const Scope* parent = nullptr;

  const Tensor* lookup(const std::string& name) const {
    if (auto id = graph->findValue(name)) {
      auto i = static_cast<size_t>(*id);
      if ((*ready)[i] == 1) return &(*slots)[i];
      if (graph->value(*id).initializer) return &*graph->value(*id).initializer;
    }
    return parent ? parent->lookup(name) : nullptr;
  }
};

namespace {
enum SlotState : char { kEmpty = 0, kReady = 1, kNotComputed = 2 };
}  // namespace

// The state of one run of one graph (the main graph or a control-flow body).
class GraphRun {
 public:
  GraphRun(Executor& executor, const Graph& graph, const Plan& plan, const RunOptions& options,
           const Scope* parent, bool topLevel)
      : executor_(executor),
        graph_(graph),
        plan_(plan),
        options_(options),
        parent_(parent),
        topLevel_(topLevel) {
    slots_.resize(graph.values.size());
    state_.assign(graph.values.size(), kEmpty);
    remaining_ = plan.readers;
  }

  Status bindInputs(const std::map<std::string, Tensor>& inputs);
  Status bindPositional(const std::vector<Tensor>& inputs);
  Status execute();
  RunResult& result() { return result_; }
  std::vector<Tensor> outputsInOrder() const {
    std::vector<Tensor> outs;
    for (ValueId id : graph_.outputs) outs.push_back(slots_[static_cast<size_t>(id)]);
    return outs;
  }

 private:
  Status bindOuterValues();
  Status runNode(NodeId id);
  Status store(const Node& node, ValueId id, Tensor tensor);
  void release(ValueId id);
  bool keepsInMemory(const Value& value) const {
    if (!topLevel_) return false;
    switch (options_.taps.mode) {
      case TapMode::All:
        return true;
      case TapMode::Selected:
        return options_.taps.names.count(value.name) > 0;
      default:
        return false;
    }
  }
  Status observe(const Value& value, const Tensor& tensor, const std::string& producer);
  Status checkBudget(const Node* node, uint64_t extra);

  Executor& executor_;
  const Graph& graph_;
  const Plan& plan_;
  const RunOptions& options_;
  const Scope* parent_;
  bool topLevel_;
  std::vector<Tensor> slots_;
  std::vector<char> state_;
  std::vector<int32_t> remaining_;
  std::unordered_map<ValueId, std::string> notComputedBecause_;
  std::set<std::string> spillNames_;
  uint64_t liveBytes_ = 0;
  RunResult result_;

  friend class Executor;
};

Status GraphRun::checkBudget(const Node* node, uint64_t extra) {
  if (options_.memoryBudget == 0 || liveBytes_ + extra <= options_.memoryBudget)
    return Status::ok();
  std::string where = node ? describeNode(*node) : "graph inputs";
  return makeError(ErrorCode::LimitExceeded,
                   "the run needs " + mib(liveBytes_ + extra) +
                       " of live tensors here, over the memory budget of " +
                       mib(options_.memoryBudget) +
                       " (raise --budget, tap fewer values, or spill taps to disk)",
                   where);
}

Status GraphRun::observe(const Value& value, const Tensor& tensor, const std::string& producer) {
  if (options_.checkNonFinite && isFloating(tensor.dtype())) {
    NonFiniteReport report{value.name, producer, 0, 0};
    countNonFinite(tensor, report.nanCount, report.infCount);
    if (report.nanCount || report.infCount) result_.nonFinite.push_back(std::move(report));
  }
  if (!topLevel_) return Status::ok();
  if (options_.taps.mode == TapMode::Spill) {
    std::string base = sanitizeFileName(value.name);
    std::string name = base;
    for (int i = 1; !spillNames_.insert(name).second; ++i) name = base + "_" + std::to_string(i);
    std::string path = (std::filesystem::path(options_.taps.spillDir) / (name + ".npy")).string();
    MB_TRY(writeNpy(path, tensor));
    result_.spilled[value.name] = path;
  } else if (keepsInMemory(value)) {
    result_.taps[value.name] = tensor;  // shares the bytes; no copy
  }
  return Status::ok();
}

Status GraphRun::bindOuterValues() {
  for (size_t i = 0; i < graph_.values.size(); ++i) {
    const Value& value = graph_.values[i];
    if (value.initializer) {
      slots_[i] = *value.initializer;
      state_[i] = kReady;
    }
  }
  if (!parent_) return Status::ok();
  for (const auto& name : graph_.outerScopeNames()) {
    auto id = graph_.findValue(name);
    if (!id || state_[static_cast<size_t>(*id)] == kReady) continue;
    if (const Tensor* outer = parent_->lookup(name)) {
      slots_[static_cast<size_t>(*id)] = *outer;
      state_[static_cast<size_t>(*id)] = kReady;
    }
  }
  return Status::ok();
}

Status GraphRun::bindInputs(const std::map<std::string, Tensor>& inputs) {
  MB_TRY(bindOuterValues());
  std::set<std::string> expected;
  for (ValueId id : graph_.inputs) expected.insert(graph_.value(id).name);
  for (const auto& [name, tensor] : inputs)
    if (!expected.count(name)) {
      std::string list;
      for (const auto& e : expected) list += (list.empty() ? "" : ", ") + e;
      return makeError(ErrorCode::InvalidArgument,
                       "the model has no input of this name (its inputs: " + list + ")",
                       "input '" + name + "'");
    }
  std::map<std::string, int64_t> bindings;
  for (ValueId id : graph_.inputs) {
    const Value& spec = graph_.value(id);
    auto it = inputs.find(spec.name);
    if (it == inputs.end())
      return makeError(ErrorCode::InvalidArgument,
                       "no data given for this input (" + std::string(dtypeName(spec.dtype)) + " " +
                           spec.shape.toString() + ")",
                       "input '" + spec.name + "'");
    MB_TRY(checkInputAgainstSpec(spec, it->second, bindings));
    slots_[static_cast<size_t>(id)] = it->second;
    state_[static_cast<size_t>(id)] = kReady;
    liveBytes_ += it->second.nbytes();
    MB_TRY(observe(spec, it->second, ""));
  }
  MB_TRY(checkBudget(nullptr, 0));
  result_.peakBytes = liveBytes_;
  return Status::ok();
}

Status GraphRun::bindPositional(const std::vector<Tensor>& inputs) {
  MB_TRY(bindOuterValues());
  if (inputs.size() > graph_.inputs.size())
    return makeError(ErrorCode::InvalidModel,
                     "body takes " + std::to_string(graph_.inputs.size()) +
                         " inputs but was given " + std::to_string(inputs.size()),
                     "subgraph '" + graph_.name + "'");
  for (size_t i = 0; i < inputs.size(); ++i) {
    auto id = static_cast<size_t>(graph_.inputs[i]);
    slots_[id] = inputs[i];
    state_[id] = inputs[i].empty() ? kEmpty : kReady;
  }
  return Status::ok();
}

void GraphRun::release(ValueId id) {
  auto i = static_cast<size_t>(id);
  if (plan_.isGraphOutput[i] || state_[i] != kReady) return;
  const Value& value = graph_.value(id);
  // Initializers and values borrowed from an enclosing scope are not ours to free or count.
  if (value.initializer || (value.producer == kNoNode && !plan_.isGraphInput[i])) return;
  if (!topLevel_ && plan_.isGraphInput[i]) return;
  if (!keepsInMemory(value)) liveBytes_ -= std::min<uint64_t>(liveBytes_, slots_[i].nbytes());
  slots_[i] = Tensor();
  state_[i] = kEmpty;
}

Status GraphRun::store(const Node& node, ValueId id, Tensor tensor) {
  auto i = static_cast<size_t>(id);
  const Value& value = graph_.value(id);
  liveBytes_ += tensor.nbytes();
  slots_[i] = std::move(tensor);
  state_[i] = kReady;
  MB_TRY(observe(value, slots_[i], node.name));
  return Status::ok();
}

Status GraphRun::runNode(NodeId id) {
  const Node& node = graph_.node(id);
  auto n = static_cast<size_t>(id);
  // Unconverted nodes, and everything downstream of them, produce "not computed" values.
  std::string blockedBy;
  if (node.unconverted) blockedBy = node.name;
  for (ValueId in : plan_.reads[n])
    if (state_[static_cast<size_t>(in)] == kNotComputed && blockedBy.empty())
      blockedBy = notComputedBecause_[in];
  if (!blockedBy.empty()) {
    for (ValueId out : node.outputs)
      if (out != kNoValue) {
        state_[static_cast<size_t>(out)] = kNotComputed;
        notComputedBecause_[out] = blockedBy;
        result_.notComputed[graph_.value(out).name] = blockedBy;
      }
    for (ValueId in : plan_.reads[n])
      if (--remaining_[static_cast<size_t>(in)] == 0) release(in);
    return Status::ok();
  }

  KernelContext ctx{graph_, node};
  ctx.opset = node.dialect == Dialect::Onnx ? opsetFor(graph_, executor_.graph_, node.domain) : 0;
  ctx.pool = executor_.pool();
  for (ValueId in : node.inputs) {
    if (in == kNoValue) {
      ctx.inputs.push_back(nullptr);
      continue;
    }
    auto i = static_cast<size_t>(in);
    if (state_[i] != kReady)
      return makeError(ErrorCode::InvalidModel,
                       "input '" + graph_.value(in).name +
                           "' has no data (not an input, initializer or node output)",
                       describeNode(node));
    ctx.inputs.push_back(&slots_[i]);
  }
  for (const auto& param : node.params) {
    if (param.value == kNoValue || state_[static_cast<size_t>(param.value)] != kReady)
      return makeError(ErrorCode::InvalidModel, "parameter '" + param.name + "' has no data",
                       describeNode(node));
    ctx.params.push_back(&slots_[static_cast<size_t>(param.value)]);
  }
  Scope scope{&graph_, &slots_, &state_, parent_};
  ctx.runSubgraph = [this, &scope](const Graph& body, const std::vector<Tensor>& inputs) {
    return executor_.runBody(body, inputs, options_, &scope);
  };

  // Refuse before allocating when the declared output shapes already show the budget would break.
  if (options_.memoryBudget) {
    uint64_t predicted = 0;
    for (ValueId out : node.outputs)
      if (out != kNoValue) {
        const Value& v = graph_.value(out);
        if (auto dims = v.shape.concrete(); dims && v.dtype != DType::Undefined)
          predicted +=
              static_cast<uint64_t>(std::max<int64_t>(checkedNumel(*dims), 0)) * dtypeSize(v.dtype);
      }
    MB_TRY(checkBudget(&node, predicted));
  }

  Status status = plan_.kernels[n](ctx);
  if (!status) {
    Error error = status.error();
    if (error.where.empty()) error.where = describeNode(node);
    return error;
  }
  // Kernels may fill optional outputs the node does not declare (e.g. Dropout's mask); drop them.
  if (ctx.outputs.size() > node.outputs.size()) ctx.outputs.resize(node.outputs.size());
  for (size_t o = 0; o < node.outputs.size(); ++o) {
    ValueId out = node.outputs[o];
    if (out == kNoValue) continue;
    if (o >= ctx.outputs.size() || ctx.outputs[o].empty()) {
      // An optional output the kernel leaves empty is fine as long as nobody reads it.
      if (remaining_[static_cast<size_t>(out)] > 0 || plan_.isGraphOutput[static_cast<size_t>(out)])
        return makeError(ErrorCode::Internal,
                         "kernel did not produce output " + std::to_string(o) + " ('" +
                             graph_.value(out).name + "')",
                         describeNode(node));
      continue;
    }
    MB_TRY(store(node, out, std::move(ctx.outputs[o])));
  }
  ctx.inputs.clear();
  ctx.params.clear();
  result_.peakBytes = std::max(result_.peakBytes, liveBytes_);
  MB_TRY(checkBudget(&node, 0));
  for (ValueId in : plan_.reads[n])
    if (--remaining_[static_cast<size_t>(in)] == 0) release(in);
  for (ValueId out : node.outputs)
    if (out != kNoValue && remaining_[static_cast<size_t>(out)] == 0) release(out);
  ++result_.nodesRun;
  return Status::ok();
}

Status GraphRun::execute() {
  size_t done = 0;
  for (NodeId id : plan_.order) {
    if (options_.cancel && options_.cancel->load(std::memory_order_relaxed))
      return makeError(ErrorCode::Cancelled, "the run was cancelled",
                       describeNode(graph_.node(id)));
    MB_TRY(runNode(id));
    ++done;
    if (topLevel_ && options_.progress)
      options_.progress(done, plan_.order.size(), graph_.node(id).name);
  }
  for (ValueId id : graph_.outputs) {
    auto i = static_cast<size_t>(id);
    const std::string& name = graph_.value(id).name;
    if (state_[i] == kReady) {
      result_.outputs[name] = slots_[i];
    } else if (state_[i] == kNotComputed) {
      // already listed in notComputed
    } else {
      return makeError(ErrorCode::InvalidModel, "graph output was never computed",
                       "output '" + name + "'");
    }
  }
  return Status::ok();
}

Executor::Executor(const Graph& graph, ExecutorOptions options)
    : graph_(graph), options_(options), pool_(std::make_unique<ThreadPool>(options.threads)) {
  // OpenBLAS keeps its own threads; match them to ours so the two never oversubscribe the cores.
  openblas_set_num_threads(std::max(options.threads, 1));
}

Executor::~Executor() = default;

Expected<const Plan*> Executor::planFor(const Graph& graph) {
  std::lock_guard lock(planMutex_);
  auto it = plans_.find(&graph);
  if (it != plans_.end()) return static_cast<const Plan*>(it->second.get());
  auto plan = buildPlan(graph, graph_);
  if (!plan) return plan.error();
  const Plan* raw = plan->get();
  plans_.emplace(&graph, std::move(*plan));
  return raw;
}

Status Executor::prepare() {
  auto plan = planFor(graph_);
  return plan ? Status::ok() : Status(plan.error());
}

Expected<RunResult> Executor::run(const std::map<std::string, Tensor>& inputs,
                                  const RunOptions& options) {
  auto plan = planFor(graph_);
  if (!plan) return plan.error();
  if (options.taps.mode == TapMode::Spill) {
    std::error_code ec;
    std::filesystem::create_directories(options.taps.spillDir, ec);
    if (ec || options.taps.spillDir.empty())
      return makeError(ErrorCode::WriteFailed, "cannot create the tap folder: " + ec.message(),
                       options.taps.spillDir);
  }
  GraphRun run(*this, graph_, **plan, options, nullptr, true);
  MB_TRY(run.bindInputs(inputs));
  MB_TRY(run.execute());
  return std::move(run.result());
}

Expected<std::vector<Tensor>> Executor::runBody(const Graph& body,
                                                const std::vector<Tensor>& inputs,
                                                const RunOptions& options, const Scope* scope) {
  auto plan = planFor(body);
  if (!plan) return plan.error();
  GraphRun run(*this, body, **plan, options, scope, false);
  MB_TRY(run.bindPositional(inputs));
  MB_TRY(run.execute());
  return run.outputsInOrder();
}

Status checkInputAgainstSpec(const Value& spec, const Tensor& tensor,
                             std::map<std::string, int64_t>& bindings) {
  std::string where = "input '" + spec.name + "'";
  if (spec.dtype != DType::Undefined && tensor.dtype() != spec.dtype)
    return makeError(ErrorCode::TypeMismatch,
                     "the model expects " + std::string(dtypeName(spec.dtype)) +
                         " but the data is " + std::string(dtypeName(tensor.dtype())),
                     where);
  if (!spec.shape.rankKnown) return Status::ok();
  if (static_cast<size_t>(tensor.rank()) != spec.shape.rank())
    return makeError(ErrorCode::ShapeMismatch,
                     "the model expects shape " + spec.shape.toString() + " (rank " +
                         std::to_string(spec.shape.rank()) + ") but the data has shape " +
                         dimsToString(tensor.dims()),
                     where);
  for (size_t d = 0; d < spec.shape.rank(); ++d) {
    const Dim& dim = spec.shape.dims[d];
    int64_t actual = tensor.dims()[d];
    if (dim.isKnown() && dim.value != actual)
      return makeError(ErrorCode::ShapeMismatch,
                       "dim " + std::to_string(d) + " is " + std::to_string(actual) +
                           " but the model expects " + std::to_string(dim.value) + " (shape " +
                           spec.shape.toString() + ", data " + dimsToString(tensor.dims()) + ")",
                       where);
    if (!dim.isKnown() && !dim.symbol.empty()) {
      auto [it, fresh] = bindings.emplace(dim.symbol, actual);
      if (!fresh && it->second != actual)
        return makeError(ErrorCode::ShapeMismatch,
                         "dim " + std::to_string(d) + " ('" + dim.symbol + "') is " +
                             std::to_string(actual) + " but another input already set '" +
                             dim.symbol + "' to " + std::to_string(it->second),
                         where);
    }
  }
  return Status::ok();
}

void countNonFinite(const Tensor& tensor, int64_t& nanCount, int64_t& infCount) {
  nanCount = infCount = 0;
  int64_t count = tensor.numel();
  auto scan = [&](auto toFloat) {
    for (int64_t i = 0; i < count; ++i) {
      double v = toFloat(i);
      if (std::isnan(v))
        ++nanCount;
      else if (std::isinf(v))
        ++infCount;
    }
  };
  switch (tensor.dtype()) {
    case DType::Float32: {
      // Bit test: exponent all ones ⇔ NaN or Inf; fast path for the common all-finite tensor.
      const auto* bits = tensor.data<uint32_t>();
      for (int64_t i = 0; i < count; ++i)
        if ((bits[i] & 0x7f800000u) == 0x7f800000u)
          ((bits[i] & 0x007fffffu) ? nanCount : infCount)++;
      break;
    }
    case DType::Float64:
      scan([&](int64_t i) { return tensor.data<double>()[i]; });
      break;
    case DType::Float16:
      scan([&](int64_t i) { return static_cast<double>(halfToFloat(tensor.data<uint16_t>()[i])); });
      break;
    case DType::BFloat16:
      scan([&](int64_t i) {
        return static_cast<double>(bfloat16ToFloat(tensor.data<uint16_t>()[i]));
      });
      break;
    default:
      break;
  }
}

std::string sanitizeFileName(const std::string& name) {
  std::string out;
  for (char c : name) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '-' || c == '_';
    out += keep ? c : '_';
  }
  while (!out.empty() && out.front() == '.') out.erase(out.begin());
  if (out.empty()) out = "value";
  if (out.size() > 180) out = out.substr(0, 180);
  return out;
}

}  // namespace mb::exec
