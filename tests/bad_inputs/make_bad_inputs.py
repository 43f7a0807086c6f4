#!/usr/bin/python3
"""Writes the bad-input catalogue's binary cases (small, deterministic) next to this script.

Run with Debian's python3 (has onnx and torch): /usr/bin/python3 tests/bad_inputs/make_bad_inputs.py
The text cases (.mbproj, rules JSON, keys) are committed by hand; cases.jsonl lists every case.
"""
import io
import json
import os
import pickle
import struct
import zipfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))


def out(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def relu_model(nodes=None, inits=(), inputs=None, outputs=None, opset=13):
    inputs = inputs or [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])]
    outputs = outputs or [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])]
    nodes = nodes or [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    g = helper.make_graph(nodes, "g", inputs, outputs, initializer=list(inits))
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])


def onnx_cases():
    good = relu_model().SerializeToString()
    out("good_relu.onnx", good)
    out("onnx_truncated.onnx", good[: len(good) // 2])
    out("onnx_wrong_magic.onnx", b"PK\x03\x04" + b"\x00" * 60)
    out("onnx_empty.onnx", b"")
    # A weight whose dims multiply to far more than any memory.
    t = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[1 << 20, 1 << 20, 1 << 20])
    t.raw_data = b"\x00" * 16
    m = relu_model(nodes=[helper.make_node("Add", ["x", "w"], ["y"], name="add")], inits=[t])
    out("onnx_absurd_dims.onnx", m.SerializeToString())
    # dims whose product overflows int64.
    t = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[1 << 40, 1 << 40])
    t.raw_data = b"\x00" * 16
    m = relu_model(nodes=[helper.make_node("Add", ["x", "w"], ["y"], name="add")], inits=[t])
    out("onnx_size_overflow.onnx", m.SerializeToString())
    # raw_data shorter than the dims say.
    t = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[1, 4])
    t.raw_data = b"\x00" * 8
    m = relu_model(nodes=[helper.make_node("Add", ["x", "w"], ["y"], name="add")], inits=[t])
    out("onnx_short_raw_data.onnx", m.SerializeToString())
    # negative dim
    t = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[-4])
    m = relu_model(nodes=[helper.make_node("Add", ["x", "w"], ["y"], name="add")], inits=[t])
    out("onnx_negative_dim.onnx", m.SerializeToString())
    # cycle: a -> b -> a
    m = relu_model(nodes=[helper.make_node("Add", ["x", "b"], ["a"], name="n1"),
                          helper.make_node("Relu", ["a"], ["b"], name="n2"),
                          helper.make_node("Relu", ["a"], ["y"], name="n3")])
    out("onnx_cycle.onnx", m.SerializeToString())
    m = relu_model(nodes=[helper.make_node("Add", ["x", "nowhere"], ["y"], name="add")])
    out("onnx_dangling_input.onnx", m.SerializeToString())
    m = relu_model(nodes=[helper.make_node("Relu", ["x"], ["y"], name="r1"),
                          helper.make_node("Relu", ["x"], ["y"], name="r2")])
    out("onnx_duplicate_output.onnx", m.SerializeToString())
    m = relu_model(nodes=[helper.make_node("Relu", ["x"], ["z"], name="r1")])
    out("onnx_missing_graph_output.onnx", m.SerializeToString())
    for name, loc in (("onnx_external_traversal.onnx", "../../../../etc/passwd"),
                      ("onnx_external_absolute.onnx", "/etc/passwd")):
        t = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[1, 4])
        t.data_location = TensorProto.EXTERNAL
        e = t.external_data.add()
        e.key, e.value = "location", loc
        m = relu_model(nodes=[helper.make_node("Add", ["x", "w"], ["y"], name="add")], inits=[t])
        out(name, m.SerializeToString())
    t = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[1, 4])
    t.data_location = TensorProto.EXTERNAL
    e = t.external_data.add()
    e.key, e.value = "location", "missing_weights.bin"
    m = relu_model(nodes=[helper.make_node("Add", ["x", "w"], ["y"], name="add")], inits=[t])
    out("onnx_external_missing.onnx", m.SerializeToString())
    # NaN weights are legal ONNX: import succeeds (documented in cases.jsonl as expect ok).
    w = numpy_helper.from_array(np.array([[np.nan, 1, np.inf, 2]], np.float32), "w")
    m = relu_model(nodes=[helper.make_node("Add", ["x", "w"], ["y"], name="add")], inits=[w])
    out("onnx_nan_weights.onnx", m.SerializeToString())
    m = relu_model(opset=99)
    out("onnx_future_opset.onnx", m.SerializeToString())


