// ONNX's backend node-suite cases (<case>/model.onnx, test_data_set_*/input_N.pb, output_N.pb),
// shared by the ONNX-dialect and MindSpore-dialect suites: the skip list, running a graph on every
// data set and comparing with the expected outputs the way ONNX's backend test does.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "ir/graph.h"
#include "ir/tensor.h"

namespace mbtest {

// "<case> <reason>" lines; '#' comments and blank lines ignored.
std::map<std::string, std::string> loadSkipList(const std::string& path);

// Empty when equal (|a − e| ≤ atol + rtol·|e| for floats, NaN = NaN, same infinities; exact for
// integers, bools and strings), else what differs.
std::string compareWithExpected(const mb::Tensor& actual, const mb::Tensor& expected, double rtol,
                                double atol);

// Runs `graph` on each test_data_set_* of `caseDir` (inputs bound in graph input order, a missing
// input_N.pb = an omitted optional input) and compares every output; empty when all match.
std::string runNodeSuiteCase(const std::filesystem::path& caseDir, const mb::Graph& graph,
                             double rtol = 1e-3, double atol = 1e-7);

}  // namespace mbtest
