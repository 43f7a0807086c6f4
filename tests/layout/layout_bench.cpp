// layout_bench [KIND NODES] [--lr] — lays out synthetic DNN graphs and prints one JSON line each.
// Without arguments runs cnn/tf/llm at 1k, 10k and 100k nodes (and llm at 3k), each case in a child
// process so that peak memory belongs to that case alone; exits non-zero if a case fails.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "layout/layout_run.h"
#include "layout/synthetic_graphs.h"

using namespace mb::layout;

int main(int argc, char** argv) {
  if (argc >= 3) {
    SyntheticKind kind;
    if (!parseSyntheticKind(argv[1], kind)) {
      std::cerr << "unknown kind " << argv[1] << " (cnn, tf, llm)\n";
      return 2;
    }
    LayoutOptions options;
    for (int i = 3; i < argc; ++i) {
      if (std::string(argv[i]) == "--lr") options.direction = Direction::LeftToRight;
      if (std::string(argv[i]) == "--no-stubs") options.stubs = false;
    }
    mb::Graph graph = makeSyntheticGraph(kind, std::atol(argv[2]));
    LayoutRun run = runLayout(graph, true, options);
    std::cout << describeRunJson(graph, run) << std::endl;
    return 0;
  }
  const char* kinds[] = {"cnn", "tf", "llm"};
  int failures = 0;
  for (const char* kind : kinds)
    for (const char* size : {"1000", "3000", "10000", "100000"}) {
      if (std::string(size) == "3000" && std::string(kind) != "llm") continue;
      std::string command = std::string("\"") + argv[0] + "\" " + kind + " " + size;
      std::cout << kind << " " << size << ": " << std::flush;
      if (std::system(command.c_str()) != 0) ++failures;
    }
  return failures == 0 ? 0 : 1;
}
