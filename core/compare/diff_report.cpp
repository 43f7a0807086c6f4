#include "compare/diff_report.h"

#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

namespace mb::compare {
namespace {

bool isGraphInput(const Graph& g, ValueId id) {
  return std::find(g.inputs.begin(), g.inputs.end(), id) != g.inputs.end();
}

std::string shapeText(const std::vector<int64_t>& dims) {
  std::string out;
  for (size_t i = 0; i < dims.size(); ++i) out += (i ? "x" : "") + std::to_string(dims[i]);
  return out.empty() ? "scalar" : out;
}

// JSON has no inf/NaN: keep finite numbers as numbers and spell the rest.
nlohmann::json number(double v) {
  if (std::isfinite(v)) return v;
  if (std::isnan(v)) return "nan";
  return v > 0 ? "inf" : "-inf";
}

std::string csvNumber(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string histogramText(const ErrorHistogram& h) {
  std::ostringstream out;
  out << "0:" << h.exact << " <1e" << ErrorHistogram::kFirstDecade << ":" << h.below;
  for (int i = 0; i < ErrorHistogram::kDecades; ++i)
    if (h.decades[static_cast<size_t>(i)])
      out << " 1e" << (ErrorHistogram::kFirstDecade + i) << ":"
          << h.decades[static_cast<size_t>(i)];
  out << " >=1e" << (ErrorHistogram::kFirstDecade + ErrorHistogram::kDecades) << ":" << h.above;
  return out.str();
}

nlohmann::json histogramJson(const ErrorHistogram& h) {
  return {{"exact_zero", h.exact},
          {"below_first_decade", h.below},
          {"first_decade_exponent", ErrorHistogram::kFirstDecade},
          {"decade_counts", std::vector<int64_t>(h.decades.begin(), h.decades.end())},
          {"at_or_above_last_decade", h.above}};
}

nlohmann::json layerJson(const LayerDiff& l) {
  const LayerStats& s = l.stats;
  nlohmann::json j{{"name", l.align.sourceValue},
                   {"converted_value", l.align.convertedValue},
                   {"order", l.align.order},
                   {"source_node", l.align.sourceNode},
                   {"source_op", l.align.sourceOp},
                   {"converted_node", l.align.convertedNode},
                   {"converted_api", l.align.convertedApi},
                   {"is_output", l.align.isOutput},
                   {"status", layerStatusName(l.status)},
                   {"passed", l.passed},
                   {"tolerance", {{"atol", l.tolerance.atol}, {"rtol", l.tolerance.rtol}}}};
  if (!l.note.empty()) j["note"] = l.note;
  if (l.status == LayerStatus::NotComputed || l.status == LayerStatus::Missing) return j;
  j["dtype"] = {{"reference", l.refDType}, {"converted", l.gotDType}};
  j["shape"] = {{"reference", l.refShape}, {"converted", l.gotShape}};
  if (l.status != LayerStatus::Compared) return j;
  j["samples"] = l.samples;
  j["worst_sample"] = l.worstSample;
  j["numel"] = s.numel;
  j["max_abs"] = number(s.maxAbs);
  j["mean_abs"] = number(s.meanAbs);
  j["max_rel"] = number(s.maxRel);
  j["rmse"] = number(s.rmse);
  j["cosine"] = number(s.cosine);
  j["ref_max_abs"] = number(s.refMaxAbs);
  j["fraction_within"] = s.fractionWithin;
  j["within_count"] = s.withinCount;
  j["min_passing_atol"] = number(s.minAtol);
  j["min_passing_rtol"] = number(s.minRtol);
  j["nan"] = {{"reference", s.refNan}, {"converted", s.gotNan}};
  j["inf"] = {{"reference", s.refInf}, {"converted", s.gotInf}};
  j["nonfinite_mismatch"] = s.nonFiniteMismatch;
  j["error_histogram"] = histogramJson(s.histogram);
  return j;
}

Status writeAtomically(const std::filesystem::path& path, const std::string& content) {
  auto tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      return makeError(ErrorCode::WriteFailed,
                       "cannot create the file (check the folder is writable)", tmp.string());
    out << content;
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      return makeError(ErrorCode::WriteFailed, "writing failed (disk full?)", tmp.string());
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return makeError(ErrorCode::WriteFailed, "cannot move the finished file into place",
                     path.string());
  }
  return Status::ok();
}

}  // namespace

const char* layerStatusName(LayerStatus status) {
  switch (status) {
    case LayerStatus::Compared:
      return "compared";
    case LayerStatus::NotComputed:
      return "not_computed";
    case LayerStatus::Missing:
      return "missing";
    case LayerStatus::ShapeMismatch:
      return "shape_mismatch";
  }
  return "unknown";
}

std::vector<bool> notComputedValues(const Graph& converted) {
  std::vector<bool> blocked(converted.values.size(), false);
  for (size_t v = 0; v < converted.values.size(); ++v) {
    const Value& value = converted.values[v];
    if (value.producer == kNoNode && !value.initializer &&
        !isGraphInput(converted, static_cast<ValueId>(v)))
      blocked[v] = true;  // nothing produces it: an unconverted subgraph's leftovers
  }
  auto order = converted.topologicalOrder();
  std::vector<NodeId> nodes;
  if (order) {
    nodes = *order;
  } else {
    for (size_t n = 0; n < converted.nodes.size(); ++n) nodes.push_back(static_cast<NodeId>(n));
  }
  for (NodeId id : nodes) {
    const Node& node = converted.node(id);
    bool block = node.unconverted;
    for (ValueId in : node.inputs)
      if (in != kNoValue && blocked[static_cast<size_t>(in)]) block = true;
    for (const auto& p : node.params)
      if (p.value != kNoValue && blocked[static_cast<size_t>(p.value)]) block = true;
    if (block)
      for (ValueId out : node.outputs)
        if (out != kNoValue) blocked[static_cast<size_t>(out)] = true;
  }
  return blocked;
}

Expected<std::vector<AlignedValue>> alignValues(const Graph& source, const Graph& converted) {
  auto sourceOrder = source.topologicalOrder();
  if (!sourceOrder) return sourceOrder.error();
  auto convertedOrder = converted.topologicalOrder();
  if (!convertedOrder) return convertedOrder.error();
  std::vector<int64_t> sourceRank(source.nodes.size(), 0), convertedRank(converted.nodes.size(), 0);
  for (size_t i = 0; i < sourceOrder->size(); ++i)
    sourceRank[static_cast<size_t>((*sourceOrder)[i])] = static_cast<int64_t>(i);
  for (size_t i = 0; i < convertedOrder->size(); ++i)
    convertedRank[static_cast<size_t>((*convertedOrder)[i])] = static_cast<int64_t>(i);

  // source value id → chosen converted value id
  std::map<ValueId, ValueId> chosen;
  auto offer = [&](ValueId sourceId, ValueId convertedId) {
    const Value& sv = source.value(sourceId);
    const Value& cv = converted.value(convertedId);
    if (sv.producer == kNoNode || cv.producer == kNoNode) return;  // inputs and constants are given
    auto it = chosen.find(sourceId);
    if (it == chosen.end() ||
        convertedRank[static_cast<size_t>(cv.producer)] >
            convertedRank[static_cast<size_t>(converted.value(it->second).producer)])
      chosen[sourceId] = convertedId;
  };
  for (size_t v = 0; v < converted.values.size(); ++v) {
    const Value& cv = converted.values[v];
    if (cv.sourceValue.empty()) continue;
    if (auto sid = source.findValue(cv.sourceValue)) offer(*sid, static_cast<ValueId>(v));
  }
  // Outputs correspond one to one even when the converter did not tag them.
  for (size_t i = 0; i < std::min(source.outputs.size(), converted.outputs.size()); ++i)
    if (!chosen.count(source.outputs[i]) &&
        converted.value(converted.outputs[i]).sourceValue.empty())
      offer(source.outputs[i], converted.outputs[i]);

  const auto blocked = notComputedValues(converted);
  std::vector<AlignedValue> aligned;
  for (const auto& [sid, cid] : chosen) {
    const Value& sv = source.value(sid);
    const Value& cv = converted.value(cid);
    const Node& sn = source.node(sv.producer);
    const Node& cn = converted.node(cv.producer);
    AlignedValue a;
    a.sourceValue = sv.name;
    a.convertedValue = cv.name;
    a.sourceNode = sn.name;
    a.sourceOp = sn.domain.empty() ? sn.opType : sn.domain + "::" + sn.opType;
    a.convertedNode = cn.name;
    a.convertedApi = cn.opType;
    a.order = sourceRank[static_cast<size_t>(sv.producer)];
    a.isOutput =
        std::find(source.outputs.begin(), source.outputs.end(), sid) != source.outputs.end();
    a.notComputed = blocked[static_cast<size_t>(cid)];
    aligned.push_back(std::move(a));
  }
  std::stable_sort(aligned.begin(), aligned.end(),
                   [](const AlignedValue& x, const AlignedValue& y) { return x.order < y.order; });
  return aligned;
}

DiffAccumulator::DiffAccumulator(std::vector<AlignedValue> aligned, DiffOptions options)
    : aligned_(std::move(aligned)), options_(std::move(options)) {
  layers_.resize(aligned_.size());
  for (size_t i = 0; i < aligned_.size(); ++i) {
    LayerDiff& l = layers_[i];
    l.align = aligned_[i];
    l.tolerance = options_.defaults;
    if (auto it = options_.overrides.find(l.align.sourceValue); it != options_.overrides.end())
      l.tolerance = it->second;
    else if (auto itn = options_.overrides.find(l.align.sourceNode);
             itn != options_.overrides.end())
      l.tolerance = itn->second;
    l.status = l.align.notComputed ? LayerStatus::NotComputed : LayerStatus::Compared;
  }
}

void DiffAccumulator::addSample(const TapMap& sourceTaps, const TapMap& convertedTaps) {
  const int sample = samples_++;
  for (LayerDiff& l : layers_) {
    if (l.status != LayerStatus::Compared) continue;
    auto ref = sourceTaps.find(l.align.sourceValue);
    auto got = convertedTaps.find(l.align.convertedValue);
    if (ref == sourceTaps.end() || got == convertedTaps.end()) {
      l.status = LayerStatus::Missing;
      l.note = ref == sourceTaps.end() ? "the source run did not produce this value"
                                       : "the converted run did not produce this value";
      continue;
    }
    const Tensor& r = ref->second;
    const Tensor& g = got->second;
    l.refDType = std::string(dtypeName(r.dtype()));
    l.gotDType = std::string(dtypeName(g.dtype()));
    l.refShape = r.dims();
    l.gotShape = g.dims();
    if (r.dims() != g.dims()) {
      l.status = LayerStatus::ShapeMismatch;
      l.note = "reference shape " + shapeText(r.dims()) + " but converted " + shapeText(g.dims());
      continue;
    }
    if (r.dtype() == DType::String || g.dtype() == DType::String) {
      l.status = LayerStatus::ShapeMismatch;
      l.note = "string tensors are not compared numerically";
      continue;
    }
    if (r.dtype() != g.dtype())
      l.note = "dtype differs (reference " + l.refDType + ", converted " + l.gotDType +
               "); values compared";
    LayerStats s = computeLayerStats(g, r, l.tolerance);
    if (l.samples == 0) {
      l.stats = s;
      l.worstSample = sample;
    } else {
      if (s.maxAbs > l.stats.maxAbs) l.worstSample = sample;
      mergeWorstCase(l.stats, s);
    }
    ++l.samples;
  }
}

DiffReport DiffAccumulator::finish() const {
  DiffReport report;
  report.samples = samples_;
  report.defaults = options_.defaults;
  report.layers = layers_;
  for (size_t i = 0; i < report.layers.size(); ++i) {
    LayerDiff& l = report.layers[i];
    l.passed = l.status == LayerStatus::Compared && l.samples > 0 && l.stats.allWithin();
    const bool diverges = l.status == LayerStatus::Missing ||
                          l.status == LayerStatus::ShapeMismatch ||
                          (l.status == LayerStatus::Compared && !l.passed);
    if (diverges && !report.firstDivergent) report.firstDivergent = i;
  }
  return report;
}

bool DiffReport::passed() const {
  return failedCount() == 0;
}

size_t DiffReport::count(LayerStatus status) const {
  return static_cast<size_t>(std::count_if(layers.begin(), layers.end(),
                                           [&](const LayerDiff& l) { return l.status == status; }));
}

size_t DiffReport::failedCount() const {
  return static_cast<size_t>(std::count_if(layers.begin(), layers.end(), [](const LayerDiff& l) {
    return l.status != LayerStatus::NotComputed && !l.passed;
  }));
}

nlohmann::json DiffReport::toJson() const {
  nlohmann::json j;
  j["model"] = model;
  j["target_api"] = targetApi;
  j["samples"] = samples;
  j["seed"] = seed;
  j["default_tolerance"] = {{"atol", defaults.atol}, {"rtol", defaults.rtol}};
  j["passed"] = passed();
  j["summary"] = {{"layers", layers.size()},
                  {"compared", count(LayerStatus::Compared)},
                  {"failed", failedCount()},
                  {"not_computed", count(LayerStatus::NotComputed)},
                  {"missing", count(LayerStatus::Missing)},
                  {"shape_mismatch", count(LayerStatus::ShapeMismatch)}};
  if (firstDivergent) {
    const LayerDiff& l = layers[*firstDivergent];
    j["first_divergent"] = {{"index", *firstDivergent},
                            {"name", l.align.sourceValue},
                            {"source_node", l.align.sourceNode},
                            {"source_op", l.align.sourceOp},
                            {"converted_node", l.align.convertedNode},
                            {"converted_api", l.align.convertedApi},
                            {"status", layerStatusName(l.status)},
                            {"max_abs", number(l.stats.maxAbs)}};
  } else {
    j["first_divergent"] = nullptr;
  }
  j["unconverted_nodes"] = unconvertedNodes;
  j["unverified_nodes"] = unverifiedNodes;
  j["not_computed_values"] = notComputed;
  j["execution_errors"] = executionErrors;
  j["layers"] = nlohmann::json::array();
  for (const auto& l : layers) j["layers"].push_back(layerJson(l));
  return j;
}

std::string DiffReport::toCsv() const {
  std::ostringstream out;
  out << "order,name,converted_value,source_op,converted_api,status,passed,ref_dtype,dtype,ref_"
         "shape,"
         "shape,numel,max_abs,mean_abs,max_rel,rmse,cosine,ref_max_abs,fraction_within,atol,rtol,"
         "min_passing_atol,min_passing_rtol,ref_nan,ref_inf,nan,inf,nonfinite_mismatch,samples,"
         "worst_sample,error_histogram,note\n";
  for (const auto& l : layers) {
    const LayerStats& s = l.stats;
    const bool has = l.status == LayerStatus::Compared && l.samples > 0;
    auto stat = [&](double v) { return has ? csvNumber(v) : std::string(); };
    out << l.align.order << ',' << csvField(l.align.sourceValue) << ','
        << csvField(l.align.convertedValue) << ',' << csvField(l.align.sourceOp) << ','
        << csvField(l.align.convertedApi) << ',' << layerStatusName(l.status) << ','
        << (l.passed ? "true" : "false") << ',' << l.refDType << ',' << l.gotDType << ','
        << (l.refShape.empty() && !has ? "" : shapeText(l.refShape)) << ','
        << (l.gotShape.empty() && !has ? "" : shapeText(l.gotShape)) << ','
        << (has ? std::to_string(s.numel) : "") << ',' << stat(s.maxAbs) << ',' << stat(s.meanAbs)
        << ',' << stat(s.maxRel) << ',' << stat(s.rmse) << ',' << stat(s.cosine) << ','
        << stat(s.refMaxAbs) << ',' << stat(s.fractionWithin) << ',' << csvNumber(l.tolerance.atol)
        << ',' << csvNumber(l.tolerance.rtol) << ',' << stat(s.minAtol) << ',' << stat(s.minRtol)
        << ',' << (has ? std::to_string(s.refNan) : "") << ','
        << (has ? std::to_string(s.refInf) : "") << ',' << (has ? std::to_string(s.gotNan) : "")
        << ',' << (has ? std::to_string(s.gotInf) : "") << ','
        << (has ? std::to_string(s.nonFiniteMismatch) : "") << ',' << l.samples << ','
        << l.worstSample << ',' << (has ? histogramText(s.histogram) : "") << ','
        << csvField(l.note) << '\n';
  }
  return out.str();
}

Status writeDiffFiles(const DiffReport& report, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    return makeError(ErrorCode::WriteFailed, "cannot create the output folder: " + ec.message(),
                     dir);
  const std::filesystem::path base(dir);
  MB_TRY(writeAtomically(base / "diff.json", report.toJson().dump(2) + "\n"));
  MB_TRY(writeAtomically(base / "diff.csv", report.toCsv()));
  return Status::ok();
}

}  // namespace mb::compare
