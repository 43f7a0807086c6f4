// A small argument parser shared by the subcommands: --flag value, --flag=value, repeated and
// multi-valued flags (MindConverter's `--shape 1,3,224,224 1,10`), and positional arguments.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mb::cli {

struct FlagSpec {
  std::string name;  // without dashes: "shape"
  bool takesValue = true;
  bool multi = false;  // accepts several values until the next --flag
};

class ParsedArgs {
 public:
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> values;
  std::set<std::string> switches;

  bool has(const std::string& name) const { return values.count(name) || switches.count(name); }
  std::optional<std::string> get(const std::string& name) const;
  std::vector<std::string> getAll(const std::string& name) const;
};

// On error returns nullopt and writes a message naming the flag into `error`.
std::optional<ParsedArgs> parseArgs(const std::vector<std::string>& args,
                                    const std::vector<FlagSpec>& specs, std::string& error);

}  // namespace mb::cli
