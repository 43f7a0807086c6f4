#include "emit/conversion_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "ir/fix_marks.h"

namespace mb::emitter {
namespace {

std::string onnxName(const Node& node) {
  std::string op = node.opType.rfind("onnx::", 0) == 0 ? node.opType.substr(6) : node.opType;
  return "onnx::" + (node.domain.empty() || node.domain == "ai.onnx" || node.domain == "mindspore"
                         ? op
                         : node.domain + "." + op);
}

std::string fixed2(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.2f", v);
  return buffer;
}

std::string sci(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.3g", v);
  return buffer;
}

std::string html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<int64_t> dimsOf(const Value& v) {
  if (v.initializer) return v.initializer->dims();
  std::vector<int64_t> dims;
  for (const auto& d : v.shape.dims) dims.push_back(d.value);
  return dims;
}

struct OpRow {
  std::string name;
  int count = 0;
  bool supported = true;
};

std::vector<OpRow> operatorRows(const ReportContext& c) {
  std::map<std::string, OpRow> rows;
  std::set<std::string> unsupported;
  if (c.converted)
    for (const auto& n : c.converted->nodes) {
      if (!n.unconverted) continue;
      bool viaSource = false;
      if (c.source)
        for (NodeId s : n.sourceNodes)
          if (s >= 0 && static_cast<size_t>(s) < c.source->nodes.size()) {
            unsupported.insert(onnxName(c.source->node(s)));
            viaSource = true;
          }
      if (!viaSource) unsupported.insert(onnxName(n));
    }
  if (c.source) {
    for (const auto& n : c.source->nodes) {
      auto& row = rows[onnxName(n)];
      row.name = onnxName(n);
      ++row.count;
    }
  } else if (c.converted) {
    for (const auto& n : c.converted->nodes)
      if (n.unconverted) {
        auto& row = rows[onnxName(n)];
        row.name = onnxName(n);
        ++row.count;
      }
  }
  std::vector<OpRow> out;
  for (auto& [name, row] : rows) {
    row.supported = !unsupported.count(name);
    out.push_back(row);
  }
  return out;
}

}  // namespace

namespace {

// One entry per source node a fix converted: its first converted node, and the fix kind.
std::vector<std::pair<NodeId, std::string>> fixedNodes(const Graph& converted) {
  std::vector<std::pair<NodeId, std::string>> out;
  std::set<NodeId> seen;
  for (size_t i = 0; i < converted.nodes.size(); ++i) {
    const Node& n = converted.nodes[i];
    if (!isFixDomain(n.domain)) continue;
    const NodeId key = n.sourceNodes.empty() ? -1 - static_cast<NodeId>(i) : n.sourceNodes[0];
    if (!seen.insert(key).second) continue;
    out.push_back({static_cast<NodeId>(i), n.domain == kApiFixDomain        ? "api"
                                           : n.domain == kTemplateFixDomain ? "template"
                                                                            : "snippet"});
  }
  return out;
}

std::string fixedSourceName(const ReportContext& c, const Node& n) {
  if (c.source && !n.sourceNodes.empty() && n.sourceNodes[0] >= 0 &&
      static_cast<size_t>(n.sourceNodes[0]) < c.source->nodes.size())
    return c.source->node(n.sourceNodes[0]).name;
  return n.name;
}

}  // namespace

ConversionCounts conversionCounts(const Graph& converted) {
  ConversionCounts counts;
  for (const auto& n : converted.nodes) {
    ++counts.total;
    if (!n.unconverted) ++counts.converted;
  }
  for (const auto& [id, kind] : fixedNodes(converted))
    ++(kind == "api"        ? counts.fixedByApi
       : kind == "template" ? counts.fixedByTemplate
                            : counts.fixedBySnippet);
  return counts;
}

std::string conversionReportText(const ReportContext& c) {
  std::string out = "[Start Convert]\n";
  std::vector<std::pair<SourceLocation, NodeId>> sites;
  if (c.converted)
    for (size_t i = 0; i < c.converted->nodes.size(); ++i) {
      if (!c.converted->nodes[i].unconverted) continue;
      SourceLocation where;
      if (c.modelPy) {
        auto it = c.modelPy->callSites.find(static_cast<NodeId>(i));
        if (it != c.modelPy->callSites.end()) where = it->second;
      }
      sites.push_back({where, static_cast<NodeId>(i)});
    }
  std::stable_sort(sites.begin(), sites.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first.line, a.first.column) < std::tie(b.first.line, b.first.column);
  });
  for (const auto& [where, id] : sites) {
    const Node& n = c.converted->node(id);
    out += "line " + std::to_string(where.line) + ":" + std::to_string(where.column) +
           ": [UnConvert] '" + onnxName(n) + "' didn't convert.";
    if (!n.suggestions.empty()) {
      out += " Maybe could convert to ";
      for (size_t i = 0; i < n.suggestions.size() && i < 3; ++i)
        out += (i ? ", " : "") + n.suggestions[i];
      out += ".";
    }
    out += "\n";
  }
  if (c.converted)
    for (const auto& [id, kind] : fixedNodes(*c.converted)) {
      const Node& n = c.converted->node(id);
      SourceLocation where;
      if (c.modelPy)
        if (auto it = c.modelPy->callSites.find(id); it != c.modelPy->callSites.end())
          where = it->second;
      out += "line " + std::to_string(where.line) + ":" + std::to_string(where.column) +
             ": [Fixed] node '" + fixedSourceName(c, n) + "' converted by a " + kind + " fix" +
             (kind == "snippet" ? " (custom code, unverified)." : ".") + "\n";
    }
  out += "[Convert Over]\n";
  const ConversionCounts counts = c.converted ? conversionCounts(*c.converted) : ConversionCounts{};
  out += "Converted Rate: " + fixed2(counts.rate()) + "%.\n";
  return out;
}

