// Einstein summation over any number of operands: explicit ("ij,jk->ik") and implicit ("ij,jk")
// output, ellipsis broadcasting, repeated labels (diagonals). Computed by direct loops in double
// precision — correct for every equation, meant for the small einsums exported models contain.
#pragma once

#include <string>
#include <vector>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec::prim {

Expected<Tensor> einsum(const std::string& equation, const std::vector<const Tensor*>& operands);

}  // namespace mb::exec::prim
