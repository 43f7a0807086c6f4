// Reading and checking one ONNX backend node-suite case (model.onnx + test_data_set_*/input_N.pb,
// output_N.pb), shared by the ONNX-dialect suite (tests/exec) and the MindSpore-dialect one
// (tests/compare). Comparison is ONNX's backend test: |a − e| ≤ atol + rtol·|e| for floats (NaN
// matches NaN, ±inf matches itself), exact for integers, bools and strings.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "ir/graph.h"
#include "ir/tensor.h"

namespace mbtest {

// "<case> <reason>" lines ('#' comments and blank lines ignored) → case → reason.
std::map<std::string, std::string> loadNodeSuiteSkips(const std::string& path);

// Empty when equal within tolerance, else what differs (dtype, shape, or how many elements).
std::string compareNodeSuiteTensors(const mb::Tensor& actual, const mb::Tensor& expected,
                                    double rtol = 1e-3, double atol = 1e-7);

// Runs every test_data_set_* of the case in `dir` through `graph` (either dialect) and compares
// its outputs. Empty when everything matches, else the first problem.
std::string runNodeSuiteCase(const std::filesystem::path& dir, const mb::Graph& graph,
                             double rtol = 1e-3, double atol = 1e-7);

}  // namespace mbtest
