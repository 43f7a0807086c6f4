// The Python reader: tokens and spans, the statement / expression structure a rewrite needs,
// Python 3.8–3.12 syntax, errors with line:col, and byte-exact preservation of what a migration
// does not change.
#include <QtTest>
#include <fstream>
#include <sstream>

#include "migrate/python_ast.h"
#include "migrate/python_tokens.h"
#include "migrate/script_migrator.h"
#include "test_paths.h"

using namespace mb::migrate;

namespace {

std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// The first Call whose callee text is `callee`.
const Expr* findCall(const Module& m, const std::string& callee) {
  const Expr* found = nullptr;
  for (const Stmt* s : m.body)
    visitStmtExprs(*s, [&](const Expr& e) {
      if (!found && e.kind == ExprKind::Call && m.text(*e.value) == callee) found = &e;
    });
  return found;
}

}  // namespace

class TestPythonSource : public QObject {
  Q_OBJECT

  void expectError(const std::string& source, const std::string& where, const std::string& what) {
    auto m = parsePython(source, "bad.py");
    QVERIFY2(!m, ("parsed: " + source).c_str());
    QVERIFY2(m.error().where == where, (m.error().where + " ≠ " + where).c_str());
    QVERIFY2(m.error().message.find(what) != std::string::npos, m.error().message.c_str());
  }

 private slots:
  void tokensAreSpansWithPythonPositions() {
    std::string src = "x = foo(1, b='s')  # note\nif x:\n    y = [1,\n  2]\n";
    auto tokens = tokenizePython(src);
    QVERIFY(tokens);
    std::vector<std::string> texts;
    for (const auto& t : *tokens) texts.push_back(std::string(t.text(src)));
    QCOMPARE(texts[2], std::string("foo"));
    QCOMPARE((*tokens)[2].line, 1u);
    QCOMPARE((*tokens)[2].col, 4u);
    auto comment = std::find_if(tokens->begin(), tokens->end(),
                                [](const Token& t) { return t.kind == TokenKind::Comment; });
    QVERIFY(comment != tokens->end());
    QCOMPARE(std::string(comment->text(src)), std::string("# note"));
    // INDENT after `if x:`, NL (not NEWLINE) inside the brackets, DEDENT at the end.
    int indents = 0, dedents = 0, newlines = 0;
    for (const auto& t : *tokens) {
      indents += t.kind == TokenKind::Indent;
      dedents += t.kind == TokenKind::Dedent;
      newlines += t.kind == TokenKind::Newline;
    }
    QCOMPARE(indents, 1);
    QCOMPARE(dedents, 1);
    QCOMPARE(newlines, 3);
  }

  void fStringsAreOneToken() {
    // 3.12 allows the outer quote inside a replacement field; format specs nest fields.
    for (std::string src : {std::string("s = f\"{x[\"a\"]} {y:{w}.{p}f} {{no}}\"\n"),
                            std::string("s = f'{a!r:>{width}}' rf\"\\d{n}\"\n"),
                            std::string("s = f\"\"\"multi\n{line}\n\"\"\"\n")}) {
      auto tokens = tokenizePython(src);
      QVERIFY2(tokens, src.c_str());
      int strings = 0;
      for (const auto& t : *tokens) strings += t.kind == TokenKind::String;
      QVERIFY2(strings >= 1 && (*tokens)[2].kind == TokenKind::String, src.c_str());
      QCOMPARE((*tokens)[2].begin, 4u);
    }
  }

