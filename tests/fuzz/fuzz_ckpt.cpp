// MindSpore .ckpt reader (protobuf Checkpoint, CRC trailer, encrypted-file detection).
#include "fuzz_input_file.h"
#include "io/checkpoint_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto result = mb::readCheckpoint(mbfuzz::writeInput(data, size, ".ckpt"));
  (void)result;
  return 0;
}
