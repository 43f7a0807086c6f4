#!/usr/bin/python3
"""Static checks of a script `mindbridge-cli migrate-script` rewrote (no MindSpore needed).

usage: check_migrated.py REWRITTEN_PY REPORT_JSON API_JSON

1. the script compiles (py_compile);
2. every nn.* / ops.* / mint.* / mindspore.* name it uses exists in MindSpore 2.7 and every keyword
   argument of a call to one exists in its signature (tests/emit/check_model_py.py's check);
3. every line that still uses torch is marked by a '# MindBridge: not converted' comment right
   above its statement, and the report lists exactly as many unconverted references as there
   are marks, on the lines (of the original script) it names.
Prints one line per problem and exits 1 if there is any.
"""
import ast
import json
import os
import py_compile
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'emit'))
import check_model_py  # noqa: E402

MARK = '# MindBridge: not converted ('


def torch_aliases(tree):
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split('.')[0] in ('torch', 'torchvision'):
                    names.add((a.asname or a.name).split('.')[0])
        elif isinstance(node, ast.ImportFrom) and node.module and \
                node.module.split('.')[0] in ('torch', 'torchvision'):
            for a in node.names:
                names.add(a.asname or a.name)
    return names


def statement_starts(tree):
    """line → first line of the innermost statement containing it."""
    starts = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt):
            end = getattr(node, 'end_lineno', node.lineno)
            body_start = min((s.lineno for f in ('body', 'orelse', 'finalbody', 'handlers')
                              for s in getattr(node, f, []) or []), default=end + 1)
            for line in range(node.lineno, min(end, body_start - 1) + 1):
                if line not in starts or starts[line] < node.lineno:
                    starts[line] = node.lineno
    return starts


def main():
    path, report_path, api_path = sys.argv[1:4]
    problems = check_model_py.problems
    try:
        py_compile.compile(path, doraise=True)
    except py_compile.PyCompileError as e:
        print('does not compile: %s' % e)
        return 1
    source = open(path, encoding='utf-8').read()
    lines = source.splitlines()
    tree = ast.parse(source)
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            child.parent = node
    check_model_py.check_api(tree, json.load(open(api_path)))

    aliases = torch_aliases(tree)
    starts = statement_starts(tree)
    marked = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in aliases and \
                not isinstance(getattr(node, 'parent', None), (ast.Import, ast.ImportFrom)):
            first = starts.get(node.lineno, node.lineno)
            above = lines[first - 2].strip() if first >= 2 else ''
            if not above.startswith(MARK):
                problems.append('line %d: torch is used here without a "not converted" mark'
                                % node.lineno)
            marked.add(first)
    marks = sum(1 for line in lines if line.strip().startswith(MARK))
    report = json.load(open(report_path))
    unconverted = [c for c in report['changes'] if c['kind'] == 'unconvert']
    if len(unconverted) != marks or report['unconverted'] != marks:
        problems.append('%d marks in the script, %d unconverted in the report' %
                        (marks, len(unconverted)))
    if sorted(set(c['line'] for c in unconverted)) != report['unconverted_lines']:
        problems.append('unconverted_lines does not list the unconverted changes\' lines')
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
