#include "exec/primitives/einsum.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "exec/primitives/broadcast.h"
#include "exec/primitives/cast.h"

namespace mb::exec::prim {
namespace {

constexpr int kEllipsisBase = 1000;  // labels for ellipsis axes: 1000 + position from the right

Error bad(const std::string& equation, const std::string& why) {
  return makeError(ErrorCode::InvalidArgument, "einsum equation '" + equation + "': " + why);
}

// Splits one term into labels; '...' becomes (kEllipsisBase + k) labels for `ellipsisRank` axes.
Expected<std::vector<int>> parseTerm(const std::string& term, int64_t rank, int64_t& ellipsisRank,
                                     const std::string& equation) {
  std::vector<int> labels;
  int64_t letters = 0;
  for (char c : term)
    if (std::isalpha(static_cast<unsigned char>(c))) ++letters;
  const auto dots = term.find("...");
  if (dots != std::string::npos && rank >= 0) ellipsisRank = std::max(ellipsisRank, rank - letters);
  for (size_t i = 0; i < term.size(); ++i) {
    const char c = term[i];
    if (c == ' ') continue;
    if (c == '.') {
      if (term.compare(i, 3, "...") != 0 || i != dots) return bad(equation, "stray '.'");
      const int64_t n = rank >= 0 ? rank - letters : ellipsisRank;
      if (n < 0)
        return bad(equation, "term '" + term + "' has more labels than its operand has axes");
      for (int64_t k = n; k-- > 0;) labels.push_back(kEllipsisBase + static_cast<int>(k));
      i += 2;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      labels.push_back(c);
    } else {
      return bad(equation, std::string("unexpected character '") + c + "'");
    }
  }
  if (rank >= 0 && static_cast<int64_t>(labels.size()) != rank)
    return bad(equation, "term '" + term + "' has " + std::to_string(labels.size()) +
                             " labels for an operand of rank " + std::to_string(rank));
  return labels;
}

}  // namespace

Expected<Tensor> einsum(const std::string& equation, const std::vector<const Tensor*>& operands) {
  std::string lhs = equation, rhs;
  const auto arrow = equation.find("->");
  const bool explicitOutput = arrow != std::string::npos;
  if (explicitOutput) {
    lhs = equation.substr(0, arrow);
    rhs = equation.substr(arrow + 2);
  }
  std::vector<std::string> terms;
  size_t start = 0;
  while (true) {
    const auto comma = lhs.find(',', start);
    terms.push_back(
        lhs.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (terms.size() != operands.size())
    return bad(equation, std::to_string(terms.size()) + " terms for " +
                             std::to_string(operands.size()) + " operands");

  // Label sizes; ellipsis axes broadcast like numpy.
  int64_t ellipsisRank = 0;
  std::vector<std::vector<int>> labels(terms.size());
  std::map<int, int64_t> sizes;
  std::map<int, int> counts;
  for (size_t t = 0; t < terms.size(); ++t) {
    auto parsed = parseTerm(terms[t], operands[t]->rank(), ellipsisRank, equation);
    if (!parsed) return parsed.error();
    labels[t] = *parsed;
    for (size_t a = 0; a < labels[t].size(); ++a) {
      const int l = labels[t][a];
      const int64_t dim = operands[t]->dims()[a];
      ++counts[l];
      auto [it, inserted] = sizes.emplace(l, dim);
      if (inserted || it->second == dim) continue;
      if (l >= kEllipsisBase && (it->second == 1 || dim == 1)) {
        it->second = std::max(it->second, dim);
        continue;
      }
      return makeError(ErrorCode::ShapeMismatch,
                       "einsum equation '" + equation + "': label '" +
                           (l < kEllipsisBase ? std::string(1, static_cast<char>(l)) : "...") +
                           "' has sizes " + std::to_string(it->second) + " and " +
                           std::to_string(dim));
    }
  }
  std::vector<int> outLabels;
  if (explicitOutput) {
    auto parsed = parseTerm(rhs, -1, ellipsisRank, equation);
    if (!parsed) return parsed.error();
    outLabels = *parsed;
    for (int l : outLabels)
      if (!sizes.count(l)) return bad(equation, "output label not among the inputs");
  } else {
    for (int64_t k = ellipsisRank; k-- > 0;)
      outLabels.push_back(kEllipsisBase + static_cast<int>(k));
    for (const auto& [l, c] : counts)
      if (l < kEllipsisBase && c == 1) outLabels.push_back(l);
  }
  std::vector<int> sumLabels;
  for (const auto& [l, size] : sizes)
    if (std::find(outLabels.begin(), outLabels.end(), l) == outLabels.end()) sumLabels.push_back(l);

  // Per operand, the element stride of every label (summed when a label repeats: diagonals).
  std::vector<Tensor> wide;
  for (const Tensor* t : operands) {
    auto w = cast(*t, DType::Float64);
    if (!w) return w.error();
    wide.push_back(std::move(*w));
  }
  std::vector<int> all = outLabels;
  all.insert(all.end(), sumLabels.begin(), sumLabels.end());
  std::vector<std::vector<int64_t>> strides(operands.size(), std::vector<int64_t>(all.size(), 0));
  for (size_t t = 0; t < operands.size(); ++t) {
    const auto own = contiguousStrides(operands[t]->dims());
    for (size_t a = 0; a < labels[t].size(); ++a) {
      if (operands[t]->dims()[a] == 1 && sizes[labels[t][a]] != 1) continue;  // broadcast
      const auto pos =
          static_cast<size_t>(std::find(all.begin(), all.end(), labels[t][a]) - all.begin());
      strides[t][pos] += own[a];
    }
  }
  std::vector<int64_t> outDims, loopDims;
  for (int l : all) loopDims.push_back(sizes[l]);
  for (int l : outLabels) outDims.push_back(sizes[l]);
  Tensor out = Tensor::zeros(DType::Float64, outDims);
  double* dst = out.mutableData<double>();
  int64_t sumCount = 1;
  for (int l : sumLabels) sumCount *= sizes[l];
  if (out.numel() > 0 && sumCount > 0) {
    std::vector<int64_t> counter(all.size(), 0), offsets(operands.size(), 0);
    int64_t outIndex = 0, inSum = 0;
    while (true) {
      double product = 1;
      for (size_t t = 0; t < operands.size(); ++t) product *= wide[t].data<double>()[offsets[t]];
      dst[outIndex] += product;
      // Advance the odometer (summed labels fastest); track the output element.
      size_t d = all.size();
      bool done = true;
      while (d-- > 0) {
        ++counter[d];
        for (size_t t = 0; t < operands.size(); ++t) offsets[t] += strides[t][d];
        if (counter[d] < loopDims[d]) {
          done = false;
          break;
        }
        for (size_t t = 0; t < operands.size(); ++t) offsets[t] -= strides[t][d] * loopDims[d];
        counter[d] = 0;
      }
      if (done) break;
      if (++inSum == sumCount) {
        inSum = 0;
        ++outIndex;
      }
    }
  }
  return cast(out, operands.empty() ? DType::Float32 : operands[0]->dtype());
}

}  // namespace mb::exec::prim