std::string operatorScanCsv(const ReportContext& c) {
  std::string out = "operator_name, count, status\n";
  for (const auto& row : operatorRows(c))
    out += row.name + ", " + std::to_string(row.count) + ", " +
           (row.supported ? "Supported" : "Unsupported") + "\n";
  return out;
}

nlohmann::json weightMapJson(const ReportContext& c) {
  nlohmann::json entries = nlohmann::json::array();
  if (!c.modelPy || !c.converted) return {{c.modelName, entries}};
  std::map<ValueId, std::pair<NodeId, size_t>> owner;  // param value → node, param index
  for (size_t n = 0; n < c.converted->nodes.size(); ++n)
    for (size_t p = 0; p < c.converted->nodes[n].params.size(); ++p)
      owner[c.converted->nodes[n].params[p].value] = {static_cast<NodeId>(n), p};
  auto sourceDescription = [&](const std::string& name) {
    nlohmann::json j{{"name", name}};
    if (c.source)
      if (auto id = c.source->findValue(name)) {
        const Value& v = c.source->value(*id);
        j["shape"] = dimsOf(v);
        j["data_type"] = std::string(dtypeName(v.dtype));
      }
    return j;
  };
  for (const auto& e : c.modelPy->checkpoint) {
    if (e.value == kNoValue) continue;
    const Value& v = c.converted->value(e.value);
    nlohmann::json converted{{"name", e.key},
                             {"shape", dimsOf(v)},
                             {"data_type", std::string(mindsporeDTypeName(v.dtype))}};
    // Where it came from: the converter's record, else provenance on the value and node.
    std::vector<std::string> sources;
    std::string transform;
    auto ws = c.weightSources.find(e.key);
    if (ws != c.weightSources.end()) {
      sources = ws->second.sourceInitializers;
      transform = ws->second.transform;
    } else if (!v.sourceValue.empty()) {
      sources = {v.sourceValue};
    } else if (auto it = owner.find(e.value); it != owner.end()) {
      const Node& node = c.converted->node(it->second.first);
      if (node.sourceInitializers.size() == node.params.size())
        sources = {node.sourceInitializers[it->second.second]};
      else
        sources = node.sourceInitializers;
    } else if (c.source && c.source->findValue(v.name)) {
      sources = {v.name};
    }
    nlohmann::json entry;
    if (sources.size() == 1) {
      entry["source_weight"] = sourceDescription(sources[0]);
      entry["converted_weight"] = converted;
    } else {
      // MindConverter's convention when counts differ: lists under both keys.
      entry["source_weight"] = nlohmann::json::array();
      for (const auto& s : sources) entry["source_weight"].push_back(sourceDescription(s));
      entry["converted_weight"] = nlohmann::json::array({converted});
    }
    nlohmann::json extra{{"kind", e.isConstant ? "constant" : "parameter"},
                         {"transform", transform.empty() ? "none" : transform}};
    if (auto it = owner.find(e.value); it != owner.end()) {
      const Node& node = c.converted->node(it->second.first);
      extra["cell"] = node.scope;
      extra["api"] = node.opType;
    }
    entry["mindbridge"] = extra;
    entries.push_back(entry);
  }
  return {{c.modelName, entries}};
}

