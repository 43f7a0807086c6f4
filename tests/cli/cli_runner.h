// Runs mindbridge-cli (or any program) and captures exit code, stdout and stderr.
#pragma once

#include <QProcess>
#include <QStringList>
#include <filesystem>
#include <string>
#include <vector>

#include "test_paths.h"

namespace mbtest {

struct RunResult {
  int exitCode = -1;
  bool crashed = false;
  std::string out, err;
};

inline RunResult runProgram(const std::string& program, const std::vector<std::string>& args,
                            const std::string& workDir, int timeoutMs = 120000) {
  QProcess p;
  p.setWorkingDirectory(QString::fromStdString(workDir));
  QStringList list;
  for (const auto& a : args) list << QString::fromStdString(a);
  p.start(QString::fromStdString(program), list);
  p.waitForFinished(timeoutMs);
  RunResult r;
  r.crashed = p.exitStatus() != QProcess::NormalExit;
  r.exitCode = p.exitCode();
  r.out = p.readAllStandardOutput().toStdString();
  r.err = p.readAllStandardError().toStdString();
  return r;
}

inline RunResult runCli(const std::vector<std::string>& args, const std::string& workDir) {
  return runProgram(cliExe(), args, workDir);
}

// Every entry below `dir` (relative paths), to prove nothing was left behind.
inline std::vector<std::string> listTree(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       it != std::filesystem::recursive_directory_iterator(); ++it)
    out.push_back(std::filesystem::relative(it->path(), dir).string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace mbtest
