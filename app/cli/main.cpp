// mindbridge-cli: the headless front end. Dispatches to the registered subcommands.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli_command.h"

namespace mb::cli {
std::vector<Command>& commandRegistry() {
  static std::vector<Command> commands;
  return commands;
}
}  // namespace mb::cli

namespace {

void printHelp() {
  std::cout << "mindbridge-cli " MB_VERSION
               " — migrate ONNX and PyTorch models to MindSpore\n\n"
               "Usage: mindbridge-cli COMMAND [options]\n\nCommands:\n";
  for (const auto& command : mb::cli::commandRegistry())
    std::printf("  %-16s %s\n", command.name.c_str(), command.summary.c_str());
  std::cout << "\nRun 'mindbridge-cli COMMAND --help' for a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    printHelp();
    return args.empty() ? mb::cli::kExitUsage : mb::cli::kExitOk;
  }
  if (args[0] == "--version") {
    std::cout << "mindbridge-cli " MB_VERSION "\n";
    return mb::cli::kExitOk;
  }
  for (const auto& command : mb::cli::commandRegistry()) {
    if (command.name != args[0]) continue;
    std::vector<std::string> rest(args.begin() + 1, args.end());
    for (const auto& a : rest)
      if (a == "--help" || a == "-h") {
        std::cout << command.usage;
        return mb::cli::kExitOk;
      }
    return command.run(rest);
  }
  std::cerr << "mindbridge-cli: unknown command '" << args[0]
            << "'. Run 'mindbridge-cli --help'.\n";
  return mb::cli::kExitUsage;
}
