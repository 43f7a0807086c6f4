#include "project/project.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "convert/fixes/api_catalogue.h"
#include "convert/fixes/op_templates.h"
#include "emit/sha256.h"
#include "io/atomic_file.h"

namespace mb::project {
namespace {

namespace fs = std::filesystem;

// Assigns an Expected's value or returns its error.
#define ASSIGN(lhs, expr)                               \
  do {                                                  \
    auto assign_result_ = (expr);                       \
    if (!assign_result_) return assign_result_.error(); \
    lhs = std::move(*assign_result_);                   \
  } while (0)
using nlohmann::json;

// ---- writing ---------------------------------------------------------------------------------

json dimToJson(const Dim& dim) {
  if (dim.isKnown()) return dim.value;
  if (!dim.symbol.empty()) return dim.symbol;
  return nullptr;  // wholly unknown
}

// Attributes a project can carry: scalars and lists of scalars (no tensors or subgraphs).
json attributeToJson(const Attribute& attr) {
  const auto& v = attr.value;
  if (auto* i = std::get_if<int64_t>(&v)) return *i;
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* b = std::get_if<bool>(&v)) return *b;
  if (auto* is = std::get_if<std::vector<int64_t>>(&v)) return *is;
  if (auto* ds = std::get_if<std::vector<double>>(&v)) return *ds;
  if (auto* ss = std::get_if<std::vector<std::string>>(&v)) return *ss;
  return nullptr;
}

json toleranceToJson(const compare::Tolerance& t) {
  return json{{"atol", t.atol}, {"rtol", t.rtol}};
}

// ---- reading: every error carries the JSON path of the field -----------------------------------

struct Reader {
  std::string source;
  Error fail(const std::string& path, const std::string& message,
             ErrorCode code = ErrorCode::BadFormat) const {
    return makeError(code, message, source + ": " + path);
  }
  Error wrongType(const std::string& path, const char* expected, const json& got) const {
    return fail(path, std::string("expected ") + expected + ", found " + got.type_name());
  }
};

std::string at(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}
std::string at(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

Status checkKeys(const Reader& r, const json& obj, const std::string& path,
                 std::initializer_list<const char*> known) {
  for (const auto& [key, value] : obj.items()) {
    bool found = false;
    for (const char* k : known) found = found || key == k;
    if (!found)
      return r.fail(at(path, key), "unknown field '" + key + "'", ErrorCode::InvalidArgument);
  }
  return Status::ok();
}

Expected<std::string> readString(const Reader& r, const json& j, const std::string& path) {
  if (!j.is_string()) return r.wrongType(path, "a string", j);
  return j.get<std::string>();
}

Expected<double> readNumber(const Reader& r, const json& j, const std::string& path) {
  if (!j.is_number()) return r.wrongType(path, "a number", j);
  return j.get<double>();
}

Expected<std::vector<std::string>> readStrings(const Reader& r, const json& j,
                                               const std::string& path) {
  if (!j.is_array()) return r.wrongType(path, "a list of strings", j);
  std::vector<std::string> out;
  for (size_t i = 0; i < j.size(); ++i) {
    std::string s;
    ASSIGN(s, readString(r, j[i], at(path, i)));
    out.push_back(std::move(s));
  }
  return out;
}

Expected<InputSpec> readInput(const Reader& r, const json& j, const std::string& path) {
  if (!j.is_object()) return r.wrongType(path, "an object {name, shape}", j);
  MB_TRY(checkKeys(r, j, path, {"name", "shape"}));
  InputSpec spec;
  if (!j.contains("name")) return r.fail(at(path, "name"), "missing input name");
  ASSIGN(spec.name, readString(r, j["name"], at(path, "name")));
  if (!j.contains("shape")) return r.fail(at(path, "shape"), "missing input shape");
  const json& shape = j["shape"];
  const std::string shapePath = at(path, "shape");
  if (!shape.is_array()) return r.wrongType(shapePath, "a list of sizes or dimension names", shape);
  for (size_t i = 0; i < shape.size(); ++i) {
    const json& d = shape[i];
    if (d.is_number_integer() && d.get<int64_t>() >= 0)
      spec.shape.push_back(Dim::known(d.get<int64_t>()));
    else if (d.is_string() && !d.get<std::string>().empty())
      spec.shape.push_back(Dim::symbolic(d.get<std::string>()));
    else if (d.is_null())
      spec.shape.push_back(Dim{});
    else
      return r.fail(at(shapePath, i),
                    std::string("a dimension must be a size >= 0 or a name, found ") +
                        (d.is_number() ? d.dump() : d.type_name()));
  }
  return spec;
}

Expected<Attribute> readAttribute(const Reader& r, const json& j, const std::string& path) {
  if (j.is_boolean()) return Attribute(j.get<bool>());
  if (j.is_number_integer()) return Attribute(j.get<int64_t>());
  if (j.is_number()) return Attribute(j.get<double>());
  if (j.is_string()) return Attribute(j.get<std::string>());
  if (j.is_array()) {
    bool allInt = true, allNumber = true, allString = true;
    for (const auto& e : j) {
      allInt = allInt && e.is_number_integer();
      allNumber = allNumber && e.is_number();
      allString = allString && e.is_string();
    }
    if (allInt) return Attribute(j.get<std::vector<int64_t>>());  // [] reads as ints
    if (allNumber) return Attribute(j.get<std::vector<double>>());
    if (allString) return Attribute(j.get<std::vector<std::string>>());
  }
  return r.fail(
      path,
      std::string("an attribute must be a number, string, bool or a list of one kind; found ") +
          j.type_name());
}

Expected<convert::NodeOverride> readOverride(const Reader& r, const json& j,
                                             const std::string& path) {
  if (!j.is_object()) return r.wrongType(path, "an object", j);
  MB_TRY(checkKeys(r, j, path, {"converter", "attributes", "removeAttributes"}));
  convert::NodeOverride o;
  if (j.contains("converter"))
    ASSIGN(o.converter, readString(r, j["converter"], at(path, "converter")));
  if (j.contains("removeAttributes"))
    ASSIGN(o.removeAttributes, readStrings(r, j["removeAttributes"], at(path, "removeAttributes")));
  if (j.contains("attributes")) {
    const std::string attrPath = at(path, "attributes");
    if (!j["attributes"].is_object()) return r.wrongType(attrPath, "an object", j["attributes"]);
    for (const auto& [name, value] : j["attributes"].items()) {
      Attribute attr;
      ASSIGN(attr, readAttribute(r, value, at(attrPath, name)));
      o.attributes.set(name, std::move(attr));
    }
  }
  return o;
}

Status readAttributes(const Reader& r, const json& j, const std::string& path, AttributeList& out) {
  if (!j.is_object()) return r.wrongType(path, "an object {keyword: value}", j);
  for (const auto& [name, value] : j.items()) {
    Attribute attr;
    ASSIGN(attr, readAttribute(r, value, at(path, name)));
    out.set(name, std::move(attr));
  }
  return Status::ok();
}

Status readNameMap(const Reader& r, const json& j, const std::string& path,
                   std::map<std::string, std::string>& out) {
  if (!j.is_object()) return r.wrongType(path, "an object {keyword: attribute name}", j);
  for (const auto& [name, value] : j.items())
    ASSIGN(out[name], readString(r, value, at(path, name)));
  return Status::ok();
}

Expected<convert::OpFix> readFix(const Reader& r, const json& j, const std::string& path) {
  if (!j.is_object()) return r.wrongType(path, "an object {kind, …}", j);
  convert::OpFix fix;
  std::string kind;
  if (!j.contains("kind")) return r.fail(at(path, "kind"), "missing (api, template or snippet)");
  ASSIGN(kind, readString(r, j["kind"], at(path, "kind")));
  if (kind == "api") {
    MB_TRY(checkKeys(r, j, path,
                     {"kind", "api", "inputs", "initArgs", "callArgs", "initFromAttributes",
                      "callFromAttributes"}));
    fix.kind = convert::FixKind::Api;
    if (!j.contains("api")) return r.fail(at(path, "api"), "missing the MindSpore API path");
    ASSIGN(fix.api.api, readString(r, j["api"], at(path, "api")));
    if (!convert::findApi(fix.api.api))
      return r.fail(at(path, "api"),
                    "'" + fix.api.api + "' is not an API of the MindSpore 2.7 catalogue",
                    ErrorCode::InvalidArgument);
    if (j.contains("inputs")) {
      const json& inputs = j["inputs"];
      if (!inputs.is_array())
        return r.wrongType(at(path, "inputs"), "a list of input indices", inputs);
      for (size_t i = 0; i < inputs.size(); ++i) {
        if (!inputs[i].is_number_integer() || inputs[i].get<int64_t>() < -1 ||
            inputs[i].get<int64_t>() > 100000)
          return r.fail(
              at(at(path, "inputs"), i),
              "expected an input index >= 0 (or -1 = omitted), found " + inputs[i].dump());
        fix.api.inputs.push_back(inputs[i].get<int>());
      }
    }
    if (j.contains("initArgs"))
      MB_TRY(readAttributes(r, j["initArgs"], at(path, "initArgs"), fix.api.initArgs));
    if (j.contains("callArgs"))
      MB_TRY(readAttributes(r, j["callArgs"], at(path, "callArgs"), fix.api.callArgs));
    if (j.contains("initFromAttributes"))
      MB_TRY(readNameMap(r, j["initFromAttributes"], at(path, "initFromAttributes"),
                         fix.api.initFromAttributes));
    if (j.contains("callFromAttributes"))
      MB_TRY(readNameMap(r, j["callFromAttributes"], at(path, "callFromAttributes"),
                         fix.api.callFromAttributes));
  } else if (kind == "template") {
    MB_TRY(checkKeys(r, j, path, {"kind", "template"}));
    fix.kind = convert::FixKind::Template;
    if (!j.contains("template")) return r.fail(at(path, "template"), "missing the template name");
    ASSIGN(fix.templateName, readString(r, j["template"], at(path, "template")));
    if (!convert::findTemplate(fix.templateName))
      return r.fail(at(path, "template"), "unknown template '" + fix.templateName + "'",
                    ErrorCode::InvalidArgument);
  } else if (kind == "snippet") {
    MB_TRY(checkKeys(r, j, path, {"kind", "code", "className"}));
    fix.kind = convert::FixKind::Snippet;
    if (!j.contains("code")) return r.fail(at(path, "code"), "missing the snippet's code");
    ASSIGN(fix.snippet.code, readString(r, j["code"], at(path, "code")));
    if (j.contains("className"))
      ASSIGN(fix.snippet.className, readString(r, j["className"], at(path, "className")));
  } else {
    return r.fail(at(path, "kind"),
                  "unknown fix kind '" + kind + "' (expected api, template or snippet)",
                  ErrorCode::InvalidArgument);
  }
  return fix;
}

json fixToJson(const convert::OpFix& fix) {
  auto attrs = [](const AttributeList& list) {
    json out = json::object();
    for (const auto& a : list.items()) out[a.name] = attributeToJson(a.value);
    return out;
  };
  switch (fix.kind) {
    case convert::FixKind::Api:
      return json{{"kind", "api"},
                  {"api", fix.api.api},
                  {"inputs", fix.api.inputs},
                  {"initArgs", attrs(fix.api.initArgs)},
                  {"callArgs", attrs(fix.api.callArgs)},
                  {"initFromAttributes", fix.api.initFromAttributes},
                  {"callFromAttributes", fix.api.callFromAttributes}};
    case convert::FixKind::Template:
      return json{{"kind", "template"}, {"template", fix.templateName}};
    case convert::FixKind::Snippet:
      return json{
          {"kind", "snippet"}, {"code", fix.snippet.code}, {"className", fix.snippet.className}};
  }
  return json();
}

Expected<compare::Tolerance> readTolerance(const Reader& r, const json& j, const std::string& path,
                                           compare::Tolerance t) {
  if (!j.is_object()) return r.wrongType(path, "an object {atol, rtol}", j);
  MB_TRY(checkKeys(r, j, path, {"atol", "rtol", "layers"}));
  if (j.contains("atol")) ASSIGN(t.atol, readNumber(r, j["atol"], at(path, "atol")));
  if (j.contains("rtol")) ASSIGN(t.rtol, readNumber(r, j["rtol"], at(path, "rtol")));
  if (t.atol < 0) return r.fail(at(path, "atol"), "tolerance must be >= 0");
  if (t.rtol < 0) return r.fail(at(path, "rtol"), "tolerance must be >= 0");
  return t;
}

Status readWeightMapping(const Reader& r, const json& j, const std::string& path,
                         weights::MappingRules& out) {
  if (!j.is_object()) return r.wrongType(path, "an object {rules, overrides}", j);
  MB_TRY(checkKeys(r, j, path, {"rules", "overrides"}));
  if (j.contains("rules")) {
    const std::string rulesPath = at(path, "rules");
    if (!j["rules"].is_array()) return r.wrongType(rulesPath, "a list", j["rules"]);
    for (size_t i = 0; i < j["rules"].size(); ++i) {
      const json& rule = j["rules"][i];
      const std::string rulePath = at(rulesPath, i);
      if (!rule.is_object()) return r.wrongType(rulePath, "an object {match, replace}", rule);
      MB_TRY(checkKeys(r, rule, rulePath, {"match", "replace"}));
      weights::UserRule parsed;
      ASSIGN(parsed.pattern, readString(r, rule.value("match", json()), at(rulePath, "match")));
      ASSIGN(parsed.replace, readString(r, rule.value("replace", json()), at(rulePath, "replace")));
      try {
        parsed.regex = std::regex(parsed.pattern, std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        return r.fail(at(rulePath, "match"),
                      "invalid regular expression '" + parsed.pattern + "': " + e.what(),
                      ErrorCode::InvalidArgument);
      }
      out.rules.push_back(std::move(parsed));
    }
  }
  if (j.contains("overrides")) {
    const std::string ovPath = at(path, "overrides");
    if (!j["overrides"].is_object())
      return r.wrongType(ovPath, "an object {source: target}", j["overrides"]);
    for (const auto& [from, to] : j["overrides"].items()) {
      ASSIGN(out.overrides[from], readString(r, to, at(ovPath, from)));
    }
  }
  return Status::ok();
}

Expected<Project> readProject(const Reader& r, const json& j) {
  if (!j.is_object()) return r.wrongType("(top level)", "a JSON object", j);
  Project p;
  if (!j.contains("schemaVersion"))
    return r.fail("schemaVersion", "missing; this does not look like a MindBridge project file");
  if (!j["schemaVersion"].is_number_integer())
    return r.wrongType("schemaVersion", "an integer", j["schemaVersion"]);
  p.schemaVersion = j["schemaVersion"].get<int>();
  if (p.schemaVersion > kProjectSchemaVersion)
    return r.fail("schemaVersion",
                  "project schema version " + std::to_string(p.schemaVersion) +
                      " was made by a newer MindBridge (this one reads up to version " +
                      std::to_string(kProjectSchemaVersion) + "); update MindBridge to open it",
                  ErrorCode::InvalidArgument);
  if (p.schemaVersion < 1)
    return r.fail("schemaVersion", "invalid schema version " + std::to_string(p.schemaVersion));
  MB_TRY(checkKeys(r, j, "",
                   {"schemaVersion", "model", "inputs", "inputNodes", "outputNodes", "targetApi",
                    "overrides", "fixes", "weightMapping", "tolerance", "diff"}));
  if (p.schemaVersion < 2 && j.contains("fixes"))
    return r.fail("fixes", "schema version 1 has no fixes; set schemaVersion to 2");
  p.schemaVersion = kProjectSchemaVersion;  // migrated: v1 simply has no fixes

  if (!j.contains("model")) return r.fail("model", "missing the source model {path, sha256}");
  const json& model = j["model"];
  if (!model.is_object()) return r.wrongType("model", "an object {path, sha256}", model);
  MB_TRY(checkKeys(r, model, "model", {"path", "sha256"}));
  if (!model.contains("path")) return r.fail("model.path", "missing the source model path");
  ASSIGN(p.modelPath, readString(r, model["path"], "model.path"));
  if (p.modelPath.empty()) return r.fail("model.path", "empty source model path");
  if (model.contains("sha256"))
    ASSIGN(p.modelSha256, readString(r, model["sha256"], "model.sha256"));

  if (j.contains("inputs")) {
    if (!j["inputs"].is_array()) return r.wrongType("inputs", "a list", j["inputs"]);
    for (size_t i = 0; i < j["inputs"].size(); ++i) {
      InputSpec spec;
      ASSIGN(spec, readInput(r, j["inputs"][i], at("inputs", i)));
      p.inputs.push_back(std::move(spec));
    }
  }
  if (j.contains("inputNodes")) ASSIGN(p.inputNodes, readStrings(r, j["inputNodes"], "inputNodes"));
  if (j.contains("outputNodes"))
    ASSIGN(p.outputNodes, readStrings(r, j["outputNodes"], "outputNodes"));
  if (j.contains("targetApi")) {
    std::string api;
    ASSIGN(api, readString(r, j["targetApi"], "targetApi"));
    auto parsed = convert::parseTargetApi(api);
    if (!parsed)
      return r.fail("targetApi", "unknown target API '" + api + "' (expected classic or mint)",
                    ErrorCode::InvalidArgument);
    p.targetApi = *parsed;
  }
  if (j.contains("overrides")) {
    if (!j["overrides"].is_object())
      return r.wrongType("overrides", "an object {node name: override}", j["overrides"]);
    for (const auto& [node, value] : j["overrides"].items()) {
      ASSIGN(p.overrides[node], readOverride(r, value, at("overrides", node)));
    }
  }
  if (j.contains("fixes")) {
    if (!j["fixes"].is_object())
      return r.wrongType("fixes", "an object {node name: fix}", j["fixes"]);
    for (const auto& [node, value] : j["fixes"].items()) {
      ASSIGN(p.fixes[node], readFix(r, value, at("fixes", node)));
    }
  }
  if (j.contains("weightMapping"))
    MB_TRY(readWeightMapping(r, j["weightMapping"], "weightMapping", p.weightMapping));
  if (j.contains("tolerance")) {
    ASSIGN(p.tolerance, readTolerance(r, j["tolerance"], "tolerance", p.tolerance));
    if (j["tolerance"].contains("layers")) {
      const json& layers = j["tolerance"]["layers"];
      if (!layers.is_object())
        return r.wrongType("tolerance.layers", "an object {layer: {atol, rtol}}", layers);
      for (const auto& [layer, value] : layers.items()) {
        const std::string path = at("tolerance.layers", layer);
        if (value.is_object() && value.contains("layers"))
          return r.fail(at(path, "layers"), "nested per-layer tolerances");
        ASSIGN(p.layerTolerances[layer], readTolerance(r, value, path, p.tolerance));
      }
    }
  }
  if (j.contains("diff")) {
    const json& diff = j["diff"];
    if (!diff.is_object()) return r.wrongType("diff", "an object {samples, seed}", diff);
    MB_TRY(checkKeys(r, diff, "diff", {"samples", "seed"}));
    if (diff.contains("samples")) {
      if (!diff["samples"].is_number_integer() || diff["samples"].get<int64_t>() < 1 ||
          diff["samples"].get<int64_t>() > 1000000)
        return r.fail("diff.samples",
                      "expected an integer from 1 to 1000000, found " + diff["samples"].dump());
      p.diff.samples = diff["samples"].get<int>();
    }
    if (diff.contains("seed")) {
      if (!diff["seed"].is_number_unsigned())
        return r.fail("diff.seed", "expected an integer >= 0, found " + diff["seed"].dump());
      p.diff.seed = diff["seed"].get<uint64_t>();
    }
  }
  return p;
}

}  // namespace

std::string projectToJson(const Project& p) {
  json j = json::object();
  j["schemaVersion"] = kProjectSchemaVersion;
  j["model"] = json{{"path", p.modelPath}, {"sha256", p.modelSha256}};
  json inputs = json::array();
  for (const auto& in : p.inputs) {
    json shape = json::array();
    for (const auto& d : in.shape) shape.push_back(dimToJson(d));
    inputs.push_back(json{{"name", in.name}, {"shape", shape}});
  }
  j["inputs"] = inputs;
  j["inputNodes"] = p.inputNodes;
  j["outputNodes"] = p.outputNodes;
  j["targetApi"] = convert::targetApiName(p.targetApi);
  json overrides = json::object();
  for (const auto& [node, o] : p.overrides) {
    json attrs = json::object();
    for (const auto& a : o.attributes.items()) attrs[a.name] = attributeToJson(a.value);
    overrides[node] = json{{"converter", o.converter},
                           {"attributes", attrs},
                           {"removeAttributes", o.removeAttributes}};
  }
  j["overrides"] = overrides;
  json fixes = json::object();
  for (const auto& [node, fix] : p.fixes) fixes[node] = fixToJson(fix);
  j["fixes"] = fixes;
  json rules = json::array();
  for (const auto& rule : p.weightMapping.rules)
    rules.push_back(json{{"match", rule.pattern}, {"replace", rule.replace}});
  j["weightMapping"] = json{{"rules", rules}, {"overrides", p.weightMapping.overrides}};
  json tolerance = toleranceToJson(p.tolerance);
  json layers = json::object();
  for (const auto& [layer, t] : p.layerTolerances) layers[layer] = toleranceToJson(t);
  tolerance["layers"] = layers;
  j["tolerance"] = tolerance;
  j["diff"] = json{{"samples", p.diff.samples}, {"seed", p.diff.seed}};
  return j.dump(2) + "\n";
}

Expected<Project> parseProject(const std::string& text, const std::string& source) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded())
    return makeError(ErrorCode::BadFormat,
                     "not valid JSON; a .mbproj project file is a JSON object", source);
  return readProject(Reader{source}, j);
}

