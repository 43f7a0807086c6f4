// mindbridge-cli pth2ckpt end to end: outputs on success; on hostile or broken input a clear error,
// exit code 1, nothing executed and nothing written.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "io/checkpoint_reader.h"
#include "io_test_util.h"

namespace {
std::string fx(const std::string& name) {
  return std::string(MB_PTH_FIXTURE_DIR) + "/" + name;
}

struct Run {
  int code;
  std::string out, err;
};

Run cli(const std::string& args, const std::string& dir) {
  std::string command = mbtest::cliExe() + " pth2ckpt " + args + " > " + dir + "/stdout.txt 2> " +
                        dir + "/stderr.txt";
  int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, iotest::readBytes(dir + "/stdout.txt"),
          iotest::readBytes(dir + "/stderr.txt")};
}
}  // namespace

class TestCliPth2ckpt : public QObject {
  Q_OBJECT
  std::string dir = mbtest::makeTempDir("pth2ckpt");
  std::string logs = mbtest::makeTempDir("pth2ckpt-logs");

  // The command must fail with exit code 1, mention `mentions`, and leave `dir` empty.
  void expectRefused(const std::string& args, const std::string& mentions) {
    Run run = cli(args + " --out " + dir + "/model.ckpt --weight-map " + dir + "/map.json", logs);
    QVERIFY2(run.code == 1, (args + "\n" + run.err).c_str());
    QVERIFY2(run.err.find(mentions) != std::string::npos, run.err.c_str());
    QVERIFY2(iotest::listDir(dir).empty(), args.c_str());
  }

 private slots:
  void convertsWithWeightMapAndCrc() {
    Run run = cli("--pth " + fx("resnet18.pth") + " --keys " + fx("resnet18_keys_classic.txt") +
                      " --out " + dir + "/r18.ckpt --weight-map " + dir + "/weight_map.json --crc",
                  logs);
    QVERIFY2(run.code == 0, run.err.c_str());
    QVERIFY(run.out.find("bn1.running_var") != std::string::npos);
    QVERIFY(run.out.find("102 mapped") != std::string::npos);
    auto ckpt = mb::readCheckpoint(dir + "/r18.ckpt", {.verifyCrc = true});
    QVERIFY(ckpt && ckpt->hadCrcTrailer);
    QCOMPARE(ckpt->entries.size(), size_t(102));
    auto map = nlohmann::json::parse(iotest::readBytes(dir + "/weight_map.json"));
    QCOMPARE(map["r18"].size(), size_t(122));
    // Refuses to overwrite without --overwrite, and says which file.
    Run again = cli("--pth " + fx("resnet18.pth") + " --keys " + fx("resnet18_keys_classic.txt") +
                        " --out " + dir + "/r18.ckpt",
                    logs);
    QCOMPARE(again.code, 1);
    QVERIFY(again.err.find("r18.ckpt") != std::string::npos &&
            again.err.find("--overwrite") != std::string::npos);
    Run onnx = cli("--pth " + fx("resnet18.pth") + " --onnx " + fx("resnet18_train.onnx") +
                       " --target-api mint --quiet --overwrite --out " + dir + "/r18.ckpt",
                   logs);
    QVERIFY2(onnx.code == 0, onnx.err.c_str());
    QVERIFY(onnx.out.find(" 0 missing, 0 unexpected, 0 mismatched") != std::string::npos);
    QVERIFY(onnx.err.find("converted mint model") != std::string::npos);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }

  void hostileAndBrokenInputsWriteNothing() {
    const std::string keys = " --keys " + fx("resnet18_keys_classic.txt");
    expectRefused("--pth " + fx("evil_os_system.pth") + keys, "posix.system");
    expectRefused("--pth " + fx("evil_eval4.pth") + keys, "builtins.eval");
    expectRefused("--pth " + fx("evil_stack_global.pth") + keys, "posix.system");
    expectRefused("--pth " + fx("evil_reduce_storage.pth") + keys, "REDUCE");
    for (int marker = 1; marker <= 5; ++marker)
      QVERIFY(!std::filesystem::exists(fx("PWNED_" + std::to_string(marker))));
    expectRefused("--pth " + fx("zip_bomb.pth") + keys, "zip bomb");
    expectRefused("--pth " + fx("truncated.pth") + keys, "truncated");
    expectRefused("--pth " + fx("zoo.pth") + keys, "incomplete");
    expectRefused("--pth " + fx("conv_bn.pth") + " --onnx " + fx("conv_bn_eval.onnx"),
                  "eval-mode export");
    // Broken targets.
    std::string encrypted = logs + "/enc.ckpt";
    iotest::writeBytes(encrypted, std::string("\xd8\x5e\x3a\x7f", 4) + std::string(40, 'x'));
    expectRefused("--pth " + fx("resnet18.pth") + " --ckpt " + encrypted, "encrypted");
    std::string rules = logs + "/rules.json";
    iotest::writeBytes(rules, "{\"rules\": [{\"match\": \"[\", \"replace\": \"\"}]}");
    expectRefused("--pth " + fx("resnet18.pth") + keys + " --rules " + rules,
                  "invalid regular expression");
  }

  void badCommandLines() {
    for (std::string args : std::vector<std::string>{"--pth x.pth", "--pth x.pth --out y.ckpt",
                                                     "--pth x.pth --keys k --onnx m --out y.ckpt",
                                                     "--pth x --keys k --out y --target-api fast",
                                                     "--pth x --keys k --out y --frobnicate"}) {
      Run run = cli(args, logs);
      QVERIFY2(run.code == 2, args.c_str());
      QVERIFY(run.err.find("Usage") != std::string::npos);
    }
    QVERIFY(iotest::listDir(dir).empty());
  }
};

QTEST_APPLESS_MAIN(TestCliPth2ckpt)
#include "test_cli_pth2ckpt.moc"
