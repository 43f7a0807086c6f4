// What `pth2ckpt --target P.mbproj` maps weights onto: the parameters of the project's model as the
// project converts it (its target API and per-node overrides), and the project's mapping edits.
#pragma once

#include <string>
#include <vector>

#include "project/project.h"
#include "util/status.h"
#include "weights/weight_map.h"

namespace mb::project {

struct ProjectWeightTargets {
  std::vector<weights::TargetParam> targets;
  std::string targetApi;  // "classic" | "mint"
  std::string warning;    // the model changed since the project was saved; empty otherwise
};

// Fails naming `projectPath: model.path` when the model is missing, or the model when it does not
// import or yields no parameters.
Expected<ProjectWeightTargets> projectWeightTargets(const Project& project,
                                                    const std::string& projectPath);

// The project's rules then `extra`'s; manual pairs from both, `extra` winning on the same source.
weights::MappingRules mergedMappingRules(const Project& project,
                                         const weights::MappingRules& extra);

}  // namespace mb::project
