// Python helper scripts written beside model.py: validate.py (load model + ckpt, run saved inputs,
// compare with saved reference outputs) and export_mindir.py; with --scaffold, dataset.py,
// train.py and eval.py templates following MindSpore's migration guide (GeneratorDataset,
// value_and_grad training step, evaluation loop).
#pragma once

#include <string>
#include <vector>

namespace mb::emitter {

struct ScriptInput {
  std::string name;               // graph input name as in the source model
  std::vector<int64_t> dims;      // -1 where the dim is symbolic or unknown
  std::string dtype = "float32";  // numpy name
};

struct ScriptContext {
  std::string module;      // model.py stem ("resnet18")
  std::string topClass;    // Cell class in model.py
  std::string checkpoint;  // "resnet18.ckpt"
  std::vector<ScriptInput> inputs;
  std::vector<std::string> outputs;  // graph output names
};

// File name used for a tensor's .npy ("input.1" → "input.1.npy"; "/" and ":" become "_").
std::string npyFileName(const std::string& tensorName);

std::string validateScript(const ScriptContext& context);
std::string exportMindirScript(const ScriptContext& context);
std::string datasetScript(const ScriptContext& context);
std::string trainScript(const ScriptContext& context);
std::string evalScript(const ScriptContext& context);

}  // namespace mb::emitter
