#include "exec/primitives/broadcast.h"

#include <algorithm>

#include "ir/tensor.h"

namespace mb::exec::prim {

Expected<std::vector<int64_t>> broadcastShapes(const std::vector<std::vector<int64_t>>& shapes) {
  size_t rank = 0;
  for (const auto& s : shapes) rank = std::max(rank, s.size());
  std::vector<int64_t> out(rank, 1);
  for (const auto& s : shapes) {
    const size_t shift = rank - s.size();
    for (size_t i = 0; i < s.size(); ++i) {
      int64_t& o = out[shift + i];
      if (s[i] == o || s[i] == 1) continue;
      if (o == 1) {
        o = s[i];
        continue;
      }
      std::string list;
      for (const auto& each : shapes) list += (list.empty() ? "" : " and ") + dimsToString(each);
      return makeError(
          ErrorCode::ShapeMismatch,
          "shapes " + list + " cannot be broadcast together (axis " +
              std::to_string(static_cast<int64_t>(shift + i) - static_cast<int64_t>(rank)) + ": " +
              std::to_string(o) + " vs " + std::to_string(s[i]) + ")");
    }
  }
  return out;
}

bool broadcastsTo(const std::vector<int64_t>& from, const std::vector<int64_t>& to) {
  if (from.size() > to.size()) return false;
  const size_t shift = to.size() - from.size();
  for (size_t i = 0; i < from.size(); ++i)
    if (from[i] != 1 && from[i] != to[shift + i]) return false;
  return true;
}

std::vector<int64_t> contiguousStrides(const std::vector<int64_t>& dims) {
  std::vector<int64_t> strides(dims.size(), 1);
  for (size_t i = dims.size(); i-- > 1;) strides[i - 1] = strides[i] * dims[i];
  return strides;
}

std::vector<int64_t> broadcastStrides(const std::vector<int64_t>& dims,
                                      const std::vector<int64_t>& out) {
  std::vector<int64_t> strides(out.size(), 0);
  const auto own = contiguousStrides(dims);
  const size_t shift = out.size() - dims.size();
  for (size_t i = 0; i < dims.size(); ++i)
    strides[shift + i] = (dims[i] == 1 && out[shift + i] != 1) ? 0 : own[i];
  return strides;
}

}  // namespace mb::exec::prim
