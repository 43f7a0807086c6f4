// Auto-match: pairs the sources the mapping engine left unmatched with the parameters left without
// a source when their shapes say so unambiguously — across the whole model, not only within one
// scope (the engine's own shape step) — e.g. after a module was renamed and the state dict has a
// tensor more than the model. Within a shape shared by equally many leftover sources and
// parameters, they are paired in order (a state dict and a converted model list layers in the same
// order). The pairs are proposals that the panel applies as one undoable edit of manual pairs.
#pragma once

#include <map>
#include <string>

#include "weights/weight_map.h"

namespace mb {

std::map<std::string, std::string> proposeShapePairs(const weights::MappingResult& mapping);

}  // namespace mb
