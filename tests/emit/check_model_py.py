#!/usr/bin/python3
"""Static checks of an emitted model.py against MindSpore 2.7's public API (no MindSpore needed).

usage: check_model_py.py MODEL_PY API_JSON TOP_CLASS EXPECTED_KEYS_JSON

1. the file compiles (py_compile) and every line is at most 100 columns;
2. every imported name is used;
3. every mindspore.* / nn.* / ops.* / mint.* name exists in mindspore_api.json and every keyword
   argument of a call to one exists in its signature;
4. instantiating TOP_CLASS symbolically (the JSON's Cell parameter table, with its conditions)
   creates exactly the Parameters whose names are listed in EXPECTED_KEYS_JSON (the checkpoint).
Prints one line per problem and exits 1 if there is any.
"""
import ast
import itertools
import json
import py_compile
import re
import sys

problems = []


def problem(msg):
    problems.append(msg)


def lookup(api, chain):
    """chain: ['nn', 'Conv2d'] → (entry, kind) or (None, None)."""
    head, rest = chain[0], chain[1:]
    if head == 'mindspore':
        if not rest:
            return {}, 'module'
        if rest[0] in api['top_level'] or rest[0] in api['dtypes']:
            if len(rest) == 1:
                return api['top_level'].get(rest[0], {}), 'value'
            head, rest = rest[0], rest[1:]
        else:
            return None, None
    if head == 'nn' and len(rest) == 1:
        e = api['nn'].get(rest[0]) or api['nn_other'].get(rest[0])
        return e, 'nn'
    if head == 'ops' and len(rest) == 1:
        for sec in ('ops_functions', 'ops_primitives', 'ops_other'):
            if rest[0] in api[sec]:
                return api[sec][rest[0]], sec
        return None, None
    if head == 'mint':
        if len(rest) == 1:
            e = api['mint'].get(rest[0])
            if e and e.get('kind') == 'not_bound':
                return None, None
            return e, 'mint'
        if len(rest) == 2 and rest[0] == 'nn':
            return api['mint_nn'].get(rest[1]), 'mint_nn'
        if len(rest) == 3 and rest[:2] == ['nn', 'functional']:
            return api['mint_nn_functional'].get(rest[2]), 'mint_nn_functional'
    return None, None


