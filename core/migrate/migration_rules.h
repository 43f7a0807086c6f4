// Our own rules for the pairs the official tables mark as different (argument renames, value
// changes, defaults that differ) and for names the tables do not list (nn.Module, dtypes, Tensor
// methods such as size / view). Each rule names its MindSpore target; the engine checks that the
// target exists in MindSpore 2.7 before using it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "migrate/api_tables.h"
#include "migrate/python_ast.h"
#include "migrate/source_edits.h"

namespace mb::migrate {

struct CallRuleResult {
  std::string target;              // fully qualified MindSpore API ("mindspore.nn.Dense")
  std::vector<Edit> edits;         // argument edits; the engine replaces the callee itself
  std::vector<std::string> notes;  // what changed besides the name ("bias → has_bias")
  std::string unconverted;         // non-empty: the rule refuses, with this reason
  bool replacesCallee = false;     // edits already rewrite the callee (Tensor methods)
};

// A rule for calling `torchApi` (fully qualified), or nullopt when there is none for `target`.
std::optional<CallRuleResult> applyCallRule(const Module& m, const Expr& call,
                                            const std::string& torchApi, TargetApi target);

// `receiver.method(...)` where the receiver is not a torch module: Tensor method rules.
std::optional<CallRuleResult> applyTensorMethodRule(const Module& m, const Expr& call,
                                                    const std::string& method, TargetApi target);

// `self.method(...)` inside a Cell: torch.nn.Module methods with other MindSpore names.
std::optional<CallRuleResult> applyCellMethodRule(const Module& m, const Expr& call,
                                                  const std::string& method);

// A non-call reference (base class, isinstance argument, annotation, dtype).
std::optional<std::string> referenceRule(const std::string& torchName, TargetApi target);

// torch-only keywords MindSpore has no use for; dropped (with a note) when the target lacks them.
bool isTorchOnlyKeyword(const std::string& keyword);

}  // namespace mb::migrate
