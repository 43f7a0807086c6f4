#!/usr/bin/python3
"""run_validate_py.py OUT_DIR MODULE CLASS MODE: runs OUT_DIR/validate.py the way a user with
MindSpore would, but with a stub `mindspore` package and a stand-in for the model class (this
machine has no MindSpore). The stand-in checks that it receives exactly the saved inputs and returns
the saved reference outputs (MODE=exact) or the references + 1e-2 (MODE=perturbed). Prints
validate.py's output; exits with its status."""
import os, shutil, subprocess, sys, tempfile, textwrap

out_dir, module, cls, mode = sys.argv[1:5]
work = tempfile.mkdtemp(prefix="validate-py-")
try:
    for name in os.listdir(out_dir):
        src = os.path.join(out_dir, name)
        if name == module + ".py":
            continue  # replaced by the stand-in below
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(work, name))
    stub = os.path.join(work, "stub", "mindspore")
    os.makedirs(stub)
    with open(os.path.join(stub, "__init__.py"), "w") as f:
        f.write(textwrap.dedent("""
            import numpy as np
            class Tensor:
                def __init__(self, array):
                    self.array = np.asarray(array)
                def asnumpy(self):
                    return self.array
            def load_checkpoint(path):
                assert path.endswith('.ckpt'), path
                return {}
            def load_param_into_net(net, params):
                return [], []
            """))
    with open(os.path.join(work, module + ".py"), "w") as f:
        f.write(textwrap.dedent(f"""
            import os
            import numpy as np
            import mindspore
            HERE = os.path.dirname(os.path.abspath(__file__))
            DELTA = {1e-2 if mode == 'perturbed' else 0.0}

            class {cls}:
                def set_train(self, mode):
                    pass
                def __call__(self, *inputs):
                    from validate import INPUTS, OUTPUTS, npy_name
                    assert len(inputs) == len(INPUTS), (len(inputs), len(INPUTS))
                    for (name, _, _), got in zip(INPUTS, inputs):
                        saved = np.load(os.path.join(HERE, 'validation', 'inputs', npy_name(name)))
                        assert np.array_equal(saved, got.asnumpy()), name
                    refs = [np.load(os.path.join(HERE, 'validation', 'outputs', npy_name(n)))
                            for n in OUTPUTS]
                    outs = tuple(mindspore.Tensor(r + DELTA) for r in refs)
                    return outs if len(outs) > 1 else outs[0]
            """))
    env = dict(os.environ, PYTHONPATH=os.path.join(work, "stub"))
    p = subprocess.run([sys.executable, os.path.join(work, "validate.py")], env=env,
                       capture_output=True, text=True, cwd=work)
    sys.stdout.write(p.stdout + p.stderr)
    sys.exit(p.returncode)
finally:
    shutil.rmtree(work, ignore_errors=True)
