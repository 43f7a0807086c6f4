// The rewrite engine: table rows and our argument rules (classic and mint), seed 004's mapping list
// as test data, the report formats, per-change accept / reject, and the parameter keys a rewritten
// model creates.
#include <QtTest>
#include <fstream>
#include <sstream>

#include "migrate/api_tables.h"
#include "migrate/cell_keys.h"
#include "migrate/migration_report.h"
#include "migrate/python_ast.h"
#include "migrate/script_migrator.h"
#include "test_paths.h"

using namespace mb::migrate;

namespace {

const char* kHeader =
    "import torch\n"
    "import torch.nn as nn\n"
    "import torch.nn.functional as F\n"
    "\n"
    "\n"
    "class Net(nn.Module):\n"
    "    def method(self):\n";

// Migrates `line` inside a method of an nn.Module and returns the rewritten line (marker
// comments above it skipped).
std::string rewriteLine(const std::string& line, TargetApi api, MigrationResult* out = nullptr) {
  std::string src = std::string(kHeader) + "        " + line + "\n";
  if (!line.empty() && line.back() == ':') src += "            pass\n";
  auto r = migrateScript(src, "snippet.py", {api});
  if (!r) return "ERROR " + r.error().describe();
  if (out) *out = *r;
  std::istringstream in(r->output);
  bool inMethod = false;
  for (std::string l; std::getline(in, l);) {
    if (l.find("def method(self)") != std::string::npos) {
      inMethod = true;
      continue;
    }
    if (!inMethod || l.find("# MindBridge: not converted") != std::string::npos) continue;
    return l.substr(std::min<size_t>(8, l.size()));
  }
  return "NOT FOUND";
}

std::string classic(const std::string& line) {
  return rewriteLine(line, TargetApi::Classic);
}
std::string mint(const std::string& line) {
  return rewriteLine(line, TargetApi::Mint);
}

}  // namespace

class TestScriptMigrator : public QObject {
  Q_OBJECT

 private slots:
  void tablesAreCompiledIn() {
    const auto& t = ApiTables::instance();
    QCOMPARE(t.rows(TargetApi::Classic).size(), size_t(874));
    QCOMPARE(t.rows(TargetApi::Mint).size(), size_t(514));
    QCOMPARE(t.mindsporeVersion(), std::string("2.7.0"));
    const ApiMapping* linear = t.mapping(TargetApi::Classic, "torch.nn.Linear");
    QVERIFY(linear);
    QCOMPARE(linear->mindsporeApi, std::string("mindspore.nn.Dense"));
    QVERIFY(linear->status == MappingStatus::Diff);
    const ApiEntry* dense = t.api("mindspore.nn.Dense");
    QVERIFY(dense && dense->isCell());
    QVERIFY(dense->acceptsKeyword("has_bias"));
    QVERIFY(!dense->acceptsKeyword("bias"));
    QCOMPARE(dense->cellParameters.size(), size_t(2));
    QCOMPARE(dense->cellParameters[1].conditions, std::vector<std::string>{"has_bias"});
    QVERIFY(t.isTensorMethod("reshape"));
    QVERIFY(!t.isTensorMethod("frobnicate"));
  }

  void seed004MappingList() {
    std::ifstream in(mbtest::sourceDir() + "/tests/migrate/data/seed004_pairs.txt");
    QVERIFY(in);
    int pairs = 0;
    for (std::string l; std::getline(in, l);) {
      if (l.empty() || l[0] == '#') continue;
      auto arrow = l.find(" ==> ");
      QVERIFY2(arrow != std::string::npos, l.c_str());
      std::string torch = l.substr(0, arrow), expected = l.substr(arrow + 5);
      MigrationResult r;
      std::string got = rewriteLine(torch, TargetApi::Classic, &r);
      if (expected == "UNCONVERTED") {
        QVERIFY2(r.unconverted >= 1, ("expected unconverted: " + torch).c_str());
        QVERIFY2(r.output.find("# MindBridge: not converted (") != std::string::npos,
                 torch.c_str());
      } else {
        QVERIFY2(got == expected, (torch + "\n   got: " + got + "\n  want: " + expected).c_str());
        QVERIFY2(r.unconverted == 0, torch.c_str());
      }
      ++pairs;
    }
    QCOMPARE(pairs, 29);
  }