std::string weightMapText(const ReportContext& c) {
  const nlohmann::json map = weightMapJson(c);
  std::string out = "{" + nlohmann::json(c.modelName).dump() + ": [";
  const auto& entries = map.at(c.modelName);
  for (size_t i = 0; i < entries.size(); ++i) out += (i ? ",\n  " : "\n  ") + entries[i].dump();
  return out + (entries.empty() ? "]}\n" : "\n]}\n");
}

nlohmann::json reportJson(const ReportContext& c) {
  nlohmann::json j;
  j["mindbridge_version"] = MB_VERSION;
  j["model"] = c.modelName;
  j["source"] = {{"file", c.sourceFile}, {"sha256", c.sourceSha256}};
  if (c.source) {
    j["source"]["opset"] = c.source->opsetVersion();
    j["source"]["nodes"] = c.source->nodes.size();
  }
  if (c.converted) {
    j["target_api"] = c.converted->targetApi;
    const ConversionCounts counts = conversionCounts(*c.converted);
    j["converted_rate"] = std::round(counts.rate() * 100) / 100;
    j["nodes"] = {{"total", counts.total},
                  {"converted", counts.converted},
                  {"unconverted", counts.total - counts.converted}};
    nlohmann::json fixed = nlohmann::json::array();
    for (const auto& [id, kind] : fixedNodes(*c.converted)) {
      const Node& n = c.converted->node(id);
      fixed.push_back(
          {{"node", fixedSourceName(c, n)},
           {"kind", kind},
           {"api", kind == "template" ? std::string() : n.opType},
           {"verified", kind == "snippet" ? "unverified (custom code)"
                        : kind == "api"
                            ? "checked by the per-layer diff if the executor implements the API"
                            : "checked by the per-layer diff"}});
    }
    j["fixed"] = fixed;
    j["nodes"]["fixed"] = {{"api", counts.fixedByApi},
                           {"template", counts.fixedByTemplate},
                           {"snippet", counts.fixedBySnippet}};
  }
  j["model_py"] = c.modelPyFile;
  if (c.modelPy) {
    j["top_class"] = c.modelPy->topClass;
    nlohmann::json classes = nlohmann::json::object();
    for (const auto& [name, paths] : c.modelPy->classInstances) classes[name] = paths;
    j["classes"] = classes;
    uint64_t bytes = 0;
    size_t constants = 0;
    for (const auto& e : c.modelPy->checkpoint) {
      if (e.value != kNoValue && c.converted && c.converted->value(e.value).initializer)
        bytes += c.converted->value(e.value).initializer->nbytes();
      constants += e.isConstant ? 1 : 0;
    }
    j["checkpoint"] = {
        {"entries", c.modelPy->checkpoint.size()}, {"constants", constants}, {"bytes", bytes}};
  }
  nlohmann::json ops = nlohmann::json::array();
  for (const auto& row : operatorRows(c))
    ops.push_back({{"operator", row.name},
                   {"count", row.count},
                   {"status", row.supported ? "Supported" : "Unsupported"}});
  j["operators"] = ops;
  nlohmann::json unconverted = nlohmann::json::array();
  if (c.converted)
    for (size_t i = 0; i < c.converted->nodes.size(); ++i) {
      const Node& n = c.converted->nodes[i];
      if (!n.unconverted) continue;
      nlohmann::json u{{"operator", onnxName(n)},
                       {"node", n.name},
                       {"reason", n.unconvertedReason},
                       {"suggestions", n.suggestions}};
      if (c.modelPy)
        if (auto it = c.modelPy->callSites.find(static_cast<NodeId>(i));
            it != c.modelPy->callSites.end())
          u["location"] = {{"line", it->second.line}, {"column", it->second.column}};
      unconverted.push_back(u);
    }
  j["unconverted"] = unconverted;
  j["files"] = c.files;
  std::vector<std::string> warnings = c.warnings;
  if (c.modelPy)
    warnings.insert(warnings.end(), c.modelPy->warnings.begin(), c.modelPy->warnings.end());
  j["warnings"] = warnings;
  j["seconds"] = std::round(c.seconds * 1000) / 1000;
  if (c.diff) {
    j["diff"] = {
        {"passed", c.diff->passed()},
        {"layers", c.diff->layers.size()},
        {"samples", c.diff->samples},
        {"failed",
         c.diff->layers.size() - c.diff->count(compare::LayerStatus::Compared) +
             std::count_if(c.diff->layers.begin(), c.diff->layers.end(), [](const auto& l) {
               return l.status == compare::LayerStatus::Compared && !l.passed;
             })}};
    if (c.diff->firstDivergent)
      j["diff"]["first_divergent"] = c.diff->layers[*c.diff->firstDivergent].align.sourceValue;
  }
  return j;
}

