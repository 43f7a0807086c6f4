// MindSpore's official PyTorch → MindSpore API mapping tables (classic r2.3.1: 874 rows; mint,
// master 2.5+: 514 rows) and MindSpore 2.7's API facts (signatures, the Parameters each Cell
// creates, Tensor methods), compiled into mbcore from ../shared/reference by
// tables/make_api_tables.py (api_tables_data.inc). Read-only after the first use.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mb::migrate {

enum class TargetApi { Classic, Mint };

// How the table describes the pair: same behaviour, same behaviour with other parameter names, or
// a documented difference (a "Diff" page).
enum class MappingStatus { Consistent, NamesDiffer, Diff };

struct ApiMapping {
  std::string section;  // "torch.nn", "torch.Tensor", …
  std::string torchApi;
  std::string mindsporeApi;
  std::string note;  // the table's text
  MappingStatus status = MappingStatus::Diff;
};

struct ApiParam {
  enum Kind { PositionalOrKeyword, PositionalOnly, VarPositional, KeywordOnly, VarKeyword };
  std::string name;
  std::optional<std::string> defaultText;  // Python source text, e.g. "True", "1e-5"
  Kind kind = PositionalOrKeyword;
};

// A Parameter a Cell registers (its checkpoint key suffix) and the constructor arguments that must
// be truthy ("has_bias") or falsy ("!x") for it to exist. RNN patterns keep {layer} / {suffix}.
struct CellParameter {
  std::string name;
  std::vector<std::string> conditions;
};

struct ApiEntry {
  std::string kind;  // cell, function, class, primitive, module, value, …
  bool hasSignature = false;
  bool overloaded = false;  // names from several C++ overloads; defaults unknown
  std::vector<ApiParam> params;
  std::vector<CellParameter> cellParameters;

  bool isCell() const { return kind == "cell"; }
  bool acceptsKeyword(const std::string& name) const;
  const ApiParam* param(const std::string& name) const;
};

class ApiTables {
 public:
  static const ApiTables& instance();

  // The row of that table for a fully qualified torch name ("torch.nn.Linear").
  const ApiMapping* mapping(TargetApi target, const std::string& torchApi) const;
  const std::vector<ApiMapping>& rows(TargetApi target) const;
  // MindSpore 2.7 API by fully qualified name ("mindspore.nn.Dense", "mindspore.mint.nn.Linear").
  const ApiEntry* api(const std::string& name) const;
  bool isTensorMethod(const std::string& name) const;
  const std::string& mindsporeVersion() const { return version_; }

 private:
  ApiTables();
  std::vector<ApiMapping> classic_, mint_;
  std::map<std::string, size_t> classicIndex_, mintIndex_;
  std::map<std::string, ApiEntry> apis_;
  std::set<std::string> tensorMethods_;
  std::string version_;
};

const char* targetApiName(TargetApi target);

}  // namespace mb::migrate
