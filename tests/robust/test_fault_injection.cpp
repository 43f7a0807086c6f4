// Interrupts every atomic writer at every system call it makes (create, write, fsync, rename)
// through the AtomicFile fault hook, and checks after each interruption that the writer reports
// WriteFailed, the previous file is byte-for-byte intact and no temporary or staging file is left.
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <functional>

#include "emit/output_stager.h"
#include "io/atomic_file.h"
#include "io/checkpoint_writer.h"
#include "io/safetensors.h"
#include "project/project.h"
#include "test_paths.h"

namespace fs = std::filesystem;

namespace {

int gCalls = 0;
int gFailAt = -1;  // 1-based operation to fail; -1: none
bool countingHook(const char*) {
  return ++gCalls == gFailAt;
}

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> entries(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

mb::Tensor sampleTensor(int64_t n) {
  std::vector<float> values(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) values[static_cast<size_t>(i)] = static_cast<float>(i) * 0.5f;
  return mb::Tensor::fromVector(mb::DType::Float32, {n}, values);
}

// Runs `write` (which targets `dir/name`) failing at operation 1, 2, … until a run needs no more
// operations than allowed; after each failure the old file must be intact and alone in `dir`.
// Returns how many interruption points were exercised.
int interruptEverywhere(const std::string& dir, const std::string& name,
                        const std::function<mb::Status()>& write) {
  const std::string target = dir + "/" + name;
  const std::string previous = "previous contents of " + name + "\n";
  std::ofstream(target, std::ios::binary) << previous;
  const auto before = entries(dir);
  int points = 0;
  for (gFailAt = 1;; ++gFailAt) {
    gCalls = 0;
    mb::setAtomicFileFaultHook(countingHook);
    mb::Status status = write();
    mb::setAtomicFileFaultHook(nullptr);
    if (gCalls < gFailAt) {  // the fault was never reached: the write completed
      if (!status) qFatal("%s: %s", name.c_str(), status.error().describe().c_str());
      break;
    }
    ++points;
    const std::string label = name + " failing at operation " + std::to_string(gFailAt);
    if (status) qFatal("%s: reported success", label.c_str());
    if (status.error().code != mb::ErrorCode::WriteFailed)
      qFatal("%s: %s", label.c_str(), status.error().describe().c_str());
    if (readAll(target) != previous) qFatal("%s: previous file damaged", label.c_str());
    if (entries(dir) != before) qFatal("%s: left a temporary file behind", label.c_str());
  }
  gFailAt = -1;
  if (readAll(target) == previous) qFatal("%s: the final write changed nothing", name.c_str());
  return points;
}

}  // namespace

class TestFaultInjection : public QObject {
  Q_OBJECT
 private slots:
  void smallFileWriterAndProject() {
    const std::string dir = mbtest::makeTempDir("fault-project");
    mb::project::Project project;
    project.modelPath = "model.onnx";
    int points = interruptEverywhere(
        dir, "p.mbproj", [&] { return mb::project::saveProject(project, dir + "/p.mbproj"); });
    QVERIFY(points >= 4);  // create, write, fsync, rename
    points = interruptEverywhere(dir, "weight_map.json", [&] {
      return mb::writeFileAtomically(dir + "/weight_map.json", std::string(3 << 20, 'x'));
    });
    QVERIFY(points >= 4);
  }

  void checkpointWriter() {
    const std::string dir = mbtest::makeTempDir("fault-ckpt");
    const std::string path = dir + "/model.ckpt";
    int points = interruptEverywhere(dir, "model.ckpt", [&]() -> mb::Status {
      mb::CheckpointWriteOptions options;
      options.crcTrailer = true;
      options.sliceBytes = 1 << 16;  // slices: more write points
      auto writer = mb::CheckpointWriter::create(path, options);
      if (!writer) return writer.error();
      for (int i = 0; i < 3; ++i)
        MB_TRY(writer->add("w" + std::to_string(i), sampleTensor(300000)));
      return writer->finish();
    });
    QVERIFY2(points >= 6, std::to_string(points).c_str());
  }

  void safetensorsWriter() {
    const std::string dir = mbtest::makeTempDir("fault-safetensors");
    int points = interruptEverywhere(dir, "w.safetensors", [&] {
      return mb::writeSafetensors(dir + "/w.safetensors",
                                  {{"a", sampleTensor(400000)}, {"b", sampleTensor(10)}});
    });
    QVERIFY(points >= 4);
  }

  void convertOutputsStager() {
    // convert writes every output through an OutputStager: an interruption anywhere leaves the
    // previous outputs and no staging folder.
    const std::string dir = mbtest::makeTempDir("fault-stager");
    std::ofstream(dir + "/model.py") << "previous model.py\n";
    int points = interruptEverywhere(dir, "report.json", [&]() -> mb::Status {
      mb::emitter::OutputStager stager(/*overwrite=*/true);
      MB_TRY(stager.writeText(dir, "report.json", "{\"new\": true}"));
      MB_TRY(stager.writeText(dir, "model.py", "new model.py\n"));
      return stager.commit();
    });
    QVERIFY(points >= 8);
    QCOMPARE(readAll(dir + "/model.py"), std::string("new model.py\n"));
  }
};

QTEST_APPLESS_MAIN(TestFaultInjection)
#include "test_fault_injection.moc"
