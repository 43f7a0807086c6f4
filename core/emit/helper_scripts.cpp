#include "emit/helper_scripts.h"

#include "emit/py_text.h"

namespace mb::emitter {
namespace {

std::string replaceAll(std::string text, const std::string& key, const std::string& value) {
  for (size_t p = text.find(key); p != std::string::npos; p = text.find(key, p + value.size()))
    text.replace(p, key.size(), value);
  return text;
}

std::string tupleOf(const std::vector<int64_t>& dims) {
  std::string out = "(";
  for (size_t i = 0; i < dims.size(); ++i) out += (i ? ", " : "") + std::to_string(dims[i]);
  return out + (dims.size() == 1 ? ",)" : ")");
}

// INPUTS = [(name, shape, dtype), ...] and OUTPUTS = [...], one item per line.
std::string tables(const ScriptContext& c) {
  std::string out =
      "# (name in the source model, shape with -1 for dynamic dims, numpy dtype)\n"
      "INPUTS = [\n";
  for (const auto& in : c.inputs)
    out +=
        "    (" + pyString(in.name) + ", " + tupleOf(in.dims) + ", " + pyString(in.dtype) + "),\n";
  out += "]\nOUTPUTS = [\n";
  for (const auto& o : c.outputs) out += "    " + pyString(o) + ",\n";
  return out + "]\n";
}

std::string fill(std::string text, const ScriptContext& c) {
  text = replaceAll(text, "{{MODULE}}", c.module);
  text = replaceAll(text, "{{CLASS}}", c.topClass);
  text = replaceAll(text, "{{CKPT}}", pyString(c.checkpoint));
  text = replaceAll(text, "{{TABLES}}", tables(c));
  text = replaceAll(text, "{{VERSION}}", MB_VERSION);
  return text;
}

const char* kCommon = R"PY(
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

{{TABLES}}

def npy_name(tensor_name):
    return tensor_name.replace('/', '_').replace(':', '_') + '.npy'


def build_net(ckpt_path):
    from {{MODULE}} import {{CLASS}}
    net = {{CLASS}}()
    net.set_train(False)
    not_loaded, unused = mindspore.load_param_into_net(net, mindspore.load_checkpoint(ckpt_path))
    if not_loaded:
        print('warning: parameters not in the checkpoint: %s' % ', '.join(not_loaded))
    if unused:
        print('warning: checkpoint entries not used: %s' % ', '.join(unused))
    return net
)PY";

}  // namespace

std::string npyFileName(const std::string& tensorName) {
  std::string out;
  for (char c : tensorName) out += (c == '/' || c == ':' || c == '\\') ? '_' : c;
  return out + ".npy";
}

std::string validateScript(const ScriptContext& c) {
  std::string text = R"PY(#!/usr/bin/env python3
"""Checks the converted model with MindSpore (written by MindBridge {{VERSION}}).

Loads {{MODULE}}.py and the checkpoint, runs the saved inputs (validation/inputs/<name>.npy) and
compares every output with the saved reference (validation/outputs/<name>.npy), printing max_abs
and cosine per output. Exit status 0 when all outputs are within tolerance.
"""
import argparse
import os
import sys

import numpy as np
import mindspore
)PY";
  text += kCommon;
  text += R"PY(

def compare(got, ref):
    got = np.asarray(got, dtype=np.float64).ravel()
    ref = np.asarray(ref, dtype=np.float64).ravel()
    if got.shape != ref.shape:
        return float('inf'), 0.0
    max_abs = float(np.max(np.abs(got - ref))) if got.size else 0.0
    denom = float(np.linalg.norm(got) * np.linalg.norm(ref))
    cosine = float(np.dot(got, ref) / denom) if denom > 0 else 1.0
    return max_abs, cosine


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--data', default=os.path.join(HERE, 'validation'),
                        help='folder with inputs/ and outputs/ (.npy)')
    parser.add_argument('--ckpt', default=os.path.join(HERE, {{CKPT}}))
    parser.add_argument('--atol', type=float, default=1e-4)
    parser.add_argument('--rtol', type=float, default=1e-4)
    args = parser.parse_args()
    net = build_net(args.ckpt)
    inputs = []
    for name, _, dtype in INPUTS:
        path = os.path.join(args.data, 'inputs', npy_name(name))
        if not os.path.exists(path):
            sys.exit('missing input %s (expected %s)' % (name, path))
        inputs.append(mindspore.Tensor(np.load(path).astype(dtype)))
    outputs = net(*inputs)
    if not isinstance(outputs, (tuple, list)):
        outputs = (outputs,)
    ok = True
    for name, got in zip(OUTPUTS, outputs):
        path = os.path.join(args.data, 'outputs', npy_name(name))
        if not os.path.exists(path):
            print('%-30s no reference (%s)' % (name, path))
            continue
        ref = np.load(path)
        got = got.asnumpy()
        max_abs, cosine = compare(got, ref)
        close = got.shape == ref.shape and np.allclose(got, ref, atol=args.atol, rtol=args.rtol)
        ok = ok and close
        print('%-30s max_abs %.3e  cosine %.6f  %s' % (name, max_abs, cosine,
                                                         'ok' if close else 'OUT OF TOLERANCE'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
)PY";
  return fill(text, c);
}