  void classicArgumentRules() {
    QCOMPARE(classic("l = nn.Linear(3, 4)"), std::string("l = nn.Dense(3, 4)"));
    QCOMPARE(classic("l = nn.Linear(in_features=3, out_features=4, bias=False)"),
             std::string("l = nn.Dense(in_channels=3, out_channels=4, has_bias=False)"));
    QCOMPARE(classic("l = nn.Linear(3, 4, False)"),
             std::string("l = nn.Dense(3, 4, has_bias=False)"));
    QCOMPARE(classic("c = nn.Conv2d(3, 8, 3)"),
             std::string("c = nn.Conv2d(3, 8, 3, pad_mode='valid', has_bias=True)"));
    QCOMPARE(classic("c = nn.Conv2d(3, 8, 3, 1, (1, 2), groups=1, bias=False)"),
             std::string("c = nn.Conv2d(3, 8, 3, 1, pad_mode='pad', padding=(1, 1, 2, 2), "
                         "group=1, has_bias=False)"));
    QCOMPARE(classic("c = nn.Conv2d(3, 8, 3, padding='same')"),
             std::string("c = nn.Conv2d(3, 8, 3, pad_mode='same', has_bias=True)"));
    QCOMPARE(classic("c = nn.Conv2d(3, 8, 3, padding=0, padding_mode='zeros')"),
             std::string("c = nn.Conv2d(3, 8, 3, pad_mode='valid', has_bias=True)"));
    // Kept as written; `nn` is MindSpore's now, so the kept call names torch.nn in full.
    QCOMPARE(classic("c = nn.Conv2d(3, 8, 3, padding_mode='reflect')"),
             std::string("c = torch.nn.Conv2d(3, 8, 3, padding_mode='reflect')"));
    QCOMPARE(classic("b = nn.BatchNorm2d(64, momentum=0.01)"),
             std::string("b = nn.BatchNorm2d(64, momentum=0.99)"));
    QCOMPARE(classic("b = nn.BatchNorm1d(64, 1e-3, m)"),
             std::string("b = nn.BatchNorm1d(64, 1e-3, 1 - (m))"));
    QCOMPARE(classic("b = nn.BatchNorm2d(64, track_running_stats=False)"),
             std::string("b = nn.BatchNorm2d(64, use_batch_statistics=True)"));
    QCOMPARE(classic("n = nn.LayerNorm(64)"), std::string("n = nn.LayerNorm((64,), epsilon=1e-5)"));
    QCOMPARE(classic("n = nn.LayerNorm([8, 8], eps=1e-6)"),
             std::string("n = nn.LayerNorm([8, 8], epsilon=1e-6, begin_norm_axis=-2, "
                         "begin_params_axis=-2)"));
    QCOMPARE(classic("p = nn.MaxPool2d(2)"), std::string("p = nn.MaxPool2d(2, stride=2)"));
    QCOMPARE(classic("p = nn.MaxPool2d(3, 2, 1, ceil_mode=True)"),
             std::string("p = nn.MaxPool2d(3, 2, pad_mode='pad', padding=1, ceil_mode=True)"));
    QCOMPARE(classic("p = nn.AvgPool2d(2, stride=None)"),
             std::string("p = nn.AvgPool2d(2, stride=2)"));
    QCOMPARE(classic("d = nn.Dropout(0.3)"), std::string("d = nn.Dropout(p=0.3)"));
    QCOMPARE(classic("d = nn.Dropout(p=0.1, inplace=True)"), std::string("d = nn.Dropout(p=0.1)"));
    QCOMPARE(classic("a = nn.ReLU(inplace=True,)"), std::string("a = nn.ReLU()"));
    QCOMPARE(classic("a = nn.GELU()"), std::string("a = nn.GELU(approximate=False)"));
    QCOMPARE(classic("a = nn.LeakyReLU(0.1, True)"), std::string("a = nn.LeakyReLU(0.1)"));
    QCOMPARE(classic("a = nn.Softmax(dim=1)"), std::string("a = nn.Softmax(axis=1)"));
    QCOMPARE(classic("e = nn.Embedding(100, 16, padding_idx=0)"),
             std::string("e = nn.Embedding(100, 16, padding_idx=0)"));
    QCOMPARE(classic("y = torch.flatten(x)"), std::string("y = ops.flatten(x, start_dim=0)"));
    QCOMPARE(classic("y = torch.flatten(x, 1, end_dim=-1)"),
             std::string("y = ops.flatten(x, start_dim=1, end_dim=-1)"));
    QCOMPARE(classic("y = torch.mean(x, 1, True)"), std::string("y = ops.mean(x, 1, True)"));
    QCOMPARE(classic("y = x.mean(dim=1, keepdim=True)"),
             std::string("y = x.mean(axis=1, keep_dims=True)"));
    QCOMPARE(classic("y = F.softmax(x, dim=-1)"), std::string("y = ops.softmax(x, axis=-1)"));
    QCOMPARE(classic("y = F.relu(x, inplace=True)"), std::string("y = ops.relu(x, inplace=True)"));
    QCOMPARE(classic("y = F.dropout(x, 0.5, self.training, inplace=False)"),
             std::string("y = ops.dropout(x, 0.5, self.training)"));
    QCOMPARE(classic("y = x.view(x.size(0), -1).flatten(1)"),
             std::string("y = x.reshape(x.shape[0], -1).flatten(start_dim=1)"));
    QCOMPARE(classic("z = torch.zeros(2, 3, dtype=torch.long)"),
             std::string("z = ops.zeros((2, 3), dtype=mindspore.int64)"));
    QCOMPARE(classic("y = self.forward(x)"), std::string("y = self.construct(x)"));
    QCOMPARE(classic("ok = isinstance(m, (nn.Conv2d, nn.Linear))"),
             std::string("ok = isinstance(m, (nn.Conv2d, nn.Dense))"));
  }

