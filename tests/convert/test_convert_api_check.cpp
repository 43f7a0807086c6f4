// Every API a converter emits, every constructor / call keyword and every Parameter name must exist
// in MindSpore 2.7 (../shared/reference/mindspore-api/mindspore_api.json). Checked on the fixture
// models and on all ONNX backend node-suite models, at both API levels.
#include <QtTest>

#include <QProcess>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "convert_test_util.h"
#include "io/onnx_importer.h"
#include "test_paths.h"

using namespace mb;
using namespace mb::convert;

namespace {

struct ApiEntry {
  bool found = false;
  bool anyKeyword = false;  // **kwargs
  std::set<std::string> ctorArgs, callArgs;
  std::vector<std::regex> params;
};

class ApiIndex {
 public:
  explicit ApiIndex(const nlohmann::json& j) : j_(j) {}

  ApiEntry lookup(const std::string& api) {
    auto cached = cache_.find(api);
    if (cached != cache_.end()) return cached->second;
    ApiEntry e = resolve(api);
    cache_[api] = e;
    return e;
  }

 private:
  static void addNames(const nlohmann::json& sig, std::set<std::string>& into, bool& anyKeyword) {
    if (!sig.is_array()) return;
    for (const auto& p : sig) {
      std::string kind = p.value("kind", "");
      if (kind == "var_keyword")
        anyKeyword = true;
      else if (kind != "var_positional")
        into.insert(p["name"].get<std::string>());
    }
  }
  void addCellParams(const nlohmann::json& cell, ApiEntry& e, const std::string& prefix) {
    for (const auto& p : cell.value("parameters", nlohmann::json::array())) {
      std::string pattern =
          std::regex_replace(p.get<std::string>(), std::regex(R"(\{[^}]*\})"), "@");
      std::string escaped;
      for (char c : pattern)
        escaped += c == '@'   ? std::string("[A-Za-z0-9_]*")
                   : c == '.' ? std::string("\\.")
                              : std::string(1, c);
      e.params.emplace_back(prefix + escaped);
    }
    for (const auto& child : cell.value("children", nlohmann::json::array())) {
      std::string cls = child.value("class", "");
      std::string name = cls.substr(cls.rfind('.') + 1);
      if (j_["nn"].contains(name))
        addCellParams(j_["nn"][name], e, prefix + child["name"].get<std::string>() + "\\.");
    }
  }
  void fromEntry(const nlohmann::json& entry, ApiEntry& e) {
    e.found = true;
    std::string kind = entry.value("kind", "");
    if (kind == "cell") {
      addNames(entry.contains("init_effective") ? entry["init_effective"] : entry["init"],
               e.ctorArgs, e.anyKeyword);
      bool dummy = false;
      addNames(entry["construct"], e.callArgs, dummy);
      addCellParams(entry, e, "");
      return;
    }
    if (entry.contains("init") || entry.contains("call")) {  // Primitive class
      bool dummy = false;
      addNames(entry.value("init", nlohmann::json::array()), e.ctorArgs, dummy);
      addNames(entry.value("call", nlohmann::json::array()), e.callArgs, dummy);
      return;
    }
    bool any = false;
    addNames(entry.value("signature", nlohmann::json::array()), e.callArgs, any);
    for (const auto& o : entry.value("overloads", nlohmann::json::array()))
      addNames(o["signature"], e.callArgs, any);
    e.anyKeyword = any;
  }
  ApiEntry resolve(const std::string& api) {
    ApiEntry e;
    auto tryIn = [&](const char* section, const std::string& name) {
      if (!e.found && j_[section].contains(name) &&
          j_[section][name].value("kind", "") != "not_bound")
        fromEntry(j_[section][name], e);
    };
    auto tail = [&](const std::string& prefix) { return api.substr(prefix.size()); };
    if (api.rfind("mindspore.mint.nn.functional.", 0) == 0)
      tryIn("mint_nn_functional", tail("mindspore.mint.nn.functional."));
    else if (api.rfind("mindspore.mint.nn.", 0) == 0)
      tryIn("mint_nn", tail("mindspore.mint.nn."));
    else if (api.rfind("mindspore.mint.", 0) == 0)
      tryIn("mint", tail("mindspore.mint."));
    else if (api.rfind("mindspore.nn.", 0) == 0)
      tryIn("nn", tail("mindspore.nn."));
    else if (api.rfind("mindspore.ops.", 0) == 0) {
      tryIn("ops_functions", tail("mindspore.ops."));
      tryIn("ops_primitives", tail("mindspore.ops."));
    }
    return e;
  }
  const nlohmann::json& j_;
  std::map<std::string, ApiEntry> cache_;
};

struct Tally {
  size_t graphs = 0, nodes = 0;
  std::set<std::string> apis;
  std::vector<std::string> problems;
};

void checkGraph(ApiIndex& index, const ConversionResult& r, const std::string& where, Tally& t) {
  ++t.graphs;
  for (const auto& n : r.converted.nodes) {
    if (n.unconverted) continue;
    ++t.nodes;
    t.apis.insert(n.opType);
    ApiEntry e = index.lookup(n.opType);
    if (!e.found) {
      t.problems.push_back(where + ": API " + n.opType + " does not exist in MindSpore 2.7");
      continue;
    }
    for (const auto& a : n.attrs.items())
      if (!e.ctorArgs.count(a.name) && !e.anyKeyword)
        t.problems.push_back(where + ": " + n.opType + " has no constructor argument '" + a.name +
                             "'");
    for (const auto& a : n.callArgs.items())
      if (!e.callArgs.count(a.name) && !e.anyKeyword)
        t.problems.push_back(where + ": " + n.opType + " has no call argument '" + a.name + "'");
    for (const auto& p : n.params) {
      bool ok = std::any_of(e.params.begin(), e.params.end(),
                            [&](const std::regex& re) { return std::regex_match(p.name, re); });
      if (!ok) t.problems.push_back(where + ": " + n.opType + " has no Parameter '" + p.name + "'");
    }
  }
}

// ../shared beside the checkout (CI), or beside the worktrees folder (git worktrees here).
std::string apiJsonPath() {
  const std::string rel = "/reference/mindspore-api/mindspore_api.json";
  std::vector<std::string> candidates = {mbtest::sharedDir(),
                                         mbtest::sourceDir() + "/../../shared"};
  if (const char* env = std::getenv("MB_SHARED_DIR")) candidates.insert(candidates.begin(), env);
  for (const auto& c : candidates)
    if (std::filesystem::exists(c + rel)) return c + rel;
  return mbtest::sharedDir() + rel;
}

}  // namespace

