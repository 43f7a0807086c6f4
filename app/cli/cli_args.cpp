#include "cli_args.h"

namespace mb::cli {

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end() || it->second.empty()) return std::nullopt;
  return it->second.front();
}

std::vector<std::string> ParsedArgs::getAll(const std::string& name) const {
  auto it = values.find(name);
  return it == values.end() ? std::vector<std::string>{} : it->second;
}

std::optional<ParsedArgs> parseArgs(const std::vector<std::string>& args,
                                    const std::vector<FlagSpec>& specs, std::string& error) {
  ParsedArgs parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      parsed.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inlineValue;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inlineValue = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const FlagSpec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == name) spec = &s;
    if (!spec) {
      error = "unknown option '--" + name + "'";
      return std::nullopt;
    }
    if (!spec->takesValue) {
      if (inlineValue) {
        error = "option '--" + name + "' takes no value";
        return std::nullopt;
      }
      parsed.switches.insert(name);
      continue;
    }
    if (parsed.values.count(name) && !spec->multi) {
      error = "option '--" + name + "' is given more than once";
      return std::nullopt;
    }
    auto& list = parsed.values[name];
    if (inlineValue) {
      list.push_back(*inlineValue);
      continue;
    }
    size_t before = list.size();
    while (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0) {
      list.push_back(args[++i]);
      if (!spec->multi) break;
    }
    if (list.size() == before) {
      error = "option '--" + name + "' needs a value";
      return std::nullopt;
    }
  }
  return parsed;
}

}  // namespace mb::cli
