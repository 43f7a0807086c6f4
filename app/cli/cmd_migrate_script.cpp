// mindbridge-cli migrate-script IN.py --output DIR [--target-api classic|mint] [--overwrite]
// [--json]
//                               [--check-ckpt MODEL.ckpt [--model-class NAME] [--model-arg K=V
//                               ...]]
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli_args.h"
#include "cli_command.h"
#include "emit/output_stager.h"
#include "io/checkpoint_reader.h"
#include "migrate/cell_keys.h"
#include "migrate/migration_report.h"
#include "migrate/python_ast.h"
#include "migrate/script_migrator.h"

namespace mb::cli {
namespace {

namespace fs = std::filesystem;

const char* kUsage =
    "Usage: mindbridge-cli migrate-script IN.py [--output DIR] [options]\n"
    "Rewrites a PyTorch model script into a MindSpore script through MindSpore's API mapping "
    "tables\n"
    "(classic: 874 rows, mint: 514) and MindBridge's argument rules. What cannot be mapped stays "
    "as\n"
    "written, marked with '# MindBridge: not converted (...)', and is listed in the report.\n\n"
    "  --output DIR            where IN.py's rewrite and report_of_IN.{txt,json} go "
    "(default ./output)\n"
    "  --target-api A          classic (mindspore.nn / ops; default) or mint (torch-like names)\n"
    "  --overwrite             replace existing output files\n"
    "  --json                  print the result as JSON on stdout\n"
    "  --check-ckpt CKPT       list the parameter keys the rewritten model class creates and "
    "compare\n"
    "                          them with CKPT's (e.g. the .ckpt `convert` wrote for the model's "
    "ONNX\n"
    "                          export); exit 3 when they differ\n"
    "  --model-class NAME      the model class for --check-ckpt (default: the class no other "
    "uses)\n"
    "  --model-arg K=V ...     constructor arguments for --check-ckpt (Python literals)\n\n"
    "Exit codes: 0 written, 1 error (nothing written), 2 bad command line, 3 --check-ckpt found\n"
    "different keys (outputs written).\n";

struct Out {
  bool json = false;
  int fail(const Error& e, int code = kExitError) const {
    if (json) {
      nlohmann::json j{
          {"status", "error"},
          {"error", {{"code", errorCodeName(e.code)}, {"message", e.message}, {"where", e.where}}}};
      std::cout << j.dump(2) << "\n";
    }
    std::cerr << "mindbridge-cli migrate-script: " << e.describe() << "\n";
    return code;
  }
};

Expected<std::vector<std::string>> checkpointKeys(const std::string& path) {
  auto ckpt = readCheckpoint(path);
  if (!ckpt) return ckpt.error();
  std::vector<std::string> keys;
  for (const auto& e : ckpt->entries) keys.push_back(e.name);
  return keys;
}

int runMigrateScript(const std::vector<std::string>& args) {
  Out out;
  for (const auto& a : args) out.json = out.json || a == "--json";
  std::string error;
  auto parsed = parseArgs(args,
                          {{"output"},
                           {"target-api"},
                           {"overwrite", false},
                           {"json", false},
                           {"check-ckpt"},
                           {"model-class"},
                           {"model-arg", true, true},
                           {"help", false}},
                          error);
  auto usage = [&](const std::string& message) {
    return out.fail(makeError(ErrorCode::InvalidArgument, message + "\n\n" + kUsage), kExitUsage);
  };
  if (!parsed) return usage(error);
  if (parsed->has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (parsed->positional.size() != 1) return usage("give exactly one input script");
  const std::string input = parsed->positional[0];
  std::string api = parsed->get("target-api").value_or("classic");
  if (api != "classic" && api != "mint")
    return usage("--target-api must be classic or mint, not '" + api + "'");
  if ((parsed->has("model-class") || parsed->has("model-arg")) && !parsed->has("check-ckpt"))
    return usage("--model-class / --model-arg need --check-ckpt");
  migrate::CellKeysOptions keyOptions;
  keyOptions.className = parsed->get("model-class").value_or("");
  for (const auto& kv : parsed->getAll("model-arg")) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      return usage("--model-arg wants NAME=VALUE, not '" + kv + "'");
    keyOptions.arguments.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  const std::string outDir =
      parsed->get("output").value_or((fs::current_path() / "output").string());

  auto source = migrate::readPythonScript(input);
  if (!source) return out.fail(source.error());
  migrate::MigrationOptions options;
  options.target = api == "mint" ? migrate::TargetApi::Mint : migrate::TargetApi::Classic;
  auto result = migrate::migrateScript(std::move(*source), input, options);
  if (!result) return out.fail(result.error());

  nlohmann::json report = migrate::migrationReportJson(*result);
  bool keysDiffer = false;
  if (auto ckptPath = parsed->get("check-ckpt")) {
    auto rewritten = migrate::parsePython(result->output, fs::path(input).filename().string());
    if (!rewritten)
      return out.fail(makeError(ErrorCode::Internal, "the rewritten script does not parse: " +
                                                         rewritten.error().describe()));
    auto created = migrate::listCellParameterKeys(**rewritten, keyOptions);
    if (!created) return out.fail(created.error());
    auto stored = checkpointKeys(*ckptPath);
    if (!stored) return out.fail(stored.error());
    auto cmp = migrate::compareKeys(created->keys, *stored);
    keysDiffer = !cmp.equal();
    for (const auto& w : created->warnings) std::cerr << "warning: " << w << "\n";
    report["ckpt_check"] = {{"checkpoint", *ckptPath},
                            {"warnings", created->warnings},
                            {"model_class", created->className},
                            {"script_keys", created->keys.size()},
                            {"checkpoint_keys", stored->size()},
                            {"matched", cmp.matched},
                            {"only_in_script", cmp.onlyInScript},
                            {"only_in_checkpoint", cmp.onlyInCheckpoint},
                            {"equal", cmp.equal()}};
  }

  const std::string stem = fs::path(input).stem().string();
  const std::string scriptName = fs::path(input).filename().string();
  std::error_code ec;
  if (fs::exists(fs::path(outDir) / scriptName) &&
      fs::equivalent(fs::path(outDir) / scriptName, input, ec))
    return out.fail(
        makeError(ErrorCode::InvalidArgument,
                  "the rewritten script would replace the input; choose another --output",
                  (fs::path(outDir) / scriptName).string()));
  emitter::OutputStager stager(parsed->has("overwrite"));
  std::string text = migrate::migrationReportText(*result);
  for (const auto& [name, content] : std::vector<std::pair<std::string, std::string>>{
           {scriptName, result->output},
           {"report_of_" + stem + ".txt", text},
           {"report_of_" + stem + ".json", report.dump(2) + "\n"}}) {
    if (auto st = stager.writeText(outDir, name, content); !st) return out.fail(st.error());
  }
  if (auto st = stager.commit(); !st) return out.fail(st.error());

  if (out.json) {
    report["status"] = "ok";
    report["outputs"] = stager.destinations();
    std::cout << report.dump(2) << "\n";
  } else {
    std::cout << "converted " << result->converted << ", not converted " << result->unconverted
              << " (" << static_cast<int>(result->convertedRate() * 10000) / 100.0 << "%), target "
              << api << "\n";
    for (const auto& c : result->changes)
      if (c.kind == migrate::ChangeKind::UnConvert)
        std::cout << "  line " << c.line << ":" << c.col << " not converted: " << c.from << " ("
                  << c.detail << ")\n";
    if (report.contains("ckpt_check")) {
      const auto& k = report["ckpt_check"];
      std::cout << "parameter keys of " << k["model_class"].get<std::string>()
                << "(): " << k["script_keys"] << " created, " << k["checkpoint_keys"]
                << " in the checkpoint, " << k["matched"] << " match\n";
      for (const auto& key : k["only_in_script"])
        std::cout << "  only in the script: " << key.get<std::string>() << "\n";
      for (const auto& key : k["only_in_checkpoint"])
        std::cout << "  only in the checkpoint: " << key.get<std::string>() << "\n";
    }
    for (const auto& d : stager.destinations()) std::cout << "wrote " << d << "\n";
  }
  return keysDiffer ? kExitOutOfTolerance : kExitOk;
}

CommandRegistrar registrar(
    {"migrate-script", "rewrite a PyTorch model script to MindSpore (MindConverter's AST mode)",
     kUsage, runMigrateScript});

}  // namespace
}  // namespace mb::cli
