// Every MindSpore API the executor has a kernel for exists in MindSpore 2.7's public API table
// (../shared/reference/mindspore-api/mindspore_api.json), so a kernel can never make an invented
// name look valid. "not_bound" mint names (listed in __all__ but never imported) do not count.
#include <QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

#include "exec/kernel.h"
#include "test_paths.h"

class TestMsApiNames : public QObject {
  Q_OBJECT
 private slots:
  void everyKernelApiExistsInMindSpore27() {
    // ../shared beside the checkout; a git worktree one level deeper looks two levels up.
    const std::string rel = "/reference/mindspore-api/mindspore_api.json";
    std::ifstream in(mbtest::sharedDir() + rel);
    if (!in.good()) in = std::ifstream(mbtest::sourceDir() + "/../../shared" + rel);
    QVERIFY2(in.good(), "mindspore_api.json not found beside the checkout");
    const nlohmann::json table = nlohmann::json::parse(in);
    auto bound = [&](const char* section, const std::string& name) {
      if (!table.contains(section) || !table[section].contains(name)) return false;
      const auto& e = table[section][name];
      return !(e.is_object() && e.value("kind", "") == "not_bound");
    };
    const std::vector<std::pair<std::string, std::vector<const char*>>> prefixes = {
        {"mindspore.mint.nn.functional.", {"mint_nn_functional"}},
        {"mindspore.mint.nn.", {"mint_nn"}},
        {"mindspore.mint.", {"mint"}},
        {"mindspore.nn.", {"nn"}},
        {"mindspore.ops.", {"ops_functions", "ops_primitives"}},
    };
    std::vector<std::string> unknown;
    const auto apis = mb::exec::registeredMindSporeApis();
    QVERIFY(apis.size() > 250);
    for (const auto& api : apis) {
      bool found = false;
      for (const auto& [prefix, sections] : prefixes) {
        if (api.rfind(prefix, 0) != 0) continue;
        const std::string name = api.substr(prefix.size());
        for (const char* s : sections) found = found || bound(s, name);
        break;
      }
      if (!found) unknown.push_back(api);
    }
    std::string list;
    for (const auto& u : unknown) list += u + " ";
    QVERIFY2(unknown.empty(), ("not in MindSpore 2.7: " + list).c_str());
  }
};

QTEST_APPLESS_MAIN(TestMsApiNames)
#include "test_ms_api_names.moc"
