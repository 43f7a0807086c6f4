#include "convert/fixes/api_catalogue.h"

#include <algorithm>
#include <cctype>

namespace mb::convert {
namespace {

struct RawEntry {
  const char* path;
  char kind;
  const char* init;
  const char* call;
};

constexpr RawEntry kRawEntries[] = {
#include "convert/fixes/mindspore_api_catalogue.inc"
};

std::vector<ApiParameter> parseParameters(std::string_view text) {
  std::vector<ApiParameter> out;
  while (!text.empty()) {
    size_t end = text.find(';');
    std::string_view item = text.substr(0, end);
    ApiParameter p;
    if (item.rfind('*', 0) == 0) {
      p.variadic = true;
      item.remove_prefix(item.rfind("**", 0) == 0 ? 2 : 1);
    }
    size_t eq = item.find('=');
    p.name = std::string(item.substr(0, eq));
    if (eq != std::string_view::npos) p.defaultValue = std::string(item.substr(eq + 1));
    p.required = !p.variadic && eq == std::string_view::npos;
    out.push_back(std::move(p));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

bool accepts(const std::vector<ApiParameter>& params, ApiKind kind, std::string_view keyword) {
  if (kind == ApiKind::Unknown) return true;
  return std::any_of(params.begin(), params.end(), [&](const ApiParameter& p) {
    return p.name == keyword || (p.variadic && p.name.find("kwargs") != std::string::npos);
  });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string joinParameters(const std::vector<ApiParameter>& params) {
  std::string out;
  for (size_t i = 0; i < params.size(); ++i) {
    const auto& p = params[i];
    out += (i ? ", " : "") + p.name + (p.defaultValue.empty() ? "" : "=" + p.defaultValue);
  }
  return out;
}

}  // namespace

std::string ApiEntry::signatureText() const {
  const std::string shortName = path.substr(path.rfind('.') + 1);
  if (kind == ApiKind::Unknown) return shortName + "(…)";
  if (constructed())
    return shortName + "(" + joinParameters(init) + ")(" + joinParameters(call) + ")";
  return shortName + "(" + joinParameters(call) + ")";
}

bool ApiEntry::acceptsInitKeyword(std::string_view keyword) const {
  return accepts(init, kind, keyword);
}

bool ApiEntry::acceptsCallKeyword(std::string_view keyword) const {
  return accepts(call, kind, keyword);
}

const std::vector<ApiEntry>& apiCatalogue() {
  static const std::vector<ApiEntry> catalogue = [] {
    std::vector<ApiEntry> out;
    for (const auto& raw : kRawEntries) {
      ApiEntry e;
      e.path = raw.path;
      e.kind = raw.kind == 'c'   ? ApiKind::Cell
               : raw.kind == 'p' ? ApiKind::Primitive
               : raw.kind == 'f' ? ApiKind::Function
                                 : ApiKind::Unknown;
      e.init = parseParameters(raw.init);
      e.call = parseParameters(raw.call);
      out.push_back(std::move(e));
    }
    return out;
  }();
  return catalogue;
}

const ApiEntry* findApi(std::string_view path) {
  const auto& all = apiCatalogue();
  auto it = std::lower_bound(all.begin(), all.end(), path,
                             [](const ApiEntry& e, std::string_view p) { return e.path < p; });
  return it != all.end() && it->path == path ? &*it : nullptr;
}

std::vector<const ApiEntry*> searchApis(std::string_view query, size_t limit) {
  std::vector<std::string> words;
  std::string q = lower(query), word;
  for (char c : q + " ") {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  std::vector<const ApiEntry*> out;
  for (const auto& e : apiCatalogue()) {
    const std::string path = lower(e.path);
    if (std::all_of(words.begin(), words.end(),
                    [&](const std::string& w) { return path.find(w) != std::string::npos; }))
      out.push_back(&e);
  }
  std::stable_sort(out.begin(), out.end(), [](const ApiEntry* a, const ApiEntry* b) {
    return a->path.size() < b->path.size();
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace mb::convert
