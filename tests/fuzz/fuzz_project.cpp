// The .mbproj loader: JSON text → Project. Promise checked beyond "no crash": whatever it accepts
// is written back by projectToJson into text that loads again and writes back identically.
#include <string>

#include "project/project.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto project = mb::project::parseProject(std::string(reinterpret_cast<const char*>(data), size),
                                           "fuzz.mbproj");
  if (!project) return 0;
  const std::string saved = mb::project::projectToJson(*project);
  auto reloaded = mb::project::parseProject(saved, "fuzz-resaved.mbproj");
  if (!reloaded || mb::project::projectToJson(*reloaded) != saved) __builtin_trap();
  return 0;
}
