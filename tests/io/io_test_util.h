// Small helpers shared by the io tests: whole-file bytes, directory listings, running python.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "test_paths.h"

namespace iotest {

inline std::string readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void writeBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::vector<std::string> listDir(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    names.push_back(entry.path().filename());
  return names;
}

// Runs Debian's python3 on a script from tests/fixtures with arguments; returns the exit status.
inline int runFixtureScript(const std::string& script, const std::string& args) {
  std::string command =
      mbtest::pythonExe() + " " + mbtest::sourceDir() + "/tests/fixtures/" + script + " " + args;
  return std::system(command.c_str());
}

}  // namespace iotest
