// What the mapping engine hands to users: the MindSpore checkpoint (target order, transforms
// applied, streamed), weight_map.json in MindConverter's schema (our details under "mindbridge"),
// and a printed table in the spirit of TroubleShooter's conversion table, with reasons.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "io/checkpoint_writer.h"
#include "weights/weight_map.h"

namespace mb::weights {

// Writes every matched entry (in target order) as target name → transformed source tensor. Refuses
// (writing nothing) when the mapping is incomplete unless allowPartial.
Status writeMappedCheckpoint(const std::string& path, const SourceTensors& sources,
                             const MappingResult& mapping,
                             const CheckpointWriteOptions& options = {}, bool allowPartial = false);

// {model: [{"converted_weight": {name, shape, data_type "Float32"}, "source_weight": {name, shape,
// data_type "float32"}, "mindbridge": {status, matched_by, reason, transforms}}]}
nlohmann::json weightMapJson(const std::string& modelName, const MappingResult& mapping);

// Source | Target | Status | Source shape | Target shape | Reason, then a summary line.
std::string formatMappingTable(const MappingResult& mapping);
std::string mappingSummary(const MappingResult& mapping);

}  // namespace mb::weights
