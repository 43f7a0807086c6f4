// MindSpore APIs a person could use for an op we cannot convert, found by fuzzy-matching the ONNX
// op name against the public API names of MindSpore 2.7 (generated from mindspore_api.json into
// mindspore_api_names.inc by gen_api_names.py).
#pragma once

#include <string>
#include <vector>

namespace mb::convert {

// Every public API path in the index ("mindspore.ops.cumsum", "mindspore.mint.nn.Conv2d", …).
const std::vector<std::string>& mindsporeApiNames();
bool mindsporeApiExists(const std::string& path);
// Up to `limit` API paths, best first, preferring the given level ("mint" or "classic").
std::vector<std::string> suggestMindsporeApis(const std::string& onnxOpType, bool mint,
                                              size_t limit = 5);

}  // namespace mb::convert
