// Runs a Graph of either dialect on the CPU. ONNX nodes run the kernel registered for their opset;
// MindSpore nodes run the kernel registered for their API with their Parameters bound. Values are
// freed after their last consumer unless tapped, so memory follows the live set, not the graph.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "util/status.h"

namespace mb::exec {

class ThreadPool;
struct Plan;
struct Scope;
class GraphRun;

enum class TapMode {
  None,      // keep only graph outputs
  All,       // keep every computed value in memory
  Selected,  // keep the values named in TapOptions::names
  Spill,     // write every computed value to TapOptions::spillDir/<sanitised name>.npy
};

struct TapOptions {
  TapMode mode = TapMode::None;
  std::set<std::string> names;  // TapMode::Selected
  std::string spillDir;         // TapMode::Spill
};

struct RunOptions {
  TapOptions taps;
  // Bytes of live tensors (inputs, intermediates, kept taps; not the graph's initializers) the run
  // may hold at once; 0 = no limit. Exceeding it stops the run with LimitExceeded naming the node.
  uint64_t memoryBudget = 0;
  // Count NaN / Inf in every floating output a node produces (a cheap scan; flagged, not an error).
  bool checkNonFinite = true;
  std::atomic<bool>* cancel = nullptr;  // set to true from any thread to stop between nodes
  // Called after each node: nodes done, nodes total, the node just run.
  std::function<void(size_t done, size_t total, const std::string& node)> progress;
};

// A value whose data holds NaN or Inf.
struct NonFiniteReport {
  std::string value;
  std::string node;  // producer ("" for a graph input)
  int64_t nanCount = 0;
  int64_t infCount = 0;
};

struct RunResult {
  std::map<std::string, Tensor> outputs;       // computed graph outputs by name
  std::map<std::string, Tensor> taps;          // kept intermediate values (All / Selected)
  std::map<std::string, std::string> spilled;  // value name → .npy path (Spill)
  // Values that could not be computed because an unconverted node lies upstream, with the
  // unconverted node's name.
  std::map<std::string, std::string> notComputed;
  std::vector<NonFiniteReport> nonFinite;
  uint64_t peakBytes = 0;  // highest live-set size reached
  size_t nodesRun = 0;
};

struct ExecutorOptions {
  int threads = 2;
};

class Executor {
 public:
  // The graph must outlive the executor.
  explicit Executor(const Graph& graph, ExecutorOptions options = {});
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Checks once that the graph is runnable: a topological order exists and every node that is
  // not marked unconverted has a kernel. run() calls it; callers may call it early to fail fast.
  Status prepare();
  // Runs the graph. `inputs` maps graph input names to tensors; every runtime input is required,
  // and dtypes and known dims must agree with the graph's declarations.
  Expected<RunResult> run(const std::map<std::string, Tensor>& inputs,
                          const RunOptions& options = {});

  ThreadPool* pool() { return pool_.get(); }

 private:
  friend class GraphRun;
  Expected<const Plan*> planFor(const Graph& graph);
  // Runs a control-flow body with positional inputs inside the scope of the running graph.
  Expected<std::vector<Tensor>> runBody(const Graph& body, const std::vector<Tensor>& inputs,
                                        const RunOptions& options, const Scope* scope);

  const Graph& graph_;
  ExecutorOptions options_;
  std::unique_ptr<ThreadPool> pool_;
  std::mutex planMutex_;
  std::map<const Graph*, std::unique_ptr<Plan>> plans_;
};

// Checks a tensor against a value's declared dtype and shape; `bindings` collects symbolic dims so
// that "batch" means the same number across inputs. Used for graph inputs.
Status checkInputAgainstSpec(const Value& spec, const Tensor& tensor,
                             std::map<std::string, int64_t>& bindings);

// Counts NaN and Inf elements of a floating tensor (zeros for other dtypes).
void countNonFinite(const Tensor& tensor, int64_t& nanCount, int64_t& infCount);

// "layer1.0/conv#1:out" → "layer1.0_conv_1_out": a value name usable as a file name.
std::string sanitizeFileName(const std::string& name);

}  // namespace mb::exec
