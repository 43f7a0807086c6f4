// Benchmark of `mindbridge-cli convert` end to end (import, convert, emit model.py + ckpt +
// reports; no diff): wall time and peak RSS of the whole process, next to a Python process doing
// `import onnx; onnx.load(PATH)` on the same file in the same run. Median of --runs runs each.
// Exits 1 when a goal is missed (time <= 1.0 s, peak RSS <= 1.5x the model file).
//
// usage: bench_convert MODEL --cli PATH --python PATH [--runs N] [--workdir DIR]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

struct Sample {
  double seconds = 0;
  double peakMiB = 0;
  int status = -1;
};

Sample runOnce(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)) _exit(126);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Sample s;
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  s.peakMiB = static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
  s.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return s;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string model, cli, python, workdir = std::filesystem::temp_directory_path() / "mb-bench";
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--cli")
      cli = next();
    else if (a == "--python")
      python = next();
    else if (a == "--runs")
      runs = std::max(1, std::atoi(next().c_str()));
    else if (a == "--workdir")
      workdir = next();
    else
      model = a;
  }
  if (model.empty() || cli.empty() || python.empty()) {
    std::fprintf(stderr, "usage: bench_convert MODEL --cli PATH --python PATH [--runs N]\n");
    return 2;
  }
  std::filesystem::create_directories(workdir);
  const double fileMiB = static_cast<double>(std::filesystem::file_size(model)) / (1024.0 * 1024.0);
  std::vector<double> cliTime, cliRss, pyTime, pyRss;
  for (int r = 0; r < runs; ++r) {
    const std::string out = workdir + "/out";
    Sample c = runOnce({cli, "convert", "--model_file", model, "--output", out, "--overwrite"});
    if (c.status != 0) {
      std::fprintf(stderr, "convert failed with status %d\n", c.status);
      return 1;
    }
    Sample p = runOnce({python, "-c", "import sys, onnx; onnx.load(sys.argv[1])", model});
    if (p.status != 0) {
      std::fprintf(stderr, "python onnx.load failed with status %d\n", p.status);
      return 1;
    }
    cliTime.push_back(c.seconds);
    cliRss.push_back(c.peakMiB);
    pyTime.push_back(p.seconds);
    pyRss.push_back(p.peakMiB);
  }
  const double t = median(cliTime), rss = *std::max_element(cliRss.begin(), cliRss.end());
  std::printf("model %s (%.1f MiB), %d runs\n", model.c_str(), fileMiB, runs);
  std::printf("mindbridge-cli convert : %.3f s median (min %.3f), peak RSS %.1f MiB = %.2fx file\n",
              t, *std::min_element(cliTime.begin(), cliTime.end()), rss, rss / fileMiB);
  std::printf("python onnx.load       : %.3f s median (min %.3f), peak RSS %.1f MiB = %.2fx file\n",
              median(pyTime), *std::min_element(pyTime.begin(), pyTime.end()),
              *std::max_element(pyRss.begin(), pyRss.end()),
              *std::max_element(pyRss.begin(), pyRss.end()) / fileMiB);
  const bool ok = t <= 1.0 && rss <= 1.5 * fileMiB;
  std::printf("goals (<= 1.0 s, <= 1.5x file): %s\n", ok ? "met" : "MISSED");
  return ok ? 0 : 1;
}
