#include "node_suite_case.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "exec/executor.h"
#include "io/npy.h"

namespace fs = std::filesystem;

namespace mbtest {
namespace {

// onnx 1.12's generator stores bfloat16 test data as uint16 tensors (same bits); read them as the
// model declares them.
mb::Tensor asDeclared(const mb::Tensor& t, mb::DType declared) {
  if (declared == mb::DType::BFloat16 && t.dtype() == mb::DType::UInt16)
    return mb::Tensor::fromBytes(mb::DType::BFloat16, t.dims(), {t.bytes(), t.nbytes()});
  return t;
}

}  // namespace

std::map<std::string, std::string> loadNodeSuiteSkips(const std::string& path) {
  std::map<std::string, std::string> skips;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.find_first_of(" \t");
    skips[line.substr(0, space)] =
        space == std::string::npos ? "" : line.substr(line.find_first_not_of(" \t", space));
  }
  return skips;
}

std::string compareNodeSuiteTensors(const mb::Tensor& actual, const mb::Tensor& expected,
                                    double rtol, double atol) {
  if (actual.dtype() != expected.dtype())
    return "dtype " + std::string(mb::dtypeName(actual.dtype())) + " != expected " +
           std::string(mb::dtypeName(expected.dtype()));
  if (actual.dims() != expected.dims())
    return "shape " + mb::dimsToString(actual.dims()) + " != expected " +
           mb::dimsToString(expected.dims());
  if (actual.dtype() == mb::DType::String)
    return actual.stringValues() == expected.stringValues() ? "" : "strings differ";
  const bool floating = mb::isFloating(actual.dtype());
  int64_t bad = 0, first = -1;
  double worst = 0;
  for (int64_t i = 0; i < actual.numel(); ++i) {
    if (floating) {
      const double a = actual.elementAsDouble(i), e = expected.elementAsDouble(i);
      if (std::isnan(a) && std::isnan(e)) continue;
      if (std::isinf(a) && a == e) continue;
      const double diff = std::fabs(a - e);
      if (diff <= atol + rtol * std::fabs(e)) continue;
      worst = std::max(worst, std::isnan(diff) ? INFINITY : diff);
    } else if (actual.elementAsInt64(i) == expected.elementAsInt64(i) &&
               actual.elementAsDouble(i) == expected.elementAsDouble(i)) {
      continue;
    }
    if (first < 0) first = i;
    ++bad;
  }
  if (!bad) return "";
  std::ostringstream text;
  text << bad << " of " << actual.numel() << " elements differ (first at " << first << ": got "
       << actual.elementAsDouble(first) << ", expected " << expected.elementAsDouble(first);
  if (floating) text << "; max |diff| " << worst;
  text << ")";
  return text.str();
}

std::string runNodeSuiteCase(const fs::path& dir, const mb::Graph& graph, double rtol,
                             double atol) {
  mb::exec::Executor executor(graph);
  int sets = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_directory() || entry.path().filename().string().rfind("test_data_set_", 0) != 0)
      continue;
    ++sets;
    std::map<std::string, mb::Tensor> inputs;
    for (size_t i = 0; i < graph.inputs.size(); ++i) {
      const fs::path file = entry.path() / ("input_" + std::to_string(i) + ".pb");
      if (!fs::exists(file)) continue;  // an optional input the case leaves out
      auto tensor = mb::readTensorProtoFile(file.string());
      if (!tensor) return "input " + std::to_string(i) + ": " + tensor.error().describe();
      const mb::Value& input = graph.value(graph.inputs[i]);
      inputs[input.name] = asDeclared(*tensor, input.dtype);
    }
    auto result = executor.run(inputs);
    if (!result) return result.error().describe();
    for (size_t o = 0; o < graph.outputs.size(); ++o) {
      const fs::path file = entry.path() / ("output_" + std::to_string(o) + ".pb");
      auto expected = mb::readTensorProtoFile(file.string());
      if (!expected) return "output " + std::to_string(o) + ": " + expected.error().describe();
      const mb::Value& output = graph.value(graph.outputs[o]);
      auto it = result->outputs.find(output.name);
      if (it == result->outputs.end()) return "output '" + output.name + "' was not computed";
      const std::string diff =
          compareNodeSuiteTensors(it->second, asDeclared(*expected, output.dtype), rtol, atol);
      if (!diff.empty()) return "output '" + output.name + "': " + diff;
    }
  }
  return sets ? "" : "no test_data_set_* folder";
}

}  // namespace mbtest
