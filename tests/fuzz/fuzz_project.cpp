// .mbproj project loader (JSON schema checks) from memory.
#include <string>

#include "project/project.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto result =
      mb::project::parseProject(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
  (void)result;
  return 0;
}
