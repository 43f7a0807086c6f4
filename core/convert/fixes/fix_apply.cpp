#include "convert/fixes/fix_apply.h"

#include <regex>

#include "convert/convert_context.h"
#include "convert/convert_state.h"
#include "convert/fixes/api_catalogue.h"
#include "convert/fixes/op_templates.h"

namespace mb::convert {

const char* fixKindName(FixKind kind) {
  switch (kind) {
    case FixKind::Api:
      return "api";
    case FixKind::Template:
      return "template";
    case FixKind::Snippet:
      return "snippet";
  }
  return "?";
}

namespace {

bool isIdentifier(const std::string& s) {
  static const std::regex id("[A-Za-z_][A-Za-z0-9_]*");
  return std::regex_match(s, id);
}

Status checkApiFix(const Node& node, const AttributeList& attrs, const ApiFix& fix,
                   const std::string& where) {
  auto fail = [&](const std::string& message) {
    return makeError(ErrorCode::InvalidArgument, message, where);
  };
  const ApiEntry* api = findApi(fix.api);
  if (!api)
    return fail("'" + fix.api + "' is not an API of the MindSpore 2.7 catalogue" +
                (fix.api.rfind("mindspore.", 0) != 0
                     ? " (write the full path, e.g. mindspore.ops.abs)"
                     : ""));
  for (size_t k = 0; k < fix.inputs.size(); ++k) {
    int i = fix.inputs[k];
    if (i < -1 || i >= static_cast<int>(node.inputs.size()))
      return fail("argument " + std::to_string(k) + " of " + fix.api + " maps input " +
                  std::to_string(i) + ", but the node has " + std::to_string(node.inputs.size()) +
                  " input(s) (0-based; -1 = omitted)");
    if (i >= 0 && node.inputs[static_cast<size_t>(i)] == kNoValue)
      return fail("argument " + std::to_string(k) + " maps input " + std::to_string(i) +
                  ", which the node leaves out");
  }
  if (!api->constructed() && !(fix.initArgs.empty() && fix.initFromAttributes.empty()))
    return fail(fix.api + " is a function: it has no constructor keywords (use call keywords)");
  auto checkKeyword = [&](const std::string& keyword, bool init) -> Status {
    bool ok = init ? api->acceptsInitKeyword(keyword) : api->acceptsCallKeyword(keyword);
    if (ok) return Status::ok();
    return fail(std::string(init ? "constructor" : "call") + " keyword '" + keyword +
                "' is not a parameter of " + api->signatureText());
  };
  for (const auto& a : fix.initArgs.items()) MB_TRY(checkKeyword(a.name, true));
  for (const auto& a : fix.callArgs.items()) MB_TRY(checkKeyword(a.name, false));
  for (const auto& [keyword, attr] : fix.initFromAttributes) {
    MB_TRY(checkKeyword(keyword, true));
    if (!attrs.has(attr))
      return fail("keyword '" + keyword + "' copies attribute '" + attr +
                  "', which the node does not have");
  }
  for (const auto& [keyword, attr] : fix.callFromAttributes) {
    MB_TRY(checkKeyword(keyword, false));
    if (!attrs.has(attr))
      return fail("keyword '" + keyword + "' copies attribute '" + attr +
                  "', which the node does not have");
  }
  return Status::ok();
}

}  // namespace

std::string snippetClassName(const SnippetFix& snippet) {
  if (!snippet.className.empty()) return snippet.className;
  static const std::regex cls(R"((^|\n)class\s+([A-Za-z_][A-Za-z0-9_]*)\s*[(:])");
  std::smatch m;
  return std::regex_search(snippet.code, m, cls) ? m[2].str() : std::string();
}

Status validateFixes(const Graph& source, const ConvertOptions& options) {
  for (const auto& [name, fix] : options.fixes) {
    const std::string where = "node '" + name + "'";
    auto id = source.findNode(name);
    if (!id)
      return makeError(ErrorCode::InvalidArgument, "a fix names a node the model does not have",
                       where);
    const Node& node = source.node(*id);
    AttributeList attrs = node.attrs;
    if (auto o = options.overrides.find(name); o != options.overrides.end()) {
      for (const auto& item : o->second.attributes.items()) attrs.set(item.name, item.value);
      for (const auto& a : o->second.removeAttributes) attrs.erase(a);
    }
    switch (fix.kind) {
      case FixKind::Api:
        MB_TRY(checkApiFix(node, attrs, fix.api, where));
        break;
      case FixKind::Template:
        if (!findTemplate(fix.templateName))
          return makeError(ErrorCode::InvalidArgument,
                           "unknown template '" + fix.templateName + "' (" +
                               std::to_string(opTemplates().size()) + " templates exist)",
                           where);
        break;  // shape checks happen while expanding
      case FixKind::Snippet: {
        if (fix.snippet.code.find_first_not_of(" \t\r\n") == std::string::npos)
          return makeError(ErrorCode::InvalidArgument, "the code snippet is empty", where);
        const std::string cls = snippetClassName(fix.snippet);
        if (cls.empty())
          return makeError(ErrorCode::InvalidArgument,
                           "the snippet defines no class; write `class MyOp(nn.Cell):` with a "
                           "construct() taking the node's inputs",
                           where);
        static const std::regex defines(R"((^|\n)class\s+(\w+))");
        bool found = false;
        for (std::sregex_iterator it(fix.snippet.code.begin(), fix.snippet.code.end(), defines), e;
             it != e; ++it)
          found = found || (*it)[2].str() == cls;
        if (!isIdentifier(cls) || !found)
          return makeError(ErrorCode::InvalidArgument,
                           "the snippet does not define class '" + cls + "'", where);
        break;
      }
    }
  }
  return Status::ok();
}

std::vector<NodeId> emitFixedNode(ConvertState& st, NodeId nodeId, const AttributeList& attrs,
                                  const OpFix& fix) {
  ConvertContext ctx(st, nodeId, attrs, 0);
  const Node& src = ctx.node();
  std::vector<ValueId> outputs;
  for (size_t i = 0; i < src.outputs.size(); ++i)
    outputs.push_back(src.outputs[i] == kNoValue ? kNoValue : ctx.output(i));
  if (fix.kind == FixKind::Snippet) {
    std::vector<ValueId> inputs;
    for (size_t i = 0; i < src.inputs.size(); ++i) inputs.push_back(ctx.input(i));
    const std::string cls = snippetClassName(fix.snippet);
    NodeRef n = ctx.addNode(cls, std::move(inputs), std::move(outputs));
    n->domain = kSnippetFixDomain;
    n->attrs.set(kSnippetCodeAttribute, fix.snippet.code);
    st.cells[n.id()].modulePath = ctx.modulePath();
    return ctx.emitted();
  }
  const ApiFix& api = fix.api;
  std::vector<ValueId> inputs;
  for (int i : api.inputs) inputs.push_back(i < 0 ? kNoValue : ctx.input(static_cast<size_t>(i)));
  NodeRef n = ctx.addNode(api.api, std::move(inputs), std::move(outputs));
  n->domain = kApiFixDomain;
  for (const auto& a : api.initArgs.items()) n->attrs.set(a.name, a.value);
  for (const auto& [keyword, attr] : api.initFromAttributes)
    n->attrs.set(keyword, *attrs.find(attr));
  for (const auto& a : api.callArgs.items()) n->callArgs.set(a.name, a.value);
  for (const auto& [keyword, attr] : api.callFromAttributes)
    n->callArgs.set(keyword, *attrs.find(attr));
  const ApiEntry* entry = findApi(api.api);
  if (entry && entry->constructed()) st.cells[n.id()].modulePath = ctx.modulePath();
  return ctx.emitted();
}

}  // namespace mb::convert
