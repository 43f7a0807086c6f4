#include "weight_auto_match.h"

#include <vector>

namespace mb {

std::map<std::string, std::string> proposeShapePairs(const weights::MappingResult& mapping) {
  // Leftovers by shape, in mapping order (targets in checkpoint order, then unexpected sources
  // in the weight file's order).
  std::map<std::vector<int64_t>, std::vector<const weights::MappingEntry*>> sources, targets;
  for (const auto& e : mapping.entries) {
    if (e.status == weights::MatchStatus::Unexpected) sources[e.sourceShape].push_back(&e);
    if (e.status == weights::MatchStatus::Missing) targets[e.targetShape].push_back(&e);
  }
  std::map<std::string, std::string> pairs;
  for (const auto& [shape, from] : sources) {
    auto onto = targets.find(shape);
    if (onto == targets.end() || onto->second.size() != from.size()) continue;  // ambiguous
    for (size_t i = 0; i < from.size(); ++i) pairs[from[i]->source] = onto->second[i]->target;
  }
  return pairs;
}

}  // namespace mb
