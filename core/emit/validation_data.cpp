#include "emit/validation_data.h"

#include <filesystem>

#include "emit/helper_scripts.h"
#include "emit/output_stager.h"
#include "exec/executor.h"
#include "io/npy.h"

namespace mb::emitter {

Expected<ValidationData> computeValidationData(const Graph& source,
                                               const RandomInputOptions& options) {
  auto inputs = randomInputs(source, options);
  if (!inputs) return inputs.error();
  exec::Executor executor(source);
  auto ran = executor.run(*inputs);
  if (!ran) return ran.error();
  ValidationData data;
  data.inputs = std::move(*inputs);
  data.outputs = std::move(ran->outputs);
  return data;
}

Status stageValidationData(OutputStager& stager, const std::string& outputDir,
                           const ValidationData& data) {
  namespace fs = std::filesystem;
  const std::pair<const char*, const std::map<std::string, Tensor>*> groups[] = {
      {"inputs", &data.inputs}, {"outputs", &data.outputs}};
  for (const auto& [folder, tensors] : groups) {
    const std::string dir = (fs::path(outputDir) / "validation" / folder).string();
    for (const auto& [name, tensor] : *tensors) {
      auto path = stager.plan(dir, npyFileName(name));
      if (!path) return path.error();
      MB_TRY(writeNpy(*path, tensor));
    }
  }
  return Status::ok();
}

}  // namespace mb::emitter
