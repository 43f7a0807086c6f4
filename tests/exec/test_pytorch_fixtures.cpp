// Every fixture model (exported by PyTorch with seeded weights) runs through the executor on the
// inputs the fixture script saved; outputs must match PyTorch's within
// max_abs ≤ 1e-4 · max(1, max|ref|) and cosine ≥ 0.99999. For train exports (BatchNorm kept, node
// names carrying module paths) every module whose forward-hook output maps to a node output is
// compared the same way.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "exec/executor.h"
#include "io/npy.h"
#include "io/onnx_importer.h"
#include "test_paths.h"

using namespace mb;
namespace fs = std::filesystem;

namespace {

struct Closeness {
  double maxAbs = 0, maxRef = 0, cosine = 1;
  bool ok = false;
  std::string why;
};

Closeness closeness(const Tensor& got, const Tensor& ref) {
  Closeness c;
  if (got.numel() != ref.numel()) {
    c.why = "shape " + dimsToString(got.dims()) + " vs reference " + dimsToString(ref.dims());
    return c;
  }
  double dot = 0, ng = 0, nr = 0;
  bool nonFinite = false;
  for (int64_t i = 0; i < got.numel(); ++i) {
    double g = got.elementAsDouble(i), r = ref.elementAsDouble(i);
    if (!std::isfinite(g) || !std::isfinite(r)) {
      if (!(std::isnan(g) && std::isnan(r)) && g != r) nonFinite = true;
      continue;
    }
    c.maxAbs = std::max(c.maxAbs, std::fabs(g - r));
    c.maxRef = std::max(c.maxRef, std::fabs(r));
    dot += g * r;
    ng += g * g;
    nr += r * r;
  }
  c.cosine = (ng == 0 && nr == 0) ? 1.0 : dot / (std::sqrt(ng) * std::sqrt(nr) + 1e-300);
  c.ok = !nonFinite && c.maxAbs <= 1e-4 * std::max(1.0, c.maxRef) && c.cosine >= 0.99999;
  if (!c.ok) {
    char text[200];
    std::snprintf(text, sizeof text, "max_abs %.3g (limit %.3g), cosine %.7f%s", c.maxAbs,
                  1e-4 * std::max(1.0, c.maxRef), c.cosine, nonFinite ? ", NaN/Inf differ" : "");
    c.why = text;
  }
  return c;
}

// "/layer1/layer1.0/conv1/Conv" → "layer1.0.conv1": torch names scopes either by full module path
// or by the attribute name relative to the parent; both fold into the dotted module path.
std::string modulePathOfNode(const std::string& nodeName) {
  if (nodeName.empty() || nodeName[0] != '/') return {};
  std::vector<std::string> segments;
  size_t start = 1;
  while (true) {
    size_t slash = nodeName.find('/', start);
    if (slash == std::string::npos) break;  // the last segment is the op name
    segments.push_back(nodeName.substr(start, slash - start));
    start = slash + 1;
  }
  std::string path;
  for (const auto& seg : segments) {
    if (!path.empty() && seg.rfind(path + ".", 0) == 0)
      path = seg;
    else
      path = path.empty() ? seg : path + "." + seg;
  }
  return path;
}

std::vector<int64_t> squeezed(const std::vector<int64_t>& dims) {
  std::vector<int64_t> out;
  for (int64_t d : dims)
    if (d != 1) out.push_back(d);
  return out;
}

// The value a module's first output maps to: the first output of the last node (file order)
// inside the module's scope.
std::map<std::string, std::string> moduleOutputs(const Graph& graph) {
  std::map<std::string, std::string> last;
  for (const auto& node : graph.nodes) {
    std::string path = modulePathOfNode(node.name);
    if (path.empty() || node.outputs.empty() || node.outputs[0] == kNoValue) continue;
    // Every enclosing module ends here too (for now).
    for (std::string p = path;;) {
      last[p] = graph.value(node.outputs[0]).name;
      auto dot = p.rfind('.');
      if (dot == std::string::npos) break;
      p = p.substr(0, dot);
    }
  }
  return last;
}

}  // namespace

