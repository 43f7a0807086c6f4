// Model inputs for a run: loaded from tensor files or generated from a seed to match the model's
// input specs (dtype and shape; symbolic dims need a value from the user).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "util/status.h"

namespace mb {

struct RandomInputOptions {
  uint64_t seed = 0;
  // Input name → full shape (overrides the model's, required where a dim is symbolic or unknown).
  std::map<std::string, std::vector<int64_t>> shapes;
  // Symbol → value ("batch" → 1), used for symbolic dims of inputs without an explicit shape.
  std::map<std::string, int64_t> dimValues;
  // Integer inputs are drawn uniformly from [intLow, intHigh); floats from a standard normal.
  int64_t intLow = 0;
  int64_t intHigh = 10;
};

// The concrete shape a run will use for `spec`, or an error naming the input and the dim to give.
Expected<std::vector<int64_t>> resolveInputShape(const Value& spec,
                                                 const RandomInputOptions& options);

// One seeded tensor of the given dtype and dims. Identical seeds give identical data on every
// platform (our own generator, not std::normal_distribution).
Expected<Tensor> randomTensor(DType dtype, const std::vector<int64_t>& dims, uint64_t seed,
                              int64_t intLow = 0, int64_t intHigh = 10);

// Random data for every runtime input of the graph that `given` does not already supply; input i
// uses seed + i so each input's data is stable when others change.
Expected<std::map<std::string, Tensor>> randomInputs(
    const Graph& graph, const RandomInputOptions& options,
    const std::map<std::string, Tensor>& given = {});

}  // namespace mb
