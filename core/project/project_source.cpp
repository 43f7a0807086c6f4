#include "project/project_source.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "io/onnx_importer.h"
#include "passes/subgraph.h"

namespace mb::project {
namespace {

constexpr int64_t kMaxDim = int64_t{1} << 40;

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t");
  size_t b = s.find_last_not_of(" \t");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

bool isName(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool allKnown(const std::vector<Dim>& dims) {
  return std::all_of(dims.begin(), dims.end(), [](const Dim& d) { return d.isKnown(); });
}

std::vector<int64_t> values(const std::vector<Dim>& dims) {
  std::vector<int64_t> out;
  for (const Dim& d : dims) out.push_back(d.value);
  return out;
}

void renameSymbol(Graph& graph, const std::string& from, const std::string& to) {
  for (Value& v : graph.values)
    for (Dim& d : v.shape.dims)
      if (!d.isKnown() && d.symbol == from) d.symbol = to;
}

// Names in a shape: rename the model's symbolic dims; numbers must be the model's own sizes.
Status applyNamedDims(Graph& graph, ValueId input, const std::vector<Dim>& wanted) {
  const std::string inputName = graph.value(input).name;
  const Shape model = graph.value(input).shape;
  if (model.rankKnown && model.rank() != wanted.size())
    return makeError(ErrorCode::ShapeMismatch,
                     "the model declares rank " + std::to_string(model.rank()) + " but " +
                         std::to_string(wanted.size()) + " dims are given",
                     "input '" + inputName + "'");
  for (size_t i = 0; i < wanted.size(); ++i) {
    const std::string where = "input '" + inputName + "' dim " + std::to_string(i);
    const Dim have = i < model.rank() ? model.dims[i] : Dim{};
    if (wanted[i].isKnown()) {
      if (have.value != wanted[i].value)
        return makeError(ErrorCode::InvalidArgument,
                         "a shape with names keeps the model's sizes: give every dim a number "
                         "to set this one to " +
                             std::to_string(wanted[i].value),
                         where);
      continue;
    }
    if (have.isKnown())
      return makeError(ErrorCode::ShapeMismatch,
                       "dim " + std::to_string(i) + " is fixed to " + std::to_string(have.value) +
                           " in the model; it cannot be named '" + wanted[i].symbol + "'",
                       where);
    if (!have.symbol.empty()) {
      if (have.symbol != wanted[i].symbol) renameSymbol(graph, have.symbol, wanted[i].symbol);
      continue;
    }
    // A wholly unknown dim gets the name on the input only (nothing else refers to it).
    Shape& shape = graph.value(input).shape;
    shape.dims.resize(wanted.size());
    shape.rankKnown = true;
    shape.dims[i] = wanted[i];
  }
  return Status::ok();
}

}  // namespace

Expected<std::vector<Dim>> parseDimsText(const std::string& text) {
  std::vector<Dim> dims;
  if (trim(text).empty())
    return makeError(ErrorCode::InvalidArgument,
                     "the shape is empty: give sizes or names separated by commas, e.g. "
                     "batch,3,224,224",
                     "shape");
  size_t start = 0;
  for (;;) {
    size_t comma = text.find(',', start);
    std::string item =
        trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    const std::string where = "dim " + std::to_string(dims.size());
    if (!item.empty() && std::all_of(item.begin(), item.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        })) {
      if (item.size() > 13 || std::stoll(item) <= 0 || std::stoll(item) > kMaxDim)
        return makeError(ErrorCode::InvalidArgument, "'" + item + "' is not a size (1 to 2^40)",
                         where);
      dims.push_back(Dim::known(std::stoll(item)));
    } else if (isName(item) && item.size() <= 64) {
      dims.push_back(Dim::symbolic(item));
    } else {
      return makeError(ErrorCode::InvalidArgument,
                       item.empty() ? std::string("a dim is missing between commas")
                                    : "'" + item + "' is neither a size nor a name",
                       where);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (dims.size() > 64)
    return makeError(ErrorCode::InvalidArgument, "a shape has at most 64 dims", "shape");
  return dims;
}

std::string dimsText(const std::vector<Dim>& dims) {
  std::string text;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) text += ",";
    text += dims[i].isKnown() ? std::to_string(dims[i].value)
                              : (dims[i].symbol.empty() ? "?" : dims[i].symbol);
  }
  return text;
}

Expected<ProjectSource> importProjectSource(const std::string& modelPath, const Project& project) {
  auto plain = importOnnxFile(modelPath);
  if (!plain) return plain.error();
  std::set<std::string> graphInputs;
  for (ValueId v : plain->graph.inputs) graphInputs.insert(plain->graph.value(v).name);

  // Cut points: the project's input nodes, and shapes given for values that are not graph inputs.
  std::vector<std::string> cutInputs = project.inputNodes;
  std::map<std::string, std::vector<int64_t>> cutShapes;
  OnnxImportOptions options;
  std::map<std::string, std::vector<Dim>> named;
  for (const InputSpec& spec : project.inputs) {
    const bool isCut = !graphInputs.count(spec.name);
    if (isCut && std::find(cutInputs.begin(), cutInputs.end(), spec.name) == cutInputs.end())
      cutInputs.push_back(spec.name);
    if (isCut) {
      if (!allKnown(spec.shape) || spec.shape.empty())
        return makeError(ErrorCode::InvalidArgument,
                         "an input node needs a shape of numbers (it has no size in the model)",
                         "input '" + spec.name + "'");
      cutShapes[spec.name] = values(spec.shape);
    } else if (allKnown(spec.shape)) {
      options.inputShapes[spec.name] = values(spec.shape);
    } else {
      named[spec.name] = spec.shape;
    }
  }
  for (const std::string& name : project.inputNodes)
    if (!graphInputs.count(name) && !cutShapes.count(name))
      return makeError(ErrorCode::InvalidArgument,
                       "an input node needs a shape of numbers under the project's inputs",
                       "input '" + name + "'");

  ProjectSource out;
  if (options.inputShapes.empty()) {
    out.graph = std::move(plain->graph);
    out.warnings = std::move(plain->warnings);
  } else {
    auto shaped = importOnnxFile(modelPath, options);
    if (!shaped) return shaped.error();
    out.graph = std::move(shaped->graph);
    out.warnings = std::move(shaped->warnings);
  }
  for (const auto& [name, dims] : named) {
    auto id = out.graph.findValue(name);
    if (!id)
      return makeError(ErrorCode::InvalidArgument, "no graph input has this name",
                       "input '" + name + "'");
    MB_TRY(applyNamedDims(out.graph, *id, dims));
  }
  if (!cutInputs.empty() || !project.outputNodes.empty()) {
    auto cut = passes::extractSubgraph(out.graph, {cutInputs, project.outputNodes});
    if (!cut) return cut.error();
    out.graph = std::move(*cut);
    for (const auto& [name, dims] : cutShapes)
      if (auto id = out.graph.findValue(name)) out.graph.value(*id).shape = Shape::ofDims(dims);
  }
  return out;
}

}  // namespace mb::project