class TestPytorchFixtures : public QObject {
  Q_OBJECT
 private slots:
  void allModelsMatchPytorch() {
    fs::path models = fs::path(mbtest::fixtureDir()) / "models";
    QVERIFY2(fs::is_directory(models), "fixtures missing: run the 'models' fixture");
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(models))
      if (entry.path().extension() == ".onnx") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    QVERIFY(files.size() >= 40);
    int failures = 0, modulesCompared = 0, modulesFailed = 0;
    for (const auto& file : files) {
      std::string stem = file.stem().string();
      std::string name = stem.substr(0, stem.find("_op"));
      bool train = stem.size() > 6 && stem.substr(stem.size() - 6) == "_train";
      fs::path data = fs::path(mbtest::fixtureDir()) / "data" / name;
      auto imported = importOnnxFile(file.string());
      if (!imported) {
        std::cout << "FAIL " << stem << ": " << imported.error().describe() << "\n";
        ++failures;
        continue;
      }
      const Graph& graph = imported->graph;
      std::map<std::string, Tensor> inputs;
      for (ValueId id : graph.inputs) {
        auto t = readNpy((data / "inputs" / (graph.value(id).name + ".npy")).string());
        QVERIFY2(t.hasValue(), t ? "" : t.error().describe().c_str());
        inputs[graph.value(id).name] = *t;
      }
      exec::Executor executor(graph);
      exec::RunOptions options;
      if (train) options.taps.mode = exec::TapMode::All;
      auto result = executor.run(inputs, options);
      if (!result) {
        std::cout << "FAIL " << stem << ": " << result.error().describe() << "\n";
        ++failures;
        continue;
      }
      std::string line = stem + ":";
      bool ok = true;
      for (ValueId id : graph.outputs) {
        const std::string& out = graph.value(id).name;
        auto ref = readNpy((data / "outputs" / (out + ".npy")).string());
        QVERIFY2(ref.hasValue(), ref ? "" : ref.error().describe().c_str());
        Closeness c = closeness(result->outputs.at(out), *ref);
        char text[160];
        std::snprintf(text, sizeof text, " %s max_abs %.2g cos %.8f", out.c_str(), c.maxAbs,
                      c.cosine);
        line += text;
        if (!c.ok) {
          line += " [" + c.why + "]";
          ok = false;
        }
      }
      if (train) {
        std::ifstream metaFile(data / "meta.json");
        auto meta = nlohmann::json::parse(metaFile);
        auto mapping = moduleOutputs(graph);
        int compared = 0, matched = 0, unmapped = 0;
        for (const auto& module : meta["modules"]) {
          std::string path = module["path"];
          if (module["outputs"].empty() || !mapping.count(path)) continue;
          auto tap = result->taps.find(mapping.at(path));
          if (tap == result->taps.end()) continue;
          auto ref = readNpy(
              (data / "modules" / module["outputs"][0]["file"].get<std::string>()).string());
          QVERIFY(ref.hasValue());
          if (squeezed(ref->dims()) != squeezed(tap->second.dims())) {
            // The scope's last value is not the module's output (e.g. the LSTM's output stays
            // time-major in the graph while the module returns it batch-first): nothing to compare.
            ++unmapped;
            continue;
          }
          ++compared;
          Closeness c = closeness(tap->second, *ref);
          if (c.ok) {
            ++matched;
          } else {
            std::cout << "  module " << path << " (value " << mapping.at(path) << "): " << c.why
                      << "\n";
          }
        }
        line += " modules " + std::to_string(matched) + "/" + std::to_string(compared) + " (" +
                std::to_string(unmapped) + " without a same-shape node output)";
        modulesCompared += compared;
        modulesFailed += compared - matched;
        if (matched != compared) ok = false;
        if (compared == 0) {
          line += " [no module mapped to a node output]";
          ok = false;
        }
      }
      std::cout << (ok ? "ok   " : "FAIL ") << line << "\n";
      if (!ok) ++failures;
    }
    std::cout << files.size() - static_cast<size_t>(failures) << " of " << files.size()
              << " models match PyTorch; " << modulesCompared - modulesFailed << " of "
              << modulesCompared << " module outputs match\n";
    std::fflush(stdout);
    QCOMPARE(failures, 0);
  }
};

QTEST_APPLESS_MAIN(TestPytorchFixtures)
#include "test_pytorch_fixtures.moc"
