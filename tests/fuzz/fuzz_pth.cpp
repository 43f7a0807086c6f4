// torch.save files: the zip reader and the restricted unpickler (zip and legacy formats).
#include "fuzz_input_file.h"
#include "io/pth_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto result = mb::readPth(mbfuzz::writeInput(data, size, ".pth"));
  (void)result;
  return 0;
}