  void structureOfCallsImportsClassesDefs() {
    std::string src =
        "import torch.nn as nn, os\n"
        "from torch import (nn as tnn,\n    Tensor)\n"
        "@decorator(arg)\n"
        "class Net(nn.Module, metaclass=Meta):\n"
        "    def f(self, a: int, /, b=2, *args, c: 'T' = None, **kw) -> torch.Tensor:\n"
        "        return torch.nn.functional.relu(a, inplace = True)\n";
    auto m = parsePython(src, "s.py");
    QVERIFY2(m, m ? "" : m.error().describe().c_str());
    const Module& mod = **m;
    QCOMPARE(mod.body.size(), size_t(3));
    const Stmt& imp = *mod.body[0];
    QVERIFY(imp.kind == StmtKind::Import);
    QCOMPARE(imp.names[0].name, std::string("torch.nn"));
    QCOMPARE(imp.names[0].asname, std::string("nn"));
    const Stmt& from = *mod.body[1];
    QCOMPARE(from.module, std::string("torch"));
    QCOMPARE(from.names.size(), size_t(2));
    QCOMPARE(from.names[0].asname, std::string("tnn"));
    const Stmt& cls = *mod.body[2];
    QVERIFY(cls.kind == StmtKind::Class);
    QCOMPARE(cls.decorators.size(), size_t(1));
    QCOMPARE(cls.bases.size(), size_t(2));
    QCOMPARE(attributeChain(*cls.bases[0].value), (std::vector<std::string>{"nn", "Module"}));
    QCOMPARE(cls.bases[1].keyword, std::string("metaclass"));
    const Stmt& def = *cls.body[0];
    QCOMPARE(def.name, std::string("f"));
    QCOMPARE(std::string(mod.text(def.nameBegin, def.nameEnd)), std::string("f"));
    QCOMPARE(def.params.size(), size_t(7));  // self a / b *args c **kw
    QCOMPARE(def.params[4].star, 1);
    QVERIFY(def.params[5].annotation && def.params[5].defaultValue);
    const Expr* call = findCall(mod, "torch.nn.functional.relu");
    QVERIFY(call);
    QCOMPARE(call->line, 7u);
    QCOMPARE(call->col, 15u);
    QCOMPARE(call->args.size(), size_t(2));
    QCOMPARE(call->args[1].keyword, std::string("inplace"));
    QCOMPARE(std::string(mod.text(call->args[1].begin, call->args[1].end)),
             std::string("inplace = True"));
    QCOMPARE(std::string(mod.text(*call->args[1].value)), std::string("True"));
    QCOMPARE(attributeChain(*call->value),
             (std::vector<std::string>{"torch", "nn", "functional", "relu"}));
  }

  void modernSyntaxIsRead() {
    std::string src =
        "type Alias = list[int]\n"
        "def first[T](xs: list[T]) -> T:\n"
        "    return xs[0]\n"
        "class Box[T]:\n"
        "    pass\n"
        "match command.split():\n"
        "    case [\"go\", direction] if direction in dirs:\n"
        "        pass\n"
        "    case Point(x=0) | None:\n"
        "        pass\n"
        "match = 3\n"
        "case = match(1)\n"
        "if (n := len(a)) > 10: print(f\"{n=}\")\n"
        "with (open(a) as f, open(b) as g):\n"
        "    pass\n"
        "print(*a, **k, sep='')\n"
        "x = [*a, *b]; y = {**d, 'k': 1}\n"
        "async def g():\n"
        "    await h()\n"
        "    return [i async for i in aiter()]\n";
    auto m = parsePython(src, "new.py");
    QVERIFY2(m, m ? "" : m.error().describe().c_str());
    QVERIFY((*m)->body[0]->kind == StmtKind::TypeAlias);
    QVERIFY((*m)->body[3]->kind == StmtKind::Match);
    QCOMPARE((*m)->body[3]->body.size(), size_t(2));
    QVERIFY((*m)->body[4]->kind == StmtKind::Assign);  // `match` as a name
    QVERIFY((*m)->body[5]->kind == StmtKind::Assign);
  }

  void syntaxErrorsNameLineAndColumn() {
    expectError("def f(:)\n    pass\n", "bad.py:1:6", "expected a parameter name");
    expectError("def f(x)\n    return x\n", "bad.py:1:8", "expected ':'");
    expectError("x = (1,\n     2\ny = 3\n", "bad.py:1:4", "'(' was never closed");
    expectError("x = f(a b)\n", "bad.py:1:8", "expected ',' or ')'");
    expectError("x = [1, 2\n", "bad.py:1:4", "'[' was never closed");
    expectError("s = 'abc\n", "bad.py:1:4", "unterminated string literal");
    expectError("s = \"\"\"abc\n\n", "bad.py:1:4", "unterminated triple-quoted");
    expectError("if x:\n        a = 1\n    b = 2\n", "bad.py:3:4", "unindent does not match");
    expectError("x = 1 $ 2\n", "bad.py:1:6", "invalid character");
    expectError("x = (1]\n", "bad.py:1:6", "does not match opening '('");
    expectError("x = 1 \\ 2\n", "bad.py:1:6", "after the line continuation");
    expectError("if x:\npass\n", "bad.py:2:0", "expected an indented block");
    expectError("a = 1\n  b = 2\n", "bad.py:2:2", "unexpected indent");
  }

