#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Syntax the migration must read and leave byte for byte where it changes nothing:
f-strings, walrus, match, decorators, type hints, continuations, nested brackets, comments."""
from __future__ import annotations

import functools
import torch
import torch.nn as nn  # the torch modules
from typing import Dict, List, Optional, Tuple   # spacing kept   

CONFIG: Dict[str, List[int]] = {
    "stages": [1, 2,
               3, 4],  # a comment inside brackets
    'widths': [64, 128, (256 if True else 512)],
}
LONG = 1 + \
    2 + \
    3
raw = r"\d+\.\w*" ; doc = b'bytes\x00'
values = [x ** 2 for x in range(10) if (y := x % 3) == 0]
lookup = {k: v for k, v in zip("abc", range(3))}
nested = ((1, [2, {3: (4, 5)}]), {"a": [6, 7]})
name = "world"
greeting = f"hello {name!r:>10} {'quoted'} {CONFIG['stages'][0]:04d} {{literal}}"
multi = f"""line {name}
  second {len(values) + 1}"""
lam = lambda a, *rest, k=3, **kw: (a, rest, k, kw)
numbers = [0x1F, 0o17, 0b1010, 1_000_000, 3.14e-2, 2j, .5, 1.]


def decorate(fn):
    @functools.wraps(fn)
    def inner(*args, **kwargs):
        return fn(*args, **kwargs)
    return inner


@decorate
class Block(nn.Module):
    """A block with type hints everywhere."""

    scale: float = 1.0

    def __init__(self, channels: int, /, hidden: Optional[int] = None, *, bias: bool = True) -> None:
        super().__init__()
        hidden = hidden or channels
        self.fc = nn.Linear(channels, hidden, bias=bias)   # keep this comment

    @property
    def width(self) -> int:
        return self.fc.out_features

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, int]:
        match x.dim():
            case 2:
                y = self.fc(x)
            case [a, b] if a > b:
                y = x
            case {"k": v, **rest}:
                y = x
            case _:
                y = self.fc(x.view(-1, x.size(-1)))
        return y, (n := 3)


async def fetch(items):
    async with items as it:
        async for i in it:
            yield i


try:
    pass
except (ValueError, TypeError) as err:
    raise RuntimeError("x") from err
finally:
    del values[0]

if __name__ == "__main__":
    print(greeting, multi, lam(1), numbers, nested, lookup, LONG, raw, doc)
