#include "convert/module_scope.h"

#include <cctype>
#include <vector>

#include "passes/scopes.h"

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
  // core/passes owns scope parsing (shared with the GUI's scope tree); Cell paths must also be
  // valid Python attribute paths, which a hand-named node may not give.
  std::string path = passes::modulePathFromScope(passes::scopeFromNodeName(nodeName));
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
