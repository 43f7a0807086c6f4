// Import speed and memory against Python's onnx.load, in the same run on the same file.
//
//   bench_onnx_import MODEL [--python /usr/bin/python3] [--runs 5]
//
// Time: median of --runs imports in this process (ONNX checker + shape inference + IR build), vs
// the median of onnx.load(MODEL) timed inside Python (interpreter start and `import onnx` excluded;
// the whole `python3 -c "import onnx; onnx.load(PATH)"` wall time is printed too).
// Memory: peak RSS (ru_maxrss) of a fresh child process that imports once, vs the file size; the
// same for the Python command.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "io/onnx_importer.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

struct ChildResult {
  int status = -1;
  double wallSeconds = 0;
  long maxRssKiB = 0;
  std::string out;
};

// Runs argv in a child, capturing stdout; peak RSS from wait4's rusage (this child only).
ChildResult runChild(const std::vector<std::string>& argv) {
  ChildResult result;
  int pipeFds[2];
  if (::pipe(pipeFds) != 0) return result;
  auto start = Clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipeFds[1], STDOUT_FILENO);
    ::close(pipeFds[0]);
    ::close(pipeFds[1]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    std::_Exit(127);
  }
  ::close(pipeFds[1]);
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0)
    result.out.append(buffer, static_cast<size_t>(n));
  ::close(pipeFds[0]);
  struct rusage usage {};
  int status = 0;
  ::wait4(pid, &status, 0, &usage);
  result.wallSeconds = seconds(start, Clock::now());
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.maxRssKiB = usage.ru_maxrss;
  return result;
}

int importOnce(const std::string& path) {
  auto result = mb::importOnnxFile(path);
  if (!result) {
    std::cerr << result.error().describe() << "\n";
    return 1;
  }
  std::printf("%zu nodes\n", result->graph.nodes.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 2 && args[0] == "--child") return importOnce(args[1]);
  std::string model, python = "/usr/bin/python3";
  int runs = 5;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--python" && i + 1 < args.size())
      python = args[++i];
    else if (args[i] == "--runs" && i + 1 < args.size())
      runs = std::max(1, std::stoi(args[++i]));
    else
      model = args[i];
  }
  if (model.empty()) {
    std::cerr << "usage: bench_onnx_import MODEL [--python PATH] [--runs N]\n";
    return 2;
  }
  double fileMiB = static_cast<double>(std::filesystem::file_size(model)) / (1 << 20);

  // Warm the page cache for both sides alike.
  ChildResult warm = runChild({"/proc/self/exe", "--child", model});
  if (warm.status != 0) return 1;

  std::vector<double> ours;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    auto result = mb::importOnnxFile(model);
    auto end = Clock::now();
    if (!result) {
      std::cerr << result.error().describe() << "\n";
      return 1;
    }
    ours.push_back(seconds(start, end));
  }
  std::string timed =
      "import sys, time, onnx\nts = []\nfor _ in range(int(sys.argv[2])):\n"
      "    t = time.perf_counter(); onnx.load(sys.argv[1]); ts.append(time.perf_counter() - t)\n"
      "ts.sort(); print(ts[len(ts) // 2])\n";
  ChildResult py = runChild({python, "-c", timed, model, std::to_string(runs)});
  if (py.status != 0) {
    std::cerr << "python failed\n";
    return 1;
  }
  double pyLoad = std::stod(py.out);
  std::vector<double> pyCommand;
  long pyRss = 0;
  for (int i = 0; i < std::min(runs, 3); ++i) {
    ChildResult once = runChild({python, "-c", "import onnx, sys; onnx.load(sys.argv[1])", model});
    pyCommand.push_back(once.wallSeconds);
    pyRss = std::max(pyRss, once.maxRssKiB);
  }
  std::vector<double> ourCommand;
  long ourRss = 0;
  for (int i = 0; i < std::min(runs, 3); ++i) {
    ChildResult once = runChild({"/proc/self/exe", "--child", model});
    ourCommand.push_back(once.wallSeconds);
    ourRss = std::max(ourRss, once.maxRssKiB);
  }
  double oursMedian = median(ours);
  std::printf("model                 %s (%.1f MiB)\n", model.c_str(), fileMiB);
  std::printf("mindbridge import     %.3f s  (median of %d; checker + shape inference + IR)\n",
              oursMedian, runs);
  std::printf("python onnx.load      %.3f s  (median of %d, inside python)\n", pyLoad, runs);
  std::printf("ratio                 %.2f  (goal <= 1.00)\n", oursMedian / pyLoad);
  std::printf(
      "whole process         mindbridge %.3f s, python3 -c 'import onnx; onnx.load()' %.3f s\n",
      median(ourCommand), median(pyCommand));
  std::printf(
      "peak RSS              mindbridge %.1f MiB = %.2fx file (goal <= 1.30); python %.1f MiB = "
      "%.2fx\n",
      ourRss / 1024.0, ourRss / 1024.0 / fileMiB, pyRss / 1024.0, pyRss / 1024.0 / fileMiB);
  return 0;
}
