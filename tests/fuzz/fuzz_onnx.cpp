// ONNX import from memory: parse, validate, shape inference. Errors are fine; crashes are not.
#include <string>

#include "io/onnx_importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  mb::OnnxImportOptions options;
  options.maxTensorBytes = uint64_t{64} << 20;  // keep the fuzzer's RSS bounded
  auto result = mb::importOnnxBytes(std::string(reinterpret_cast<const char*>(data), size),
                                    "/nonexistent-fuzz-dir", options);
  (void)result;
  return 0;
}
