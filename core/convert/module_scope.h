// Module paths from ONNX node names. PyTorch (≥ 1.13) names nodes after the module scope that
// produced them: "/layer1/layer1.0/conv1/Conv" was made inside module "layer1.0.conv1". A child of
// a Sequential / ModuleList repeats its parent's name ("layer1" / "layer1.0"), so the repeated
// prefix is dropped. Parsing is core/passes' (scopes.h); this adds the Cell-path checks.
#pragma once

#include <string>

namespace mb::convert {

// "/layer1/layer1.0/conv1/Conv" → "layer1.0.conv1"; "/Relu" → ""; "Conv_12" → "".
std::string modulePathFromNodeName(const std::string& nodeName);
// "layer1.0.conv1" → "layer1.0"; "fc" → "".
std::string parentModulePath(const std::string& path);
// "layer1.0.conv1" → "conv1".
std::string lastModuleComponent(const std::string& path);
// Path of the Cell owning a parameter named like a state_dict key: "layer1.0.bn1.running_mean"
// with suffix "running_mean" → "layer1.0.bn1"; "" when the name does not look like one.
std::string cellPathFromParamName(const std::string& initializerName, const std::string& suffix);

}  // namespace mb::convert
