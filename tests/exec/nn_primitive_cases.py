#!/usr/bin/python3
"""Writes PyTorch reference data for exec.nn_primitives into OUT: for each case <name>, the inputs and
torch's output as <name>.<tensor>.npy. The cases exercise the primitives with parameters ONNX's node
suite does not reach but a MindSpore layer will (asymmetric pads, groups with dilation, ceil mode
with count_include_pad, output_padding, bidirectional recurrent layers with initial states)."""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
torch.manual_seed(7)


def save(case, **tensors):
    for name, t in tensors.items():
        np.save(os.path.join(out, f"{case}.{name}.npy"), t.detach().numpy().astype(np.float32)
                if t.is_floating_point() else t.detach().numpy())


x = torch.randn(2, 4, 11, 9)
w = torch.randn(6, 2, 3, 3)
b = torch.randn(6)
# Asymmetric pads: top 1, left 0, bottom 2, right 1; groups 2, dilation 2, stride (2, 1).
save("conv_asym", x=x, w=w, b=b, y=F.conv2d(F.pad(x, (0, 1, 1, 2)), w, b, stride=(2, 1), dilation=2, groups=2))
wd = torch.randn(8, 1, 3, 3)
save("conv_depthwise", x=x, w=wd, y=F.conv2d(x, wd, None, stride=2, padding=1, groups=4))
x1 = torch.randn(2, 4, 20)
w1 = torch.randn(4, 2, 5)
save("conv1d", x=x1, w=w1, y=F.conv1d(x1, w1, None, stride=3, padding=2, dilation=2, groups=2))
x3 = torch.randn(1, 2, 5, 6, 7)
w3 = torch.randn(3, 2, 2, 3, 2)
save("conv3d", x=x3, w=w3, y=F.conv3d(x3, w3, None, stride=(1, 2, 1), padding=(1, 0, 1)))
wt = torch.randn(4, 3, 3, 3)
bt = torch.randn(6)
save("conv_transpose", x=x, w=wt, b=bt,
     y=F.conv_transpose2d(x, wt, bt, stride=2, padding=1, output_padding=1, groups=2, dilation=2))
xp = torch.randn(2, 3, 10, 7)
y, idx = F.max_pool2d(xp, 3, stride=2, padding=1, dilation=1, ceil_mode=True, return_indices=True)
save("maxpool_ceil", x=xp, y=y, idx=idx)
save("avgpool_ceil_incl", x=xp, y=F.avg_pool2d(xp, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=True))
save("avgpool_ceil_excl", x=xp, y=F.avg_pool2d(xp, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=False))
xi = torch.randn(1, 2, 5, 7)
save("bilinear", x=xi, y=F.interpolate(xi, size=(8, 11), mode="bilinear", align_corners=False))
save("bilinear_corners", x=xi, y=F.interpolate(xi, size=(8, 11), mode="bilinear", align_corners=True))
save("bicubic", x=xi, y=F.interpolate(xi, size=(9, 4), mode="bicubic", align_corners=False))
save("nearest", x=xi, y=F.interpolate(xi, scale_factor=2.0, mode="nearest"))
xg = torch.randn(2, 6, 5, 3)
gamma, beta = torch.randn(6), torch.randn(6)
save("group_norm", x=xg, gamma=gamma, beta=beta, y=F.group_norm(xg, 3, gamma, beta, eps=1e-5))
ln_w, ln_b = torch.randn(5, 3), torch.randn(5, 3)
save("layer_norm", x=xg, gamma=ln_w, beta=ln_b, y=F.layer_norm(xg, (5, 3), ln_w, ln_b, eps=1e-5))

# Recurrent layers, weights rearranged into ONNX's gate order: LSTM i,f,g,o → i,o,f,c; GRU r,z,n → z,r,h.
seq, batch, inp, hid = 5, 3, 4, 6
xs = torch.randn(seq, batch, inp)
lstm = torch.nn.LSTM(inp, hid, bidirectional=True)
h0, c0 = torch.randn(2, batch, hid), torch.randn(2, batch, hid)
ys, (hn, cn) = lstm(xs, (h0, c0))


def reorder(t, order, n):
    chunks = t.reshape(n, hid, *t.shape[1:])
    return torch.cat([chunks[i] for i in order], 0)


W = torch.stack([reorder(getattr(lstm, f"weight_ih_l0{s}"), [0, 3, 1, 2], 4) for s in ("", "_reverse")])
R = torch.stack([reorder(getattr(lstm, f"weight_hh_l0{s}"), [0, 3, 1, 2], 4) for s in ("", "_reverse")])
B = torch.stack([torch.cat([reorder(getattr(lstm, f"bias_ih_l0{s}"), [0, 3, 1, 2], 4),
                            reorder(getattr(lstm, f"bias_hh_l0{s}"), [0, 3, 1, 2], 4)]) for s in ("", "_reverse")])
save("lstm", x=xs, w=W, r=R, b=B, h0=h0, c0=c0, y=ys.reshape(seq, batch, 2, hid).permute(0, 2, 1, 3), yh=hn, yc=cn)
gru = torch.nn.GRU(inp, hid)
g0 = torch.randn(1, batch, hid)
yg, gn = gru(xs, g0)
W = reorder(gru.weight_ih_l0, [1, 0, 2], 3)[None]
R = reorder(gru.weight_hh_l0, [1, 0, 2], 3)[None]
B = torch.cat([reorder(gru.bias_ih_l0, [1, 0, 2], 3), reorder(gru.bias_hh_l0, [1, 0, 2], 3)])[None]
save("gru", x=xs, w=W, r=R, b=B, h0=g0, y=yg[:, None], yh=gn)