  void hostileNestingIsAnErrorNotACrash() {
    expectError("x = " + std::string(1000, '(') + "1" + std::string(1000, ')') + "\n",
                "bad.py:1:204", "too many nested parentheses");
    expectError("x = " + std::string(100000, '-') + "1\n", "bad.py:1:301", "nested too deeply");
    expectError(
        "x = " +
            [] {
              std::string s;
              for (int i = 0; i < 5000; ++i) s += "not ";
              return s;
            }() +
            "y\n",
        "bad.py:1:1196", "nested too deeply");
    std::string blocks;
    for (int i = 0; i < 150; ++i) blocks += std::string(i, ' ') + "if x:\n";
    blocks += std::string(150, ' ') + "pass\n";
    auto m = parsePython(blocks, "deep.py");
    QVERIFY(!m);
    QVERIFY2(m.error().message.find("too many levels of indentation") != std::string::npos,
             m.error().message.c_str());
  }

  void binaryAndEncodingAreRefused() {
    expectError(std::string("x = 1\ny = \0\n", 12), "bad.py:2:4", "binary file");
    expectError("x = 1\n# caf\xe9\n", "bad.py:2:5", "not UTF-8");
    auto bom = parsePython("\xEF\xBB\xBFx = 1\n", "bom.py");
    QVERIFY(bom);
    QCOMPARE((*bom)->body[0]->col, 0u);
  }

  void untouchedScriptIsByteExact() {
    // No torch in it: not one byte may change (CRLF, tabs, odd spacing, trailing blanks).
    std::string src =
        "import os\r\n\r\nclass A:\r\n\tdef f(self):   # tab-indented\r\n\t\treturn "
        "os.path.join('a',\\\r\n\t\t  'b')\r\n\r\nx = {  'k' : [1,2 ,3]  }   \r\n";
    auto r = migrateScript(src, "plain.py");
    QVERIFY(r);
    QCOMPARE(r->output, src);
    QVERIFY(r->changes.empty());
  }

  void trickySyntaxKeepsUnchangedLines() {
    std::string path = mbtest::sourceDir() + "/tests/migrate/data/tricky_syntax.py";
    std::string src = readText(path);
    auto r = migrateScript(src, path);
    QVERIFY2(r, r ? "" : r.error().describe().c_str());
    // Lines the migration touches: torch imports and references, the forward rename, view/size.
    auto in = lines(src), out = lines(r->output);
    size_t kept = 0, cursor = 0;
    for (const auto& l : in) {
      bool touched = l.find("torch") != std::string::npos || l.find("nn.") != std::string::npos ||
                     l.find("forward") != std::string::npos ||
                     l.find("x.dim()") != std::string::npos ||
                     l.find(".view(") != std::string::npos;
      if (touched) continue;
      auto it = std::find(out.begin() + static_cast<long>(cursor), out.end(), l);
      QVERIFY2(it != out.end(), ("line lost or changed: [" + l + "]").c_str());
      cursor = static_cast<size_t>(it - out.begin()) + 1;
      ++kept;
    }
    QVERIFY(kept > 60);
    QVERIFY(r->output.find("        self.fc = nn.Dense(channels, hidden, has_bias=bias)   # keep "
                           "this comment\n") != std::string::npos);
    QVERIFY(r->output.find("from mindspore import nn  # the torch modules\n") != std::string::npos);
    QVERIFY(r->output.find("    def construct(self, x: mindspore.Tensor) -> "
                           "Tuple[mindspore.Tensor, int]:") != std::string::npos);
    QVERIFY(r->output.find("y = self.fc(x.reshape(-1, x.shape[-1]))") != std::string::npos);
    QCOMPARE(r->unconverted, 0);
    QCOMPARE(r->editConflicts, 0);
  }
};

QTEST_APPLESS_MAIN(TestPythonSource)
#include "test_python_source.moc"
