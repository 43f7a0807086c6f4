#include "project/project_weights.h"

#include "convert/convert_graph.h"
#include "io/onnx_importer.h"
#include "weights/targets.h"

namespace mb::project {

Expected<ProjectWeightTargets> projectWeightTargets(const Project& project,
                                                    const std::string& projectPath) {
  const ModelCheck check = checkSourceModel(project, projectPath);
  if (!check.exists)
    return makeError(ErrorCode::FileNotFound, check.explanation, projectPath + ": model.path");
  auto imported = importOnnxFile(check.resolvedPath);
  if (!imported) return imported.error();
  auto conversion = convert::convertGraph(imported->graph, convertOptions(project));
  if (!conversion) return conversion.error();
  ProjectWeightTargets out;
  out.targets = weights::targetsFromGraph(conversion->converted);
  out.targetApi = convert::targetApiName(project.targetApi);
  out.warning = check.explanation;
  if (out.targets.empty())
    return makeError(ErrorCode::InvalidModel, "the converted model has no parameters to fill",
                     check.resolvedPath);
  return out;
}

weights::MappingRules mergedMappingRules(const Project& project,
                                         const weights::MappingRules& extra) {
  weights::MappingRules merged = project.weightMapping;
  merged.rules.insert(merged.rules.end(), extra.rules.begin(), extra.rules.end());
  for (const auto& [source, target] : extra.overrides) merged.overrides[source] = target;
  return merged;
}

}  // namespace mb::project
