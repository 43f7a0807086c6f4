// mindbridge-cli subcommands register themselves here, one file per subcommand, so adding a command
// never touches main.cpp.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace mb::cli {

// Exit codes, documented in the README.
enum ExitCode {
  kExitOk = 0,
  kExitError = 1,           // input or processing error (message on stderr)
  kExitUsage = 2,           // bad command line
  kExitOutOfTolerance = 3,  // diff ran and a layer exceeded its tolerance
};

struct Command {
  std::string name;
  std::string summary;  // one line for `mindbridge-cli --help`
  std::string usage;    // full help text for `mindbridge-cli NAME --help`
  std::function<int(const std::vector<std::string>& args)> run;
};

std::vector<Command>& commandRegistry();

struct CommandRegistrar {
  explicit CommandRegistrar(Command command) { commandRegistry().push_back(std::move(command)); }
};

}  // namespace mb::cli
