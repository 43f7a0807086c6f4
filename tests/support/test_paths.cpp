#include "test_paths.h"

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <vector>

namespace mbtest {

std::string fixtureDir() {
  return MB_FIXTURE_DIR;
}
std::string fixture(const std::string& relative) {
  return std::string(MB_FIXTURE_DIR) + "/" + relative;
}
std::string nodeSuiteDir() {
  return MB_NODE_SUITE_DIR;
}
std::string sourceDir() {
  return MB_SOURCE_DIR;
}
std::string binaryDir() {
  return MB_BINARY_DIR;
}
std::string sharedDir() {
  return MB_SHARED_DIR;
}
std::string pythonExe() {
  return MB_PYTHON;
}
std::string cliExe() {
  return std::string(MB_BINARY_DIR) + "/app/mindbridge-cli";
}

namespace {
std::vector<std::string>& tempDirs() {
  // Never destroyed: the atexit handler below runs after static destructors registered later.
  static auto* dirs = new std::vector<std::string>;
  return *dirs;
}
void removeTempDirs() {
  for (const auto& dir : tempDirs()) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
}
}  // namespace

std::string makeTempDir(const std::string& tag) {
  static std::once_flag once;
  // Construct the list before registering the handler: statics die in reverse order of creation,
  // so the list must outlive the handler that reads it.
  std::call_once(once, [] {
    tempDirs();
    std::atexit(removeTempDirs);
  });
  std::string pattern = std::string(MB_BINARY_DIR) + "/tmp-" + tag + "-XXXXXX";
  std::filesystem::create_directories(MB_BINARY_DIR);
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  char* made = ::mkdtemp(buffer.data());
  std::string dir = made ? made : pattern;
  tempDirs().push_back(dir);
  return dir;
}

}  // namespace mbtest
