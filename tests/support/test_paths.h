// Where tests find generated fixtures, the source tree and the shared reference folder.
#pragma once

#include <string>

namespace mbtest {

std::string fixtureDir();  // models exported by tests/fixtures/make_fixtures.py
std::string fixture(const std::string& relative);  // fixtureDir()/relative
std::string nodeSuiteDir();                        // ONNX backend node tests
std::string sourceDir();
std::string binaryDir();
std::string sharedDir();  // ../shared beside the checkout
std::string pythonExe();  // Debian's python3 with torch and onnx
std::string cliExe();     // built mindbridge-cli
// A fresh empty directory under the build tree, removed at exit.
std::string makeTempDir(const std::string& tag);

}  // namespace mbtest
