#!/usr/bin/python3
"""Derives tests/emit/data/mindspore_api_2_7.json from ../shared/reference/mindspore-api/
mindspore_api.json: only what check_model_py.py reads (names, signatures, Cell parameter tables),
so the tests do not depend on the shared folder being beside the checkout.

usage: derive_api_subset.py SOURCE_JSON OUT_JSON
"""
import json
import sys

KEEP = ('kind', 'init', 'init_effective', 'signature', 'call', 'overloads', 'parameters',
        'parameter_details')


def slim(entry):
    out = {k: entry[k] for k in KEEP if k in entry}
    for ov in out.get('overloads') or []:
        for k in list(ov):
            if k != 'signature':
                del ov[k]
    for sig_key in ('init', 'init_effective', 'signature', 'call'):
        for p in out.get(sig_key) or []:
            p.pop('dtype', None)
    for d in out.get('parameter_details') or []:
        for k in list(d):
            if k not in ('name', 'condition'):
                del d[k]
    return out


def main():
    src = json.load(open(sys.argv[1]))
    out = {'version': src['version'], 'source_commit': src['source_commit'],
           'derived_from': 'mindspore_api.json by tests/emit/derive_api_subset.py'}
    for section in ('nn', 'nn_other', 'ops_functions', 'ops_primitives', 'ops_other', 'mint',
                    'mint_nn', 'mint_nn_functional', 'top_level'):
        out[section] = {name: slim(e) for name, e in src[section].items()}
    out['dtypes'] = src['dtypes']
    json.dump(out, open(sys.argv[2], 'w'), separators=(',', ':'), sort_keys=True)


if __name__ == '__main__':
    main()
