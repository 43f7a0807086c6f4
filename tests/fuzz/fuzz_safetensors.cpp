// safetensors: header JSON, offsets, dtypes and shapes.
#include "fuzz_input_file.h"
#include "io/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto result = mb::readSafetensors(mbfuzz::writeInput(data, size, ".safetensors"));
  (void)result;
  return 0;
}