  void mintUsesTorchNamesAndFallsBack() {
    QCOMPARE(mint("l = nn.Linear(3, 4, bias=False)"),
             std::string("l = mint.nn.Linear(3, 4, bias=False)"));
    QCOMPARE(mint("c = nn.Conv2d(3, 8, 3, padding=1, bias=False)"),
             std::string("c = mint.nn.Conv2d(3, 8, 3, padding=1, bias=False)"));
    QCOMPARE(mint("b = nn.BatchNorm2d(64, momentum=0.01)"),
             std::string("b = mint.nn.BatchNorm2d(64, momentum=0.01)"));
    QCOMPARE(mint("p = nn.MaxPool2d(3, 2, 1)"), std::string("p = mint.nn.MaxPool2d(3, 2, 1)"));
    QCOMPARE(mint("y = F.relu(x)"), std::string("y = mint.nn.functional.relu(x)"));
    QCOMPARE(mint("y = torch.cat([a, b], dim=1)"), std::string("y = mint.cat([a, b], dim=1)"));
    // The mint table maps torch.nn.Flatten to the function mint.flatten: a class must stay a class.
    QCOMPARE(mint("f = nn.Flatten()"), std::string("f = nn.Flatten()"));
    // mint.nn.ReLU takes no arguments in 2.7: the classic rule drops inplace.
    QCOMPARE(mint("a = nn.ReLU(True)"), std::string("a = nn.ReLU()"));
    QCOMPARE(mint("s = nn.Sequential(a, b)"), std::string("s = nn.SequentialCell([a, b])"));
    QCOMPARE(mint("y = x.mean(dim=1)"), std::string("y = x.mean(dim=1)"));
    QCOMPARE(mint("y = x.view(2, -1)"), std::string("y = x.reshape(2, -1)"));
  }

  void unmappedCallsAreKeptAndMarked() {
    MigrationResult r;
    std::string got = rewriteLine("nn.init.normal_(self.w, std=0.01)", TargetApi::Classic, &r);
    // `nn` becomes MindSpore's module, so the kept call spells torch out (and torch stays
    // imported).
    QCOMPARE(got, std::string("torch.nn.init.normal_(self.w, std=0.01)"));
    QCOMPARE(r.unconverted, 1);
    QVERIFY(
        r.output.find("        # MindBridge: not converted (torch.nn.init.normal_: no MindSpore "
                      "mapping)\n        torch.nn.init.normal_") != std::string::npos);
    QVERIFY(r.output.find("import torch\n") != std::string::npos);
    got = rewriteLine("y = F.avg_pool1d(x, 2)", TargetApi::Classic, &r);
    QCOMPARE(got, std::string("y = F.avg_pool1d(x, 2)"));
    QVERIFY(r.output.find("import torch.nn.functional as F\n") != std::string::npos);
    QVERIFY(r.output.find("maybe mindspore.ops.avg_pool1d") != std::string::npos);
  }