def attr_chain(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return list(reversed(parts))
    return None


def keyword_ok(entry, kw):
    sigs = []
    if entry.get('init_effective'):
        sigs.append(entry['init_effective'])
    elif entry.get('init'):
        sigs.append(entry['init'])
    for key in ('signature', 'call'):
        if entry.get(key):
            sigs.append(entry[key])
    for ov in entry.get('overloads') or []:
        sigs.append(ov.get('signature') or [])
    if not sigs:
        return True  # implemented in C++: no Python signature to check against
    for sig in sigs:
        if any(p['name'] == kw and p['kind'] not in ('var_positional', 'var_keyword') for p in sig):
            return True
        if any(p['kind'] == 'var_keyword' for p in sig):
            return True
    return False


def check_api(tree, api):
    module_names = {'nn', 'ops', 'mint', 'mindspore'}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and not isinstance(getattr(node, 'parent', None),
                                                              ast.Attribute):
            chain = attr_chain(node)
            if chain and chain[0] in module_names:
                entry, _ = lookup(api, chain)
                if entry is None:
                    problem('line %d: %s does not exist in MindSpore 2.7' % (node.lineno,
                                                                              '.'.join(chain)))
        if isinstance(node, ast.Call):
            chain = attr_chain(node.func)
            if chain and chain[0] in module_names:
                entry, _ = lookup(api, chain)
                if entry:
                    for kw in node.keywords:
                        if kw.arg and not keyword_ok(entry, kw.arg):
                            problem('line %d: %s has no argument %r' % (node.lineno,
                                                                         '.'.join(chain), kw.arg))


def check_imports(tree):
    imported = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            for a in node.names:
                imported[(a.asname or a.name).split('.')[0]] = node.lineno
        elif isinstance(node, ast.ImportFrom):
            for a in node.names:
                imported[a.asname or a.name] = node.lineno
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    for name, line in imported.items():
        if name not in used:
            problem('line %d: %s is imported but not used' % (line, name))


class Simulator:
    """Builds the Parameter names a Cell creates from the emitted __init__ code."""

    def __init__(self, tree, api):
        self.api = api
        self.classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}

    def evaluate(self, expr, env):
        return eval(compile(ast.Expression(expr), '<arg>', 'eval'), {'__builtins__': {}}, dict(env))

    def instantiate(self, name, args, kwargs):
        cls = self.classes[name]
        init = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == '__init__'),
                    None)
        if init is None:
            return []
        formal = [a.arg for a in init.args.args[1:]]
        env = dict(zip(formal, args))
        env.update(kwargs)
        missing = [f for f in formal if f not in env]
        if missing:
            problem('%s(...) misses arguments %s' % (name, missing))
        keys = []
        for stmt in init.body:
            if (isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Attribute)
                    and isinstance(stmt.targets[0].value, ast.Name)
                    and stmt.targets[0].value.id == 'self'):
                keys += self.child(stmt.targets[0].attr, stmt.value, env)
            elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
                chain = attr_chain(stmt.value.func)
                if chain == ['self', 'insert_child_to_cell']:
                    attr = self.evaluate(stmt.value.args[0], env)
                    keys += self.child(attr, stmt.value.args[1], env)
        return keys

    def child(self, attr, expr, env):
        return [attr + '.' + k if k else attr for k in self.cell_params(expr, env)]

    def cell_params(self, expr, env):
        """Parameter names (relative) of the Cell that `expr` builds; '' = expr is a Parameter."""
        if not isinstance(expr, ast.Call):
            return []
        if isinstance(expr.func, ast.Name):
            if expr.func.id == 'Parameter':
                return ['']
            if expr.func.id in self.classes:
                args = [self.evaluate(a, env) for a in expr.args]
                kwargs = {k.arg: self.evaluate(k.value, env) for k in expr.keywords}
                return self.instantiate(expr.func.id, args, kwargs)
            problem('line %d: unknown callable %s' % (expr.lineno, expr.func.id))
            return []
        chain = attr_chain(expr.func)
        if chain in (['nn', 'SequentialCell'], ['nn', 'CellList']):
            keys = []
            for i, element in enumerate(expr.args[0].elts):
                keys += [str(i) + '.' + k for k in self.cell_params(element, env)]
            return keys
        entry, _ = lookup(self.api, chain) if chain else (None, None)
        if not entry or entry.get('kind') != 'cell':
            return []
        sig = entry.get('init_effective') or entry.get('init') or []
        values = {}
        for p in sig:
            if p['default'] is not None:
                try:
                    values[p['name']] = ast.literal_eval(p['default'])
                except Exception:
                    values[p['name']] = p['default']
        for i, a in enumerate(expr.args):
            values[sig[i]['name']] = self.evaluate(a, env)
        for k in expr.keywords:
            values[k.arg] = self.evaluate(k.value, env)
        names = []
        details = {d['name']: d for d in entry.get('parameter_details', [])}
        for param in entry.get('parameters', []):
            detail = details.get(param, {})
            cond = detail.get('condition')
            if cond and not self.condition(cond, values):
                continue
            names += self.expand(param, entry, values)
        return names

    def condition(self, cond, values):
        # Conditions in the table are conjunctions over constructor arguments.
        referenced = [n for n in re.findall(r'[A-Za-z_]\w*', cond) if n in values]
        return all(bool(values[n]) for n in referenced)

    def expand(self, pattern, entry, values):
        if '{' not in pattern:
            return [pattern]
        layers = range(int(values.get('num_layers', 1)))
        suffixes = ['', '_reverse'] if values.get('bidirectional') else ['']
        out = []
        has_bias = values.get('has_bias', values.get('bias', True))
        for layer, suffix in itertools.product(layers, suffixes):
            name = pattern.replace('{layer}', str(layer)).replace('{suffix}', suffix)
            if name.startswith('bias') and not has_bias:
                continue
            out.append(name)
        return out


def main():
    model_py, api_json, top, keys_json = sys.argv[1:5]
    try:
        py_compile.compile(model_py, doraise=True)
    except py_compile.PyCompileError as e:
        print('does not compile: %s' % e)
        return 1
    source = open(model_py, encoding='utf-8').read()
    for i, line in enumerate(source.splitlines(), 1):
        if len(line) > 100:
            problem('line %d is %d columns long' % (i, len(line)))
    tree = ast.parse(source)
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            child.parent = node
    api = json.load(open(api_json))
    check_imports(tree)
    check_api(tree, api)
    expected = json.load(open(keys_json))
    created = Simulator(tree, api).instantiate(top, [], {})
    if sorted(created) != sorted(expected):
        extra = sorted(set(created) - set(expected))
        lost = sorted(set(expected) - set(created))
        problem('Parameters created but not in the checkpoint: %s' % extra[:10])
        problem('checkpoint keys no Parameter matches: %s' % lost[:10])
    if len(created) != len(set(created)):
        problem('duplicate Parameter names')
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
