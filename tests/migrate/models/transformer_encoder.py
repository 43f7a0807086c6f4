"""A transformer encoder (post-norm layers like torch.nn.TransformerEncoderLayer, with the
multi-head attention written out with nn.Linear projections) as a plain PyTorch module."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, d_model: int, nhead: int, dropout: float = 0.1) -> None:
        super().__init__()
        assert d_model % nhead == 0, "d_model must be divisible by nhead"
        self.nhead = nhead
        self.head_dim = d_model // nhead
        self.q_proj = nn.Linear(d_model, d_model)
        self.k_proj = nn.Linear(d_model, d_model)
        self.v_proj = nn.Linear(d_model, d_model)
        self.out_proj = nn.Linear(d_model, d_model, bias=True)
        self.attn_drop = nn.Dropout(dropout)
        self.scale = 1.0 / math.sqrt(self.head_dim)

    def forward(self, x):
        b, t, c = x.size()
        q = self.q_proj(x).view(b, t, self.nhead, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(b, t, self.nhead, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(b, t, self.nhead, self.head_dim).transpose(1, 2)
        attn = torch.matmul(q, k.transpose(-2, -1)) * self.scale
        attn = F.softmax(attn, dim=-1)
        attn = self.attn_drop(attn)
        out = torch.matmul(attn, v).transpose(1, 2).contiguous().view(b, t, c)
        return self.out_proj(out)


class TransformerEncoderLayer(nn.Module):
    def __init__(self, d_model=64, nhead=4, dim_feedforward=128, dropout=0.1):
        super().__init__()
        self.self_attn = MultiHeadSelfAttention(d_model, nhead, dropout=dropout)
        self.linear1 = nn.Linear(d_model, dim_feedforward)
        self.dropout = nn.Dropout(p=dropout)
        self.linear2 = nn.Linear(dim_feedforward, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model, eps=1e-6)
        self.dropout1 = nn.Dropout(dropout)
        self.dropout2 = nn.Dropout(dropout)
        self.activation = nn.GELU()

    def forward(self, src):
        src = self.norm1(src + self.dropout1(self.self_attn(src)))
        ff = self.linear2(self.dropout(self.activation(self.linear1(src))))
        return self.norm2(src + self.dropout2(ff))


class Encoder(nn.Module):
    def __init__(self, in_features=32, d_model=64, nhead=4, num_layers=2, num_classes=10):
        super().__init__()
        self.input_proj = nn.Linear(in_features, d_model)
        self.layers = nn.ModuleList(
            [TransformerEncoderLayer(d_model, nhead) for _ in range(num_layers)])
        self.head = nn.Linear(d_model, num_classes)

    def forward(self, x):
        x = self.input_proj(x)
        for layer in self.layers:
            x = layer(x)
        x = x.mean(dim=1)
        return self.head(x)


MODEL = Encoder
INPUT_SHAPE = (2, 8, 32)
