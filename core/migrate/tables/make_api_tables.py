#!/usr/bin/python3
"""Builds core/migrate/api_tables_data.inc: the official PyTorch -> MindSpore API mapping tables
(classic r2.3.1: 874 rows, mint master: 514 rows) and, from MindSpore 2.7's API facts, the
signature of every public nn / ops / mint / top-level API and the Parameters each Cell creates
(with the constructor arguments that decide whether it exists). Compiled into mbcore so the
migration needs no file at run time.

usage: make_api_tables.py SHARED_REFERENCE_DIR OUT_INC
"""
import hashlib
import json
import re
import sys

KIND_CODES = {'positional_or_keyword': 0, 'positional_only': 1, 'var_positional': 2,
              'keyword_only': 3, 'var_keyword': 4}


def signature(entry):
    sig = None
    for key in ('init_effective', 'init', 'signature'):
        if entry.get(key) is not None:
            sig = entry[key]
            break
    if sig is None and entry.get('overloads'):
        names, out = set(), []
        for ov in entry['overloads']:
            for p in ov.get('signature') or []:
                if p['name'] not in names:
                    names.add(p['name'])
                    out.append([p['name'], None, 3 if p['kind'] == 'keyword_only' else 0])
        return out, True
    if sig is None:
        return None, False
    return [[p['name'], p['default'], KIND_CODES[p['kind']]] for p in sig], False


def condition_terms(cond, init_names):
    """A parameter's condition as a list of constructor-argument terms ("x" or "!x"), or None when
    it depends on something else (device, optimizer state) and cannot be decided statically."""
    if not cond:
        return []
    cond = re.sub(r'Validator\.check_bool\((\w+),[^)]*\)', r'\1', cond)
    terms = []
    for part in cond.split(' and '):
        part = part.strip()
        neg = False
        m = re.fullmatch(r'not \((.*)\)', part) or re.fullmatch(r'not (.*)', part)
        if m:
            neg, part = True, m.group(1).strip()
        part = part[5:] if part.startswith('self.') else part
        if part.startswith('for '):
            continue  # ParameterTuple loops are expanded from the {layer}{suffix} pattern
        if part == '_qkv_same_embed_dim':  # kdim / vdim left at None
            if neg:
                return None
            continue
        if part not in init_names and part == 'has_bias' and 'bias' in init_names:
            part = 'bias'
        if part not in init_names:
            return None
        terms.append(('!' if neg else '') + part)
    return terms


def cell_parameters(entry):
    init_names = {p['name'] for p in (entry.get('init_effective') or entry.get('init') or [])}
    out = []
    for d in entry.get('parameter_details') or []:
        items = d.get('items') or [d]
        for it in items:
            cond = it.get('condition') if 'items' in d else d.get('condition')
            terms = condition_terms(cond, init_names)
            if terms is None:
                if 'weight' in it['name'] and cond and '_weight is None' in cond:
                    terms = []
                else:
                    continue
            name = it['name']
            if any(o[0] == name for o in out):
                continue
            out.append([name, terms])
    return out


def main():
    ref, out_path = sys.argv[1], sys.argv[2]
    tables = {}
    digests = {}
    for level in ('classic', 'mint'):
        path = '%s/api-mapping/torch_to_mindspore_%s.json' % (ref, level)
        raw = open(path, 'rb').read()
        digests['torch_to_mindspore_%s.json' % level] = hashlib.sha256(raw).hexdigest()[:16]
        tables[level] = json.loads(raw)['rows']
    api_path = '%s/mindspore-api/mindspore_api.json' % ref
    raw = open(api_path, 'rb').read()
    digests['mindspore_api.json'] = hashlib.sha256(raw).hexdigest()[:16]
    api = json.loads(raw)
    prefixes = {'nn': 'mindspore.nn.', 'nn_other': 'mindspore.nn.',
                'ops_functions': 'mindspore.ops.', 'ops_primitives': 'mindspore.ops.',
                'ops_other': 'mindspore.ops.', 'mint': 'mindspore.mint.',
                'mint_nn': 'mindspore.mint.nn.', 'mint_nn_functional': 'mindspore.mint.nn.functional.',
                'top_level': 'mindspore.'}
    apis = {}
    for section, prefix in prefixes.items():
        for name, entry in api[section].items():
            if entry.get('kind') in ('not_bound', 'unresolved'):
                continue
            full = prefix + name
            if full in apis:
                continue
            sig, overloaded = signature(entry)
            rec = {'k': entry.get('kind', '')}
            if sig is not None:
                rec['s'] = sig
            if overloaded:
                rec['o'] = 1
            if entry.get('kind') == 'cell':
                rec['p'] = cell_parameters(entry)
            apis[full] = rec
    for module, names in api['mint_submodules'].items():
        for name, entry in names.items():
            if entry.get('kind') in ('not_bound', 'unresolved'):
                continue
            sig, overloaded = signature(entry)
            rec = {'k': entry.get('kind', '')}
            if sig is not None:
                rec['s'] = sig
            apis[module + '.' + name] = rec
    methods = sorted(m for m in api['tensor_methods'] if not m.startswith('_'))
    data = {'version': api['version'], 'sources': digests, 'classic': tables['classic'],
            'mint': tables['mint'], 'apis': apis, 'tensor_methods': methods}
    text = json.dumps(data, separators=(',', ':'), sort_keys=True)
    chunks = [text[i:i + 60000] for i in range(0, len(text), 60000)]
    with open(out_path, 'w') as f:
        f.write('// Generated by core/migrate/tables/make_api_tables.py from ../shared/reference '
                '(api-mapping/*.json,\n// mindspore-api/mindspore_api.json); do not edit.\n')
        f.write('// sources: %s\n' % ' '.join('%s@%s' % kv for kv in sorted(digests.items())))
        f.write('static const char* const kApiTableChunks[] = {\n')
        for c in chunks:
            f.write('    R"MBJSON(%s)MBJSON",\n' % c)
        f.write('};\n')
    print('rows: classic %d, mint %d; apis %d; tensor methods %d; %d bytes' % (
        len(tables['classic']), len(tables['mint']), len(apis), len(methods), len(text)))


if __name__ == '__main__':
    main()