  void reportFormats() {
    std::string src =
        "import torch\nimport torch.nn as nn\n\nclass M(nn.Module):\n    def __init__(self):\n"
        "        super().__init__()\n        self.fc = nn.Linear(2, 3)\n"
        "        self.up = nn.Upsample(scale_factor=2)\n\n"
        "    def forward(self, x):\n        torch.cuda.synchronize()\n        return self.fc(x)\n";
    auto r = migrateScript(src, "m.py");
    QVERIFY(r);
    std::string text = migrationReportText(*r);
    QVERIFY2(text.rfind("[Start Convert]\n", 0) == 0, text.c_str());
    QVERIFY2(
        text.find("line 2:0: [Convert] 'import torch.nn as nn' is converted to 'from mindspore "
                  "import nn'.\n") != std::string::npos,
        text.c_str());
    QVERIFY2(text.find("line 7:18: [Convert] 'torch.nn.Linear' is converted to "
                       "'mindspore.nn.Dense'.\n") != std::string::npos,
             text.c_str());
    QVERIFY2(text.find("line 10:4: [Convert] 'forward' is converted to 'construct'.\n") !=
                 std::string::npos,
             text.c_str());
    QVERIFY2(text.find("line 11:8: [UnConvert] 'torch.cuda.synchronize' didn't convert.\n") !=
                 std::string::npos,
             text.c_str());
    QVERIFY2(text.find("line 8:18: [UnConvert] 'torch.nn.Upsample' didn't convert. Maybe could "
                       "convert to mindspore.nn.Upsample.\n") != std::string::npos,
             text.c_str());
    QVERIFY(text.size() > 15 && text.substr(text.size() - 15) == "[Convert Over]\n");
    auto json = migrationReportJson(*r);
    QCOMPARE(json["unconverted"].get<int>(), 2);
    QCOMPARE(json["unconverted_lines"], nlohmann::json::array({8, 11}));
    QCOMPARE(json["tables"]["classic_rows"].get<int>(), 874);
    QCOMPARE(json["target_api"].get<std::string>(), std::string("classic"));
  }

  void changesCanBeRejectedOneByOne() {
    std::string src = "import torch.nn as nn\nfc = nn.Linear(2, 3)\nrelu = nn.ReLU(inplace=True)\n";
    auto r = migrateScript(src, "m.py");
    QVERIFY(r);
    QCOMPARE(applyChanges(*r), r->output);
    std::vector<bool> accepted(r->changes.size(), true);
    size_t relu = 0;
    for (size_t i = 0; i < r->changes.size(); ++i)
      if (r->changes[i].from == "torch.nn.ReLU") relu = i;
    accepted[relu] = false;
    std::string partial = applyChanges(*r, accepted);
    QVERIFY2(
        partial.find("fc = nn.Dense(2, 3)\nrelu = nn.ReLU(inplace=True)\n") != std::string::npos,
        partial.c_str());
    QCOMPARE(applyChanges(*r, std::vector<bool>(r->changes.size(), false)), src);

    // The reviewed result: the script and its report agree on what was turned down.
    MigrationResult reviewed = applyReview(*r, accepted);
    QCOMPARE(reviewed.output, partial);
    QCOMPARE(reviewed.converted, r->converted - 1);
    QCOMPARE(reviewed.unconverted, r->unconverted + 1);
    const std::string report = migrationReportText(reviewed);
    QVERIFY2(report.find("[UnConvert] 'torch.nn.ReLU' didn't convert.") != std::string::npos,
             report.c_str());
    QVERIFY2(
        report.find("rejected in review") != std::string::npos ||
            migrationReportJson(reviewed).dump().find("rejected in review") != std::string::npos,
        report.c_str());
  }

  void unconvertMarkersCannotBeRejected() {
    auto r = migrateScript("import torch\nimport torch.nn as nn\nnn.init.zeros_(w)\n", "m.py");
    QVERIFY(r);
    bool sawUnconvert = false;
    for (const Change& c : r->changes)
      if (c.kind == ChangeKind::UnConvert) {
        sawUnconvert = true;
        QVERIFY(!isReviewable(c));
      }
    QVERIFY(sawUnconvert);
    // Rejecting everything still keeps the marker: the saved script says what was not converted.
    MigrationResult reviewed = applyReview(*r, std::vector<bool>(r->changes.size(), false));
    QVERIFY2(reviewed.output.find("# MindBridge: not converted") != std::string::npos,
             reviewed.output.c_str());
  }