class TestConvertApiCheck : public QObject {
  Q_OBJECT
  nlohmann::json json_;

 private slots:
  void initTestCase() {
    std::ifstream in(apiJsonPath());
    QVERIFY2(
        in, ("cannot read " + apiJsonPath() + " (../shared must sit beside the checkout)").c_str());
    json_ = nlohmann::json::parse(in);
  }

  void committedApiIndexIsUpToDate() {
    // core/convert/mindspore_api_names.inc must equal what gen_api_names.py makes of the JSON.
    QProcess gen;
    gen.start(QString::fromStdString(mbtest::pythonExe()),
              {QString::fromStdString(mbtest::sourceDir() + "/core/convert/gen_api_names.py"),
               QString::fromStdString(apiJsonPath())});
    QVERIFY(gen.waitForFinished(120000));
    QVERIFY2(gen.exitCode() == 0, gen.readAllStandardError().constData());
    std::ifstream committed(mbtest::sourceDir() + "/core/convert/mindspore_api_names.inc");
    std::string text((std::istreambuf_iterator<char>(committed)), std::istreambuf_iterator<char>());
    QVERIFY2(gen.readAllStandardOutput().toStdString() == text,
             "mindspore_api_names.inc is stale: run core/convert/gen_api_names.py JSON "
             "core/convert/mindspore_api_names.inc");
  }

