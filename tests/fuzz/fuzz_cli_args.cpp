// The CLI's argument parsing: NUL-separated words go through parseArgs with convert's flag set, and
// every --shape value through parseShapeSpec.
#include <string>
#include <vector>

#include "cli_args.h"
#include "io/onnx_importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> words(1);
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0)
      words.emplace_back();
    else
      words.back() += static_cast<char>(data[i]);
  }
  std::string error;
  auto parsed = mb::cli::parseArgs(words,
                                   {{"model_file"},
                                    {"shape", true, true},
                                    {"input_nodes", true, true},
                                    {"output_nodes", true, true},
                                    {"overwrite", false}},
                                   error);
  if (parsed)
    for (const auto& spec : parsed->getAll("shape")) (void)mb::parseShapeSpec(spec);
  for (const auto& word : words) (void)mb::parseShapeSpec(word);
  return 0;
}