  void cellKeysFollowConstructors() {
    std::string src =
        "import mindspore\nfrom mindspore import nn, mint\n\nCFG = [4, 'M', 8]\n\n"
        "class Block(nn.Cell):\n"
        "    def __init__(self, c, bias=False):\n"
        "        super().__init__()\n"
        "        self.conv = nn.Conv2d(c, c, 3, has_bias=bias)\n"
        "        self.bn = nn.BatchNorm2d(c)\n"
        "        self.w = mindspore.Parameter(mindspore.ops.zeros((c,)))\n\n"
        "class Stem(nn.SequentialCell):\n"
        "    def __init__(self):\n"
        "        super().__init__(nn.Dense(2, 2, has_bias=False), nn.ReLU(), "
        "mint.nn.LayerNorm(2))\n\n"
        "class Net(nn.Cell):\n"
        "    def __init__(self, n=2):\n"
        "        super().__init__()\n"
        "        self.stem = Stem()\n"
        "        layers = []\n"
        "        for v in CFG:\n"
        "            if v == 'M':\n"
        "                layers += [nn.MaxPool2d(2)]\n"
        "                continue\n"
        "            layers.append(Block(v, bias=v > 4))\n"
        "        self.features = nn.SequentialCell(*layers)\n"
        "        self.heads = nn.CellList([nn.Dense(8, 1) for _ in range(n)])\n"
        "        self.rnn = nn.LSTM(4, 4, num_layers=2, bidirectional=True, has_bias=False)\n";
    auto m = parsePython(src, "net.py");
    QVERIFY(m);
    auto keys = listCellParameterKeys(**m);
    QVERIFY2(keys, keys ? "" : keys.error().describe().c_str());
    QCOMPARE(keys->className, std::string("Net"));
    // MindSpore's order: a Cell's own Parameters, then its children; RNN weights by kind.
    std::vector<std::string> want = {"stem.0.weight",
                                     "stem.2.weight",
                                     "stem.2.bias",
                                     "features.0.w",
                                     "features.0.conv.weight",
                                     "features.0.bn.moving_mean",
                                     "features.0.bn.moving_variance",
                                     "features.0.bn.gamma",
                                     "features.0.bn.beta",
                                     "features.2.w",
                                     "features.2.conv.weight",
                                     "features.2.conv.bias",
                                     "features.2.bn.moving_mean",
                                     "features.2.bn.moving_variance",
                                     "features.2.bn.gamma",
                                     "features.2.bn.beta",
                                     "heads.0.weight",
                                     "heads.0.bias",
                                     "heads.1.weight",
                                     "heads.1.bias",
                                     "rnn.weight_ih_l0",
                                     "rnn.weight_ih_l0_reverse",
                                     "rnn.weight_ih_l1",
                                     "rnn.weight_ih_l1_reverse",
                                     "rnn.weight_hh_l0",
                                     "rnn.weight_hh_l0_reverse",
                                     "rnn.weight_hh_l1",
                                     "rnn.weight_hh_l1_reverse"};
    QCOMPARE(keys->keys, want);
    CellKeysOptions three;
    three.arguments = {{"n", "3"}};
    auto more = listCellParameterKeys(**m, three);
    QVERIFY(more);
    QCOMPARE(more->keys.size(), want.size() + 2);
    auto cmp = compareKeys(keys->keys, {"stem.0.weight", "extra"});
    QCOMPARE(cmp.matched, size_t(1));
    QCOMPARE(cmp.onlyInCheckpoint, std::vector<std::string>{"extra"});
    QVERIFY(!cmp.equal());
  }

  void cellKeysExplainWhatTheyCannotFollow() {
    auto m = parsePython(
        "from mindspore import nn\n\nclass Net(nn.Cell):\n    def __init__(self, c):\n"
        "        super().__init__()\n        self.fc = nn.Dense(c, 2, has_bias=flag)\n",
        "net.py");
    QVERIFY(m);
    auto keys = listCellParameterKeys(**m);
    QVERIFY(!keys);
    QVERIFY2(
        keys.error().message.find("argument 'c' of __init__() is missing") != std::string::npos,
        keys.error().message.c_str());
    CellKeysOptions opts;
    opts.arguments = {{"c", "4"}};
    keys = listCellParameterKeys(**m, opts);
    QVERIFY(!keys);
    QVERIFY2(keys.error().where == "net.py:6:42", keys.error().describe().c_str());
    QVERIFY2(keys.error().message.find("unknown name 'flag'") != std::string::npos,
             keys.error().message.c_str());
    opts.className = "Nope";
    keys = listCellParameterKeys(**m, opts);
    QVERIFY(!keys);
    QVERIFY(keys.error().message.find("no class 'Nope'") != std::string::npos);
  }
};

QTEST_APPLESS_MAIN(TestScriptMigrator)
#include "test_script_migrator.moc"
