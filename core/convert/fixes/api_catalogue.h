// The MindSpore 2.7 API catalogue with signatures (generated from mindspore_api.json into
// mindspore_api_catalogue.inc by gen_api_catalogue.py): what the API-pick fix and its GUI form
// offer, and what they check keywords against.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mb::convert {

enum class ApiKind { Cell, Primitive, Function, Unknown };

struct ApiParameter {
  std::string name;
  std::string defaultValue;  // Python source text; empty when required
  bool required = false;
  bool variadic = false;  // *args / **kwargs: any name or count is accepted
};

struct ApiEntry {
  std::string path;  // "mindspore.ops.hardswish"
  ApiKind kind = ApiKind::Unknown;
  std::vector<ApiParameter> init;  // Cells and Primitives: constructor
  std::vector<ApiParameter> call;  // construct / __call__ / the function itself
  bool constructed() const { return kind == ApiKind::Cell || kind == ApiKind::Primitive; }
  // "hardswish(input)" / "HSwish()(input)": a one-line signature for lists and tooltips.
  std::string signatureText() const;
  // True when `keyword` names a parameter (or a **kwargs catch-all exists, or nothing is known).
  bool acceptsInitKeyword(std::string_view keyword) const;
  bool acceptsCallKeyword(std::string_view keyword) const;
};

const std::vector<ApiEntry>& apiCatalogue();  // sorted by path
const ApiEntry* findApi(std::string_view path);
// Entries whose path contains every whitespace-separated word of `query` (case-insensitive),
// shortest paths first; at most `limit`.
std::vector<const ApiEntry*> searchApis(std::string_view query, size_t limit = 200);

}  // namespace mb::convert