std::string exportMindirScript(const ScriptContext& c) {
  std::string text = R"PY(#!/usr/bin/env python3
"""Exports the converted model to MindIR (written by MindBridge {{VERSION}}).

Dynamic dims (-1) are exported as 1 unless --shape NAME=d0,d1,... gives them.
"""
import argparse
import os
import sys

import numpy as np
import mindspore
)PY";
  text += kCommon;
  text += R"PY(

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--ckpt', default=os.path.join(HERE, {{CKPT}}))
    parser.add_argument('--output', default=os.path.join(HERE, '{{MODULE}}'))
    parser.add_argument('--shape', action='append', default=[], help='NAME=1,3,224,224')
    args = parser.parse_args()
    given = dict(item.split('=', 1) for item in args.shape)
    net = build_net(args.ckpt)
    inputs = []
    for name, shape, dtype in INPUTS:
        if name in given:
            shape = tuple(int(d) for d in given[name].split(','))
        shape = tuple(1 if d < 0 else d for d in shape)
        inputs.append(mindspore.Tensor(np.zeros(shape, dtype=dtype)))
    mindspore.export(net, *inputs, file_name=args.output, file_format='MINDIR')
    print('wrote %s.mindir' % args.output)
    return 0


if __name__ == '__main__':
    sys.exit(main())
)PY";
  return fill(text, c);
}

std::string datasetScript(const ScriptContext& c) {
  std::string text = R"PY(#!/usr/bin/env python3
"""Dataset template for {{CLASS}} (written by MindBridge {{VERSION}}).

Replace RandomSource with your data: any Python object with __getitem__ and __len__ returning
numpy arrays works with mindspore.dataset.GeneratorDataset (MindSpore's migration guide).
"""
import numpy as np
import mindspore.dataset as ds

{{TABLES}}

class RandomSource:
    """Random samples shaped like the model's first input, with integer labels."""

    def __init__(self, size=64, num_classes=10, seed=0):
        name, shape, dtype = INPUTS[0]
        sample_shape = tuple(1 if d < 0 else d for d in shape[1:])
        rng = np.random.default_rng(seed)
        self.data = rng.standard_normal((size,) + sample_shape).astype(dtype)
        self.labels = rng.integers(0, num_classes, size=size).astype(np.int32)

    def __getitem__(self, index):
        return self.data[index], self.labels[index]

    def __len__(self):
        return len(self.data)


def create_dataset(batch_size=8, shuffle=True, source=None):
    dataset = ds.GeneratorDataset(source or RandomSource(), column_names=['data', 'label'],
                                  shuffle=shuffle)
    return dataset.batch(batch_size, drop_remainder=True)
)PY";
  return fill(text, c);
}

std::string trainScript(const ScriptContext& c) {
  std::string text = R"PY(#!/usr/bin/env python3
"""Training template for {{CLASS}} (written by MindBridge {{VERSION}}).

Follows MindSpore's migration guide: a forward function returning the loss, value_and_grad over
the optimizer's parameters, and an optimizer step per batch. Adjust the loss and optimizer.
"""
import argparse
import os
import sys

import mindspore
from mindspore import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from dataset import create_dataset  # noqa: E402
from {{MODULE}} import {{CLASS}}  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--ckpt', default=os.path.join(HERE, {{CKPT}}))
    parser.add_argument('--epochs', type=int, default=1)
    parser.add_argument('--lr', type=float, default=1e-3)
    parser.add_argument('--save', default=os.path.join(HERE, 'trained.ckpt'))
    args = parser.parse_args()

    net = {{CLASS}}()
    if os.path.exists(args.ckpt):
        mindspore.load_param_into_net(net, mindspore.load_checkpoint(args.ckpt))
    loss_fn = nn.CrossEntropyLoss()
    optimizer = nn.Adam(net.trainable_params(), learning_rate=args.lr)

    def forward_fn(data, label):
        logits = net(data)
        loss = loss_fn(logits, label)
        return loss, logits

    grad_fn = mindspore.value_and_grad(forward_fn, None, optimizer.parameters, has_aux=True)

    def train_step(data, label):
        (loss, _), grads = grad_fn(data, label)
        optimizer(grads)
        return loss

    dataset = create_dataset()
    net.set_train(True)
    for epoch in range(args.epochs):
        for step, (data, label) in enumerate(dataset.create_tuple_iterator()):
            loss = train_step(data, label)
            if step % 10 == 0:
                print('epoch %d step %d loss %.6f' % (epoch, step, float(loss.asnumpy())))
    mindspore.save_checkpoint(net, args.save)
    print('saved', args.save)
    return 0


if __name__ == '__main__':
    sys.exit(main())
)PY";
  return fill(text, c);
}

std::string evalScript(const ScriptContext& c) {
  std::string text = R"PY(#!/usr/bin/env python3
"""Evaluation template for {{CLASS}} (written by MindBridge {{VERSION}}): top-1 accuracy."""
import argparse
import os
import sys

import mindspore

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from dataset import create_dataset  # noqa: E402
from {{MODULE}} import {{CLASS}}  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--ckpt', default=os.path.join(HERE, {{CKPT}}))
    args = parser.parse_args()
    net = {{CLASS}}()
    mindspore.load_param_into_net(net, mindspore.load_checkpoint(args.ckpt))
    net.set_train(False)
    correct = total = 0
    for data, label in create_dataset(shuffle=False).create_tuple_iterator():
        logits = net(data)
        predicted = logits.argmax(axis=1)
        correct += int((predicted == label).sum().asnumpy())
        total += label.shape[0]
    print('accuracy %.4f (%d / %d)' % (correct / max(total, 1), correct, total))
    return 0


if __name__ == '__main__':
    sys.exit(main())
)PY";
  return fill(text, c);
}

}  // namespace mb::emitter
