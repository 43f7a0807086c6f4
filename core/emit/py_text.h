// Python source text helpers for the model.py printer: identifiers, literals and PEP 8 line
// wrapping. Kept apart from the printer so the rules can be tested on their own.
#pragma once

#include <string>
#include <vector>

#include "ir/attribute.h"
#include "ir/dtype.h"

namespace mb::emitter {

inline constexpr int kColumnLimit = 100;

bool isPyKeyword(const std::string& word);
bool isPyIdentifier(const std::string& word);  // valid and not a keyword
// A valid identifier made from `raw` ("input.1" → "input_1", "0" → "v0", "lambda" → "lambda_").
std::string pyIdentifier(const std::string& raw, const std::string& digitPrefix = "v");
// "snake_case" of a CamelCase name ("BatchNorm2d" → "batch_norm2d").
std::string snakeCase(const std::string& name);
// "CamelCase" of a file stem or path ("resnet18_op17" → "Resnet18Op17").
std::string camelCase(const std::string& name);

std::string pyString(const std::string& text);  // single-quoted, escaped
std::string pyFloat(double value);              // shortest round-trip repr ("1e-05", "0.9")
// Python literal of a MindSpore argument; tuples for int/float/string lists. Tensors and graphs
// have no literal form and come back empty.
std::string pyLiteral(const Attribute& value);
// MindSpore dtype object name ("float32", "int64", "bool_").
std::string mindsporeDTypeAttr(DType type);

// Splits one logical Python line into physical lines of at most `width` columns (when possible),
// breaking inside the outermost brackets with a hanging indent of 4 and splitting long string
// literals into adjacent literals. `indent` is the statement's indentation in spaces.
std::vector<std::string> wrapPython(const std::string& statement, int indent,
                                    int width = kColumnLimit);

}  // namespace mb::emitter