namespace {

// log10(max_abs) per layer as an inline SVG polyline, with the tolerance as a dashed line.
std::string diffSvg(const compare::DiffReport& diff) {
  const double width = 900, height = 260, left = 50, bottom = 30, top = 10;
  const double lo = -12, hi = 2;
  const size_t n = diff.layers.size();
  auto y = [&](double v) {
    double l = v > 0 ? std::log10(v) : lo;
    l = std::clamp(l, lo, hi);
    return top + (hi - l) / (hi - lo) * (height - top - bottom);
  };
  auto x = [&](size_t i) {
    return left + (n > 1 ? static_cast<double>(i) / static_cast<double>(n - 1) : 0.5) *
                      (width - left - 10);
  };
  std::string svg =
      "<svg xmlns='http://www.w3.org/2000/svg' width='900' height='260' "
      "role='img' aria-label='max abs error per layer'>";
  for (int d = static_cast<int>(lo); d <= static_cast<int>(hi); d += 2) {
    const double yy = y(std::pow(10.0, d));
    svg += "<line x1='" + std::to_string(left) + "' x2='" + std::to_string(width - 10) + "' y1='" +
           std::to_string(yy) + "' y2='" + std::to_string(yy) + "' stroke='#ddd'/>";
    svg += "<text x='4' y='" + std::to_string(yy + 4) + "' font-size='10'>1e" + std::to_string(d) +
           "</text>";
  }
  const double tol = y(diff.defaults.atol);
  svg += "<line x1='" + std::to_string(left) + "' x2='" + std::to_string(width - 10) + "' y1='" +
         std::to_string(tol) + "' y2='" + std::to_string(tol) +
         "' stroke='#c00' stroke-dasharray='4 3'/>";
  std::string points;
  for (size_t i = 0; i < n; ++i) {
    const auto& l = diff.layers[i];
    if (l.status != compare::LayerStatus::Compared) continue;
    points += std::to_string(x(i)) + "," + std::to_string(y(l.stats.maxAbs)) + " ";
    svg += "<circle cx='" + std::to_string(x(i)) + "' cy='" + std::to_string(y(l.stats.maxAbs)) +
           "' r='2.5' fill='" + (l.passed ? "#2a7" : "#c00") + "'><title>" +
           html(l.align.sourceValue) + ": " + sci(l.stats.maxAbs) + "</title></circle>";
  }
  svg += "<polyline fill='none' stroke='#36c' points='" + points + "'/>";
  svg += "<text x='" + std::to_string(left) + "' y='" + std::to_string(height - 8) +
         "' font-size='11'>layers in source order →  (dashed: atol)</text></svg>";
  return svg;
}

}  // namespace