def pickle_zip(pkl, name="archive"):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr(name + "/data.pkl", pkl)
        z.writestr(name + "/version", "3\n")
    return buf.getvalue()


def global_call(module, name, arg):
    # PROTO 2, GLOBAL module name, arg, TUPLE1, REDUCE, STOP
    return (b"\x80\x02c" + module.encode() + b"\n" + name.encode() + b"\n" +
            pickle.dumps(arg, protocol=2)[2:-1] + b"\x85R.")


def pth_cases():
    out("pth_global_os_system.pth", pickle_zip(global_call("os", "system", "echo pwned")))
    out("pth_builtins_eval.pth", pickle_zip(global_call("builtins", "eval", "1+1")))
    out("pth_reduce_off_allowlist.pth",
        pickle_zip(global_call("collections", "OrderedDict", []).replace(b"collections\nOrderedDict",
                                                                        b"subprocess\nPopen")))
    out("pth_legacy_global_os_system.pth", global_call("posix", "system", "echo pwned"))
    out("pth_garbage_pickle.pth", pickle_zip(b"\x80\x02\xff\xfe\xfd"))
    # A list that contains itself: Python pickles the cycle through the memo. (The fuzz finding
    # pth_pickle_cycle_fuzz.pth is a committed reproducer, not generated here.)
    self_list = []
    self_list.append(self_list)
    out("pth_pickle_self_list.pth", pickle_zip(pickle.dumps(self_list, protocol=2)))
    good = io.BytesIO()
    import torch
    torch.save({"w": torch.zeros(2, 2)}, good)
    data = good.getvalue()
    out("good_small.pth", data)
    out("pth_truncated_zip.pth", data[: len(data) // 2])
    # Zip bomb: one member that inflates 1 GiB of zeros from ~1 MB... kept tiny on disk by using
    # a declared size far beyond the limit (the reader must refuse from the header, not inflate).
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("archive/data.pkl", pickle.dumps({}, protocol=2))
        z.writestr("archive/data/0", b"\x00" * (64 << 20))
        z.writestr("archive/version", "3\n")
    out("pth_zip_bomb.pth", buf.getvalue())


def safetensors(header, payload):
    h = json.dumps(header).encode()
    return struct.pack("<Q", len(h)) + h + payload


def safetensors_cases():
    out("good_small.safetensors",
        safetensors({"w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}}, b"\x00" * 16))
    out("st_offsets_out_of_range.safetensors",
        safetensors({"w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 1 << 40]}}, b"\x00" * 16))
    out("st_overlap.safetensors",
        safetensors({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
                     "b": {"dtype": "F32", "shape": [4], "data_offsets": [8, 24]}}, b"\x00" * 24))
    out("st_shape_mismatch.safetensors",
        safetensors({"w": {"dtype": "F32", "shape": [3, 3], "data_offsets": [0, 16]}}, b"\x00" * 16))
    out("st_header_too_long.safetensors", struct.pack("<Q", 1 << 60) + b"{}")
    out("st_header_not_json.safetensors", struct.pack("<Q", 5) + b"{{{{{")
    out("st_truncated.safetensors", struct.pack("<Q", 100) + b"{")


def ckpt_cases():
    # A MindSpore ckpt is a protobuf Checkpoint; field 1 = repeated Value{tag, tensor}.
    out("ckpt_garbage.ckpt", b"\xff" * 64)
    out("ckpt_truncated.ckpt", b"\x0a\x40\x0a\x01w")  # declares a 64-byte entry, has 3
    # Encrypted checkpoints (AES-GCM) start with random bytes; ours is an all-random header.
    rng = np.random.default_rng(9)
    out("ckpt_encrypted.ckpt", rng.integers(0, 256, 256, dtype=np.uint8).tobytes())


if __name__ == "__main__":
    onnx_cases()
    pth_cases()
    safetensors_cases()
    ckpt_cases()