Expected<Project> loadProject(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    return makeError(ErrorCode::FileNotFound, "project file not found", path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::FileUnreadable, "cannot open the project file", path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    return makeError(ErrorCode::FileUnreadable, "error while reading the project file", path);
  return parseProject(text.str(), path);
}

Status saveProject(const Project& project, const std::string& path) {
  return writeFileAtomically(path, projectToJson(project));
}

std::string resolveModelPath(const Project& project, const std::string& projectPath) {
  fs::path model(project.modelPath);
  if (model.is_absolute()) return model.lexically_normal().string();
  fs::path dir = fs::absolute(fs::path(projectPath)).parent_path();
  return (dir / model).lexically_normal().string();
}

std::string relativeModelPath(const std::string& modelPath, const std::string& projectPath) {
  fs::path dir = fs::absolute(fs::path(projectPath)).parent_path();
  fs::path rel = fs::absolute(fs::path(modelPath))
                     .lexically_normal()
                     .lexically_relative(dir.lexically_normal());
  return rel.empty() ? fs::absolute(modelPath).string() : rel.generic_string();
}

ModelCheck checkSourceModel(const Project& project, const std::string& projectPath) {
  ModelCheck check;
  check.resolvedPath = resolveModelPath(project, projectPath);
  std::error_code ec;
  check.exists = fs::is_regular_file(check.resolvedPath, ec);
  if (!check.exists) {
    check.explanation =
        "the source model '" + project.modelPath + "' was not found at " + check.resolvedPath +
        " (paths are relative to the project file's folder); it was moved, renamed or "
        "deleted — move it back or point the project at its new location";
    return check;
  }
  auto sha = emitter::sha256File(check.resolvedPath);
  if (!sha) {
    check.explanation = "cannot read the source model: " + sha.error().describe();
    return check;
  }
  check.actualSha256 = *sha;
  if (project.modelSha256.empty()) {
    check.explanation =
        "the project stores no sha256 of the source model, so changes cannot be detected";
    return check;
  }
  check.shaMatches = check.actualSha256 == project.modelSha256;
  if (!check.shaMatches)
    check.explanation =
        "the source model " + check.resolvedPath + " changed since the project was saved (sha256 " +
        check.actualSha256 + ", project expects " + project.modelSha256 +
        "); overrides and weight mappings may no longer fit — re-check them and save";
  return check;
}

convert::ConvertOptions convertOptions(const Project& project) {
  convert::ConvertOptions options;
  options.api = project.targetApi;
  options.overrides = project.overrides;
  options.fixes = project.fixes;
  return options;
}

}  // namespace mb::project