std::string reportHtml(const ReportContext& c) {
  const nlohmann::json summary = reportJson(c);
  std::string out =
      "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>MindBridge report: " +
      html(c.modelName) +
      "</title><style>body{font:14px sans-serif;margin:2em;max-width:1100px}"
      "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
      "text-align:left}th{background:#f3f3f3}.bad{color:#b00}.ok{color:#070}"
      "code{background:#f6f6f6;padding:1px 3px}</style></head><body>\n";
  out += "<h1>Conversion report: " + html(c.modelName) + "</h1>\n<table>";
  auto row = [&](const std::string& k, const std::string& v) {
    out += "<tr><th>" + html(k) + "</th><td>" + html(v) + "</td></tr>";
  };
  row("Source", c.sourceFile);
  row("Source sha256", c.sourceSha256);
  if (c.converted) row("Target API", c.converted->targetApi);
  row("Generated code", c.modelPyFile);
  if (summary.contains("converted_rate"))
    row("Converted rate", fixed2(summary["converted_rate"].get<double>()) + "%");
  if (summary.contains("nodes"))
    row("Nodes", std::to_string(summary["nodes"]["converted"].get<size_t>()) + " converted of " +
                     std::to_string(summary["nodes"]["total"].get<size_t>()));
  row("MindBridge", MB_VERSION);
  out += "</table>\n";

  out += "<h2>Operators</h2>\n<table><tr><th>ONNX operator</th><th>count</th><th>status</th></tr>";
  for (const auto& op : summary["operators"])
    out += "<tr><td>" + html(op["operator"].get<std::string>()) + "</td><td>" +
           std::to_string(op["count"].get<int>()) + "</td><td class='" +
           (op["status"] == "Supported" ? "ok" : "bad") + "'>" + op["status"].get<std::string>() +
           "</td></tr>";
  out += "</table>\n";

  if (summary.contains("fixed") && !summary["fixed"].empty()) {
    out +=
        "<h2>Fixed operators</h2>\n<table><tr><th>node</th><th>fix</th><th>API</th>"
        "<th>verification</th></tr>";
    for (const auto& f : summary["fixed"])
      out += "<tr><td>" + html(f["node"].get<std::string>()) + "</td><td>" +
             html(f["kind"].get<std::string>()) + "</td><td><code>" +
             html(f["api"].get<std::string>()) + "</code></td><td class='" +
             (f["kind"] == "snippet" ? "bad" : "ok") + "'>" +
             html(f["verified"].get<std::string>()) + "</td></tr>";
    out += "</table>\n";
  }
  out += "<h2>Unconverted operators</h2>\n";
  if (summary["unconverted"].empty()) {
    out += "<p class='ok'>Every operator was converted.</p>\n";
  } else {
    out +=
        "<table><tr><th>operator</th><th>node</th><th>model.py</th><th>reason</th>"
        "<th>suggestions</th></tr>";
    for (const auto& u : summary["unconverted"]) {
      std::string where = u.contains("location")
                              ? "line " + std::to_string(u["location"]["line"].get<int>()) + ":" +
                                    std::to_string(u["location"]["column"].get<int>())
                              : "";
      std::string suggestions;
      for (const auto& s : u["suggestions"])
        suggestions += (suggestions.empty() ? "" : ", ") + s.get<std::string>();
      out += "<tr><td class='bad'>" + html(u["operator"].get<std::string>()) + "</td><td>" +
             html(u["node"].get<std::string>()) + "</td><td>" + where + "</td><td>" +
             html(u["reason"].get<std::string>()) + "</td><td><code>" + html(suggestions) +
             "</code></td></tr>";
    }
    out += "</table>\n";
  }

  out +=
      "<h2>Weight map</h2>\n<table><tr><th>checkpoint key</th><th>shape</th><th>dtype</th>"
      "<th>source</th><th>transform</th></tr>";
  const nlohmann::json weights = weightMapJson(c)[c.modelName];
  for (const auto& w : weights) {
    const nlohmann::json& conv =
        w["converted_weight"].is_array() ? w["converted_weight"][0] : w["converted_weight"];
    std::string source;
    if (w["source_weight"].is_array()) {
      for (const auto& s : w["source_weight"])
        source += (source.empty() ? "" : ", ") + s["name"].get<std::string>();
    } else {
      source = w["source_weight"]["name"].get<std::string>();
    }
    out += "<tr><td><code>" + html(conv["name"].get<std::string>()) + "</code></td><td>" +
           conv["shape"].dump() + "</td><td>" + conv["data_type"].get<std::string>() + "</td><td>" +
           html(source) + "</td><td>" + html(w["mindbridge"]["transform"].get<std::string>()) +
           "</td></tr>";
  }
  out += "</table>\n";

  if (c.diff) {
    out += "<h2>Per-layer numeric diff</h2>\n<p>" + std::to_string(c.diff->samples) +
           " sample(s); tolerance atol " + sci(c.diff->defaults.atol) + ", rtol " +
           sci(c.diff->defaults.rtol) + ". Result: <b class='" +
           (c.diff->passed() ? "ok'>within tolerance" : "bad'>out of tolerance") + "</b></p>\n";
    out += diffSvg(*c.diff);
    out +=
        "\n<table><tr><th>#</th><th>source value</th><th>source op</th><th>MindSpore API</th>"
        "<th>status</th><th>max abs</th><th>mean abs</th><th>cosine</th></tr>";
    for (size_t i = 0; i < c.diff->layers.size(); ++i) {
      const auto& l = c.diff->layers[i];
      const bool compared = l.status == compare::LayerStatus::Compared;
      out += "<tr><td>" + std::to_string(i) + "</td><td>" + html(l.align.sourceValue) +
             "</td><td>" + html(l.align.sourceOp) + "</td><td>" + html(l.align.convertedApi) +
             "</td><td class='" + (compared && l.passed ? "ok" : "bad") + "'>" +
             (compared ? (l.passed ? "pass" : "FAIL") : compare::layerStatusName(l.status)) +
             "</td><td>" + (compared ? sci(l.stats.maxAbs) : "") + "</td><td>" +
             (compared ? sci(l.stats.meanAbs) : "") + "</td><td>" +
             (compared ? sci(l.stats.cosine) : "") + "</td></tr>";
    }
    out += "</table>\n";
  }
  if (!summary["warnings"].empty()) {
    out += "<h2>Warnings</h2>\n<ul>";
    for (const auto& w : summary["warnings"]) out += "<li>" + html(w.get<std::string>()) + "</li>";
    out += "</ul>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace mb::emitter
