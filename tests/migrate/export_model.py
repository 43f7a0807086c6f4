#!/usr/bin/python3
"""Exports a test model definition (tests/migrate/models/*.py: MODEL, INPUT_SHAPE) to ONNX the way
the fixtures' "train" export does (BatchNorm kept, initializers named like the state_dict), seeded.

usage: export_model.py MODEL_PY OUT_ONNX
"""
import importlib.util
import os
import sys

import torch


def main():
    path, out = sys.argv[1], sys.argv[2]
    spec = importlib.util.spec_from_file_location("model_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    torch.manual_seed(0)
    model = module.MODEL()
    model.eval()
    dtype = getattr(module, "INPUT_DTYPE", "float32")
    if dtype == "int64":
        x = torch.randint(0, 10, module.INPUT_SHAPE)
    else:
        x = torch.randn(*module.INPUT_SHAPE)
    tmp = out + ".tmp"
    torch.onnx.export(model, (x,), tmp, opset_version=13, input_names=["input"],
                      output_names=["output"], training=torch.onnx.TrainingMode.PRESERVE,
                      do_constant_folding=False)
    os.replace(tmp, out)
    print("\n".join(sorted(model.state_dict().keys())))


if __name__ == "__main__":
    main()
