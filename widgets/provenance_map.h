// Which converted nodes came from which source nodes (Node::sourceNodes of the converted graph),
// in both directions: one source op may become several MindSpore ops, several may fuse into one.
#pragma once

#include <vector>

#include "ir/graph.h"

namespace mb {

class ProvenanceMap {
 public:
  ProvenanceMap() = default;
  ProvenanceMap(const Graph& source, const Graph& converted);
  bool empty() const { return toConverted_.empty(); }
  std::vector<NodeId> convertedFor(const std::vector<NodeId>& sourceNodes) const;
  std::vector<NodeId> sourceFor(const std::vector<NodeId>& convertedNodes) const;
  // Source nodes that became (part of) an unconverted node.
  const std::vector<NodeId>& unconvertedSources() const { return unconvertedSources_; }

 private:
  std::vector<std::vector<NodeId>> toConverted_;
  std::vector<std::vector<NodeId>> toSource_;
  std::vector<NodeId> unconvertedSources_;
};

}  // namespace mb
