// Names of convert_types.h's enums. Kept apart from convert_graph.cpp so readers of project files
// (and the fuzz_project target) can parse them without linking every converter.
#include "convert/convert_types.h"

namespace mb::convert {

const char* targetApiName(TargetApi api) {
  return api == TargetApi::Mint ? "mint" : "classic";
}

std::optional<TargetApi> parseTargetApi(std::string_view text) {
  if (text == "classic") return TargetApi::Classic;
  if (text == "mint") return TargetApi::Mint;
  return std::nullopt;
}

}  // namespace mb::convert
