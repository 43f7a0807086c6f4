// Tensor files: numpy .npy (read and write) and ONNX TensorProto .pb (read), the two formats model
// inputs and dumped taps come in.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb {

// Parses a .npy file (format 1.0–3.0, C order, little- or big-endian numeric dtypes and bool).
// Fortran-order arrays, object/string dtypes and truncated data are refused with a clear error.
Expected<Tensor> readNpy(const std::string& path);
Expected<Tensor> parseNpy(std::span<const std::byte> bytes, const std::string& where);

// Writes a tensor as .npy (format 1.0) through a temporary file renamed into place. bfloat16 has no
// numpy dtype, so it is written widened to float32.
Status writeNpy(const std::string& path, const Tensor& tensor);
std::string encodeNpy(const Tensor& tensor);

// Reads a serialized onnx.TensorProto (the backend test suite's input_N.pb / output_N.pb).
Expected<Tensor> readTensorProtoFile(const std::string& path);

// .npy or .pb by content (the .npy magic), whatever the extension says.
Expected<Tensor> readTensorFile(const std::string& path);

}  // namespace mb