  void checkerHasTeeth() {
    ApiIndex index(json_);
    QVERIFY(!index.lookup("mindspore.nn.NoSuchCell").found);
    QVERIFY(!index.lookup("mindspore.mint.Conv2d").found);  // in mint.__all__ but never bound
    ApiEntry conv = index.lookup("mindspore.nn.Conv2d");
    QVERIFY(conv.found && conv.ctorArgs.count("pad_mode") && !conv.ctorArgs.count("groups"));
    ApiEntry mconv = index.lookup("mindspore.mint.nn.Conv2d");
    QVERIFY(mconv.ctorArgs.count("groups") && !mconv.ctorArgs.count("pad_mode"));
    ApiEntry bn3 = index.lookup("mindspore.nn.BatchNorm3d");
    QVERIFY(std::any_of(bn3.params.begin(), bn3.params.end(),
                        [](const std::regex& r) { return std::regex_match("bn2d.gamma", r); }));
    ApiEntry lstm = index.lookup("mindspore.nn.LSTM");
    QVERIFY(std::any_of(lstm.params.begin(), lstm.params.end(), [](const std::regex& r) {
      return std::regex_match("weight_ih_l0_reverse", r);
    }));
    QVERIFY(lstm.ctorArgs.count("bidirectional"));
    ConversionResult fake;
    Node n;
    n.dialect = Dialect::MindSpore;
    n.opType = "mindspore.nn.Conv2d";
    n.attrs.set("groups", int64_t{2});
    fake.converted.nodes.push_back(n);
    Tally t;
    checkGraph(index, fake, "fake", t);
    QCOMPARE(t.problems.size(), size_t{1});
  }

  void fixtureModelsEmitOnlyRealApis() {
    auto models = mbtest::fixtureModels();
    if (models.empty() && !mbtest::fixtureGeneratorExists())
      QSKIP(
          "fixture models not generated yet: tests/fixtures/make_fixtures.py is not in this "
          "checkout");
    QVERIFY2(!models.empty(), "fixture models missing although make_fixtures.py exists");
    ApiIndex index(json_);
    Tally t;
    for (const auto& path : models) {
      auto imported = importOnnxFile(path);
      QVERIFY2(imported, path.c_str());
      for (TargetApi api : {TargetApi::Classic, TargetApi::Mint}) {
        ConvertOptions o;
        o.api = api;
        auto r = convertGraph(imported->graph, o);
        QVERIFY(r);
        checkGraph(index, *r,
                   std::filesystem::path(path).filename().string() + "/" + targetApiName(api), t);
      }
    }
    for (const auto& p : t.problems) qWarning("%s", p.c_str());
    qInfo("fixtures: %zu conversions, %zu nodes, %zu distinct APIs checked", t.graphs, t.nodes,
          t.apis.size());
    QCOMPARE(t.problems.size(), size_t{0});
  }

  void nodeSuiteEmitsOnlyRealApis() {
    std::string dir = mbtest::nodeSuiteDir() + "/node";
    QVERIFY2(std::filesystem::exists(dir), "ONNX node suite not generated (fixture node_suite)");
    ApiIndex index(json_);
    Tally t;
    size_t converted = 0, unconverted = 0;
    std::map<std::string, int> unconvertedOps;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      auto model = e.path() / "model.onnx";
      if (!std::filesystem::exists(model)) continue;
      auto imported = importOnnxFile(model.string());
      if (!imported) continue;  // cases the importer refuses are the importer's tests' business
      for (TargetApi api : {TargetApi::Classic, TargetApi::Mint}) {
        ConvertOptions o;
        o.api = api;
        auto r = convertGraph(imported->graph, o);
        QVERIFY(r);
        for (const auto& rec : r->records) {
          if (rec.status == NodeStatus::Unconverted) {
            ++unconverted;
            if (api == TargetApi::Classic) unconvertedOps[rec.opType]++;
          } else {
            ++converted;
          }
        }
        checkGraph(index, *r, e.path().filename().string() + "/" + targetApiName(api), t);
      }
    }
    for (const auto& p : t.problems) qWarning("%s", p.c_str());
    qInfo(
        "node suite: %zu conversions, %zu MindSpore nodes checked, %zu distinct APIs; source nodes "
        "converted %zu, "
        "unconverted %zu",
        t.graphs, t.nodes, t.apis.size(), converted, unconverted);
    std::string ops;
    for (const auto& [op, n] : unconvertedOps) ops += op + "(" + std::to_string(n) + ") ";
    qInfo("unconverted op types (classic): %s", ops.c_str());
    QVERIFY(t.graphs > 100);
    QCOMPARE(t.problems.size(), size_t{0});
  }
};

QTEST_APPLESS_MAIN(TestConvertApiCheck)
#include "test_convert_api_check.moc"
