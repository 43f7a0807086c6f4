#include "convert/module_scope.h"

#include <cctype>
#include <vector>

namespace mb::convert {
namespace {

bool isIdentifierPath(const std::string& text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  for (char c : text)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.')) return false;
  return text.find("..") == std::string::npos;
}

}  // namespace

std::string modulePathFromNodeName(const std::string& nodeName) {
  if (nodeName.empty() || nodeName.front() != '/') return {};
  std::vector<std::string> parts;
  size_t start = 1;
  while (start <= nodeName.size()) {
    size_t slash = nodeName.find('/', start);
    if (slash == std::string::npos) break;  // the last component is the op's own name
    parts.push_back(nodeName.substr(start, slash - start));
    start = slash + 1;
  }
  std::string path;
  std::string previous;
  for (const auto& part : parts) {
    if (part.empty()) continue;
    std::string piece = part;
    if (!previous.empty() && piece.size() > previous.size() + 1 &&
        piece.compare(0, previous.size() + 1, previous + ".") == 0)
      piece = piece.substr(previous.size() + 1);
    path += (path.empty() ? "" : ".") + piece;
    previous = part;
  }
  return isIdentifierPath(path) ? path : std::string();
}

std::string parentModulePath(const std::string& path) {
  size_t dot = path.rfind('.');
  return dot == std::string::npos ? std::string() : path.substr(0, dot);
}

std::string lastModuleComponent(const std::string& path) {
  size_t dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string cellPathFromParamName(const std::string& initializerName, const std::string& suffix) {
  const std::string tail = "." + suffix;
  if (initializerName.size() <= tail.size() ||
      initializerName.compare(initializerName.size() - tail.size(), tail.size(), tail) != 0)
    return {};
  std::string path = initializerName.substr(0, initializerName.size() - tail.size());
  return isIdentifierPath(path) ? path : std::string();
}

}  // namespace mb::convert
