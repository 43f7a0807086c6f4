#include "provenance_map.h"

#include <algorithm>

namespace mb {

ProvenanceMap::ProvenanceMap(const Graph& source, const Graph& converted)
    : toConverted_(source.nodes.size()), toSource_(converted.nodes.size()) {
  for (size_t c = 0; c < converted.nodes.size(); ++c)
    for (NodeId s : converted.nodes[c].sourceNodes) {
      if (s < 0 || static_cast<size_t>(s) >= source.nodes.size()) continue;
      toConverted_[static_cast<size_t>(s)].push_back(static_cast<NodeId>(c));
      toSource_[c].push_back(s);
      if (converted.nodes[c].unconverted) unconvertedSources_.push_back(s);
    }
}

namespace {
std::vector<NodeId> gather(const std::vector<std::vector<NodeId>>& table,
                           const std::vector<NodeId>& from) {
  std::vector<NodeId> out;
  for (NodeId n : from)
    if (n >= 0 && static_cast<size_t>(n) < table.size())
      out.insert(out.end(), table[static_cast<size_t>(n)].begin(),
                 table[static_cast<size_t>(n)].end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}
}  // namespace

std::vector<NodeId> ProvenanceMap::convertedFor(const std::vector<NodeId>& s) const {
  return gather(toConverted_, s);
}
std::vector<NodeId> ProvenanceMap::sourceFor(const std::vector<NodeId>& c) const {
  return gather(toSource_, c);
}

}  // namespace mb
