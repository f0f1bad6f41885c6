#!/usr/bin/env python3
"""Differential tester: random well-typed stepgrad programs, each also written as PyTorch float64.

    python3 difftest.py generate N OUT.jsonl [--seed S]   programs with PyTorch's values and gradients
    python3 difftest.py compare OUT.jsonl REPORT.json DIR  prints the mismatches stepgrad's run reported,
                                                          saving each failing program to DIR

A program binds leaves (literals, constructors), computes named values over every built-in and
operator (broadcasting, every matmul rank pairing, indexing with negative indices and steps, -inf
through masks, in-place updates, short training loops) and ends with `backward`. Each record holds
the stepgrad source, the PyTorch source it was translated to, and PyTorch's value of every named
variable and gradient of every leaf. The Swift test `DifferentialTests` runs the stepgrad side and
compares (Tests/StepLangTests/DifferentialTests.swift); `bash .ci/difftest N` drives both.

Programs are kept inside the domain where stepgrad promises PyTorch's results. The places where it
deliberately differs (README, "Where stepgrad differs from PyTorch") are excluded at run time: the
PyTorch side raises `Excluded` when a max has tied entries, or a softmax row is all -inf, and the
program is replaced by another.
"""
import importlib.util
import json
import math
import random
import sys

# ---------------------------------------------------------------------------------------------
# Expressions: each is written twice, in stepgrad and in Python/PyTorch, with its shape.


class E:
    """One generated expression: stepgrad text, PyTorch text, shape, and a bound on |entries|."""

    def __init__(self, sg, pt, shape, mag):
        self.sg, self.pt, self.shape, self.mag = sg, pt, tuple(shape), mag


def number(x):
    """A literal both languages read as the same double."""
    if x == math.inf:
        return "inf"
    if x == -math.inf:
        return "-inf"
    return repr(float(x)) if x != int(x) else str(int(x))


def nested(shape, values):
    it = iter(values)

    def build(dims):
        if not dims:
            return number(next(it))
        return "[" + ", ".join(build(dims[1:]) for _ in range(dims[0])) + "]"

    return build(list(shape))


def count(shape):
    n = 1
    for d in shape:
        n *= d
    return n


class Generator:
    def __init__(self, rng):
        self.r = rng
        self.lines = []  # stepgrad statements
        self.torch = []  # the same, in Python
        self.variables = {}  # name -> shape, of values that may be read now
        self.leaves = []  # names bound to literals and constructors: their gradients are compared
        self.results = []  # every name bound at top level (values compared at the end)
        self.counter = 0
        self.indent = ""

    # --- statements ---------------------------------------------------------------------------

    def emit(self, sg, pt):
        self.lines.append(self.indent + sg)
        self.torch.append(self.indent.replace("  ", "    ") + pt)

    def fresh(self, prefix):
        self.counter += 1
        return f"{prefix}{self.counter}"

    def note(self, name):
        if name not in self.results:
            self.results.append(name)

    def bind(self, name, e):
        self.emit(f"{name} = {e.sg}", f"{name} = bind({e.pt})")
        self.variables[name] = e.shape
        self.note(name)

    # --- shapes -------------------------------------------------------------------------------

    def shape(self, rank=None, low=1, high=4):
        rank = self.r.choice([0, 1, 1, 2, 2, 2, 3]) if rank is None else rank
        return tuple(self.r.randint(low, high) for _ in range(rank))

    def broadcast_source(self, shape):
        """A shape that broadcasts to `shape`: leading axes dropped, some sizes 1."""
        drop = self.r.randint(0, len(shape)) if self.r.random() < 0.4 else 0
        return tuple(1 if self.r.random() < 0.3 else d for d in shape[drop:])

    def operand_shapes(self, shape):
        """Two shapes that broadcast together to `shape`: one of them `shape` itself, or each
        axis's size on one side and 1 on the other, as (3, 1) with (4,) makes (3, 4)."""
        shape = tuple(shape)
        if self.r.random() < 0.3:
            a, b = [], []
            for d in shape:
                pick = self.r.randrange(3)
                a.append(1 if pick == 1 else d)
                b.append(1 if pick == 0 else d)
            while b and b[0] == 1 and self.r.random() < 0.5:  # a missing leading axis counts as 1
                b.pop(0)
            return tuple(a), tuple(b)
        whole, part = shape, self.broadcast_source(shape)
        return (whole, part) if self.r.random() < 0.5 else (part, whole)

    # --- leaves and literals ------------------------------------------------------------------

    def values(self, n, low=-2.0, high=2.0):
        return [round(self.r.uniform(low, high), 2) for _ in range(n)]

    def literal(self, shape, low=-2.0, high=2.0):
        vals = self.values(count(shape), low, high)
        text = nested(shape, vals)
        return E(text, f"T({text})", shape, max([abs(v) for v in vals] + [0]))

    def mask_literal(self, shape, keep_axis=None):
        """0/1 entries; with `keep_axis`, every row along that axis keeps at least one 0 (so a
        softmax over it never sees a row that is all -inf)."""
        vals = [1 if self.r.random() < 0.35 else 0 for _ in range(count(shape))]
        if keep_axis is not None and shape:
            axis = keep_axis % len(shape)
            strides = [count(shape[i + 1:]) for i in range(len(shape))]
            for flat in range(len(vals)):
                index = [(flat // strides[i]) % shape[i] for i in range(len(shape))]
                if index[axis] == 0:
                    keep = self.r.randrange(shape[axis])
                    vals[flat + keep * strides[axis]] = 0
        text = nested(shape, vals)
        return E(text, f"T({text})", shape, 1)

    def constructor(self, shape):
        r = self.r.random()
        dims = ", ".join(map(str, shape))
        pt_dims = "(" + "".join(f"{d}," for d in shape) + ")"
        if len(shape) == 2 and shape[0] == shape[1] and r < 0.3:
            return E(f"eye({shape[0]})", f"torch.eye({shape[0]}, dtype=F64)", shape, 1)
        if len(shape) == 1 and r < 0.5:
            start = self.r.randint(-3, 2)
            if self.r.random() < 0.5 and start == 0:
                return E(f"arange({shape[0]})", f"torch.arange({shape[0]}, dtype=F64)", shape, shape[0])
            return E(f"arange({start}, {start + shape[0]})", f"torch.arange({start}, {start + shape[0]}, dtype=F64)", shape, abs(start) + shape[0])
        if r < 0.65 and shape:
            return E(f"zeros({dims})", f"torch.zeros({pt_dims}, dtype=F64)", shape, 0)
        if r < 0.8 and shape:
            return E(f"ones({dims})", f"torch.ones({pt_dims}, dtype=F64)", shape, 1)
        v = round(self.r.uniform(-1, 1), 2)
        args = ", ".join([number(v)] + [str(d) for d in shape])
        return E(f"full({args})", f"torch.full({pt_dims}, {number(v)}, dtype=F64)", shape, abs(v))

    def leaf(self, shape=None):
        shape = self.shape() if shape is None else shape
        name = self.fresh("p")
        e = self.literal(shape) if self.r.random() < 0.8 else self.constructor(shape)
        self.emit(f"{name} = {e.sg}", f"{name} = leaf({e.pt})")
        self.variables[name] = e.shape
        self.leaves.append(name)
        self.note(name)
        return name

    # --- expressions --------------------------------------------------------------------------

    def atom(self, shape):
        names = [n for n, s in self.variables.items() if s == tuple(shape)]
        if names and self.r.random() < 0.75:
            name = self.r.choice(names)
            return E(name, name, shape, 3)
        if self.r.random() < 0.7 and self.r.random() < 0.8:
            # A leaf made on the spot, so gradients reach more leaves.
            name = self.leaf(tuple(shape))
            return E(name, name, shape, 2)
        return self.literal(shape)

    def gen(self, shape, depth):
        shape = tuple(shape)
        if depth <= 0 or self.r.random() < 0.2:
            return self.atom(shape)
        makers = [
            (self.unary, 4), (self.binary, 6), (self.matmul, 4), (self.reduction, 3),
            (self.softmax, 2), (self.index, 3), (self.transpose, 1), (self.reshape, 1),
            (self.concat, 1), (self.stack, 1), (self.where, 2), (self.masked_fill, 2),
            (self.power, 2), (self.layernorm, 1), (self.attention, 1), (self.detach, 0.5),
            (self.shape_use, 0.3), (self.precedence, 0.5),
        ]
        total = sum(w for _, w in makers)
        for _ in range(6):
            pick = self.r.uniform(0, total)
            for maker, w in makers:
                pick -= w
                if pick <= 0:
                    break
            e = maker(shape, depth - 1)
            if e is not None:
                return self.tame(e)
        return self.atom(shape)

    def tame(self, e):
        """Keeps magnitudes small enough that exp and products stay far from overflow."""
        if e.mag > 20:
            return E(f"tanh({e.sg})", f"torch.tanh({e.pt})", e.shape, 1)
        return e

    def unary(self, shape, depth):
        x = self.gen(shape, depth)
        choice = self.r.choice(["relu", "sigmoid", "tanh", "exp", "log", "sqrt", "abs", "sin", "cos", "neg"])
        if self.r.random() < 0.04:
            # at the edge: log(0) = -inf, √0 with an infinite slope, x / 0 (IEEE 754 on both sides)
            edge = self.r.randrange(3)
            if edge == 0:
                return E(f"log(relu({x.sg}))", f"torch.log(torch.relu({x.pt}))", shape, 5)
            if edge == 1:
                return E(f"sqrt(relu({x.sg}))", f"torch.sqrt(torch.relu({x.pt}))", shape, 5)
            return E(f"1 / relu({x.sg})", f"1 / torch.relu({x.pt})", shape, 5)
        if choice == "exp":
            if x.mag > 4:
                return None
            return E(f"exp({x.sg})", f"torch.exp({x.pt})", shape, math.exp(x.mag))
        if choice == "log":  # kept away from 0, where log's slope blows up
            return E(f"log(abs({x.sg}) + 0.25)", f"torch.log(torch.abs({x.pt}) + 0.25)", shape, abs(math.log(x.mag + 0.25)) + 1.4)
        if choice == "sqrt":
            return E(f"sqrt(abs({x.sg}) + 0.25)", f"torch.sqrt(torch.abs({x.pt}) + 0.25)", shape, math.sqrt(x.mag + 0.25))
        if choice == "neg":
            return E(f"-({x.sg})", f"-({x.pt})", shape, x.mag)
        bound = {"relu": x.mag, "sigmoid": 1, "tanh": 1, "abs": x.mag, "sin": 1, "cos": 1}[choice]
        return E(f"{choice}({x.sg})", f"torch.{choice}({x.pt})", shape, bound)

    def binary(self, shape, depth):
        op = self.r.choice(["+", "-", "*", "/", "<", ">", "<=", ">=", "==", "!="])
        a_shape, b_shape = self.operand_shapes(shape)
        a = self.gen(a_shape, depth)
        if op in ("<", ">", "<=", ">=", "==", "!="):
            b = self.gen(b_shape, depth) if self.r.random() < 0.6 else self.literal(b_shape)
            if op in ("==", "!=") and a.shape == shape and self.r.random() < 0.5:
                b = a  # equal entries for sure
            return E(f"(({a.sg}) {op} ({b.sg})) * ({a.sg})", f"(({a.pt}) {op} ({b.pt})).to(F64) * ({a.pt})", shape, a.mag)
        b = self.gen(b_shape, depth)
        if op == "/":
            return E(f"({a.sg}) / (abs({b.sg}) + 0.5)", f"({a.pt}) / (torch.abs({b.pt}) + 0.5)", shape, a.mag * 2)
        if a.shape == shape and self.r.random() < 0.15:  # a plain number on one side
            c = number(round(self.r.uniform(-2, 2), 2))
            return E(f"{c} {op} ({a.sg})", f"{c} {op} ({a.pt})", shape, a.mag * 2 + 2)
        mag = a.mag * b.mag if op == "*" else a.mag + b.mag
        return E(f"({a.sg}) {op} ({b.sg})", f"({a.pt}) {op} ({b.pt})", shape, mag)

    def power(self, shape, depth):
        kind = self.r.random()
        if kind < 0.4:  # a whole exponent, any base; a zero base through relu (x^0 at 0: slope 0)
            k = self.r.choice([0, 1, 2, 3, 0])
            x = self.gen(shape, depth)
            if x.mag > 6:
                return None
            base = self.r.choice([x.sg, f"relu({x.sg})"])
            pbase = x.pt if base == x.sg else f"torch.relu({x.pt})"
            return E(f"({base}) ^ {k}", f"({pbase}) ** {k}", shape, x.mag ** k + 1)
        if kind < 0.55:  # zero bases and zero exponents, both variables: 0⁰ = 1, slopes 0
            x, y = self.gen(shape, depth), self.gen(shape, depth)
            if x.mag > 6 or y.mag > 3:
                return None
            return E(f"(relu({x.sg})) ^ (relu({y.sg}))", f"torch.pow(torch.relu({x.pt}), torch.relu({y.pt}))", shape, 6 ** 3 + 1)
        # Otherwise a variable exponent gets a positive base (the slope for it is aᵇ·ln a).
        x_shape, y_shape = self.operand_shapes(shape)
        x, y = self.gen(x_shape, depth), self.gen(y_shape, depth)
        if y.mag > 3 or x.mag > 6:
            return None
        return E(f"(abs({x.sg}) + 0.5) ^ ({y.sg})", f"torch.pow(torch.abs({x.pt}) + 0.5, {y.pt})", shape, (x.mag + 0.5) ** y.mag + 2 ** y.mag)

    def matmul(self, shape, depth):
        k = self.r.randint(1, 4)
        rank = len(shape)
        options = []
        if rank == 0:
            options.append(((k,), (k,)))
        if rank == 1:
            (n,) = shape
            options += [((k,), (k, n)), ((n, k), (k,))]
        if rank >= 2:
            # a vector on one side of a batch of matrices: (k,) @ (..., k, n) and (..., m, k) @ (k,)
            options += [((k,), shape[:-1] + (k, shape[-1])), (shape + (k,), (k,))]
            batch, (m, n) = shape[:-2], shape[-2:]
            a_batch, b_batch = self.operand_shapes(batch)
            options.append((a_batch + (m, k), b_batch + (k, n)))
        a_shape, b_shape = self.r.choice(options)
        if len(a_shape) > 4 or len(b_shape) > 4:
            return None
        a, b = self.gen(a_shape, depth), self.gen(b_shape, depth)
        mag = a.mag * b.mag * k
        if self.r.random() < 0.2:
            return E(f"matmul({a.sg}, {b.sg})", f"torch.matmul({a.pt}, {b.pt})", shape, mag)
        return E(f"({a.sg}) @ ({b.sg})", f"({a.pt}) @ ({b.pt})", shape, mag)

    def reduction(self, shape, depth):
        kind = self.r.choice(["sum", "mean", "max"])
        if not shape and self.r.random() < 0.5:  # over every entry
            x = self.gen(self.shape(self.r.randint(1, 3)), depth)
            fn = {"sum": "({}).sum()", "mean": "({}).mean()", "max": "sg_max({})"}[kind]
            return E(f"{kind}({x.sg})", fn.format(x.pt), shape, x.mag * (count(x.shape) if kind == "sum" else 1))
        if len(shape) >= 3:
            return None
        axis = self.r.randint(0, len(shape))
        size = self.r.randint(1, 4)
        x = self.gen(shape[:axis] + (size,) + shape[axis:], depth)
        written = axis if self.r.random() < 0.5 else axis - (len(shape) + 1)
        fn = {"sum": "({}).sum({})", "mean": "({}).mean({})", "max": "sg_max({}, {})"}[kind]
        return E(f"{kind}({x.sg}, axis={written})", fn.format(x.pt, written), shape, x.mag * (size if kind == "sum" else 1))

    def softmax(self, shape, depth):
        if not shape:
            return None
        axis = self.r.randrange(len(shape))
        written = axis if self.r.random() < 0.5 else axis - len(shape)
        x = self.gen(shape, depth)
        if x.mag > 30:
            return None
        kind = self.r.choice(["softmax", "log_softmax"])
        if self.r.random() < 0.5:
            # -inf through a mask: every row along the axis keeps at least one entry (log_softmax
            # then gives -inf at the masked entries, and what follows must cope with it)
            mask = self.mask_literal(shape, keep_axis=axis)
            x = E(f"masked_fill({x.sg}, {mask.sg}, -inf)", f"({x.pt}).masked_fill({mask.pt} != 0, -math.inf)", shape, x.mag)
        keyword = "" if written == -1 and self.r.random() < 0.5 else f", axis={written}"
        fn = "sg_softmax" if kind == "softmax" else "sg_log_softmax"
        return E(f"{kind}({x.sg}{keyword})", f"{fn}({x.pt}, {written})", shape, 1 if kind == "softmax" else x.mag * 2 + 3)

    def index(self, shape, depth):
        """x[items] with single positions (negative too) and slices with steps of either sign."""
        source, items = [], []
        out = list(shape)
        extra = self.r.randint(0, 2) if len(shape) < 3 else 0
        # Axes of the result come from slices or whole axes; single positions add axes that vanish.
        plan = ["keep"] * len(shape) + ["drop"] * extra
        self.r.shuffle(plan)
        for p in plan:
            if p == "drop":
                size = self.r.randint(1, 4)
                i = self.r.randrange(size)
                if self.r.random() < 0.5:
                    i -= size
                source.append(size)
                items.append(str(i))
            else:
                n = out.pop(0)
                step = self.r.choice([1, 1, 2, -1, -2, 3, None])
                if step is None and self.r.random() < 0.5:
                    source.append(n)
                    items.append(":")
                    continue
                step = step or 1
                size = n * abs(step) + self.r.randint(0, 2)
                # choose start so that exactly n positions are visited
                length = (n - 1) * abs(step) + 1
                offset = self.r.randint(0, size - length)
                if step > 0:
                    start, stop = offset, offset + length
                else:
                    start, stop = offset + length - 1, offset - 1
                start_text = str(start - size if self.r.random() < 0.3 else start)
                if step < 0 and stop == -1:
                    stop_text = ""  # -1 would mean the last entry
                else:
                    stop_text = str(stop - size if self.r.random() < 0.3 and 0 <= stop < size else stop)
                step_text = "" if step == 1 and self.r.random() < 0.5 else f":{step}"
                source.append(size)
                items.append(f"{start_text}:{stop_text}{step_text}")
        if count(source) > 64 or len(source) > 4:
            return None
        # trailing whole axes may be left out
        while items and items[-1] == ":" and self.r.random() < 0.5:
            items.pop()
        if not items:
            return None
        x = self.gen(tuple(source), depth)
        text = ", ".join(items)
        return E(f"({x.sg})[{text}]", f"sg_index({x.pt}, {json.dumps(items)})", shape, x.mag)

    def transpose(self, shape, depth):
        if len(shape) < 2:
            x = self.gen(shape, depth)
            return E(f"({x.sg}).T", f"({x.pt}).clone()", shape, x.mag)  # stepgrad: a copy, not the same tensor
        x = self.gen(shape[:-2] + (shape[-1], shape[-2]), depth)
        if self.r.random() < 0.5:
            return E(f"transpose({x.sg})", f"({x.pt}).transpose(-1, -2)", shape, x.mag)
        return E(f"({x.sg}).T", f"({x.pt}).transpose(-1, -2)", shape, x.mag)

    def reshape(self, shape, depth):
        n = count(shape)
        divisors = [d for d in range(1, n + 1) if n % d == 0]
        a = self.r.choice(divisors)
        source = self.r.choice([(n,), (a, n // a), (n // a, a), (1, n), (a, 1, n // a)])
        if source == shape or not shape:
            return None
        x = self.gen(source, depth)
        dims = [str(d) for d in shape]
        if dims and self.r.random() < 0.4:
            dims[self.r.randrange(len(dims))] = "-1"
        return E(f"reshape({x.sg}, {', '.join(dims)})", f"({x.pt}).reshape(({''.join(d + ',' for d in dims)}))", shape, x.mag)

    def concat(self, shape, depth):
        if not shape:
            return None
        axis = self.r.randrange(len(shape))
        if shape[axis] < 2:
            return None
        cut = self.r.randint(1, shape[axis] - 1)
        parts = [cut, shape[axis] - cut]
        xs = [self.gen(shape[:axis] + (p,) + shape[axis + 1:], depth) for p in parts]
        written = axis if self.r.random() < 0.6 else axis - len(shape)
        keyword = "" if written == 0 and self.r.random() < 0.5 else f", axis={written}"
        return E(f"concat({', '.join(x.sg for x in xs)}{keyword})", f"torch.cat([{', '.join(x.pt for x in xs)}], {written})",
                 shape, max(x.mag for x in xs))

    def stack(self, shape, depth):
        if not shape:
            return None
        axis = self.r.randrange(len(shape))
        if shape[axis] > 3:  # at most three pieces
            return None
        piece = shape[:axis] + shape[axis + 1:]
        xs = [self.gen(piece, depth) for _ in range(shape[axis])]
        written = axis if self.r.random() < 0.6 else axis - len(shape)
        keyword = "" if written == 0 and self.r.random() < 0.5 else f", axis={written}"
        return E(f"stack({', '.join(x.sg for x in xs)}{keyword})", f"torch.stack([{', '.join(x.pt for x in xs)}], {written})",
                 shape, max(x.mag for x in xs))

    def where(self, shape, depth):
        c_shape = self.broadcast_source(shape)
        a_shape, b_shape = self.broadcast_source(shape), shape
        if self.r.random() < 0.5:
            a_shape, b_shape = b_shape, a_shape
        a, b = self.gen(a_shape, depth), self.gen(b_shape, depth)
        if self.r.random() < 0.5:
            c = self.mask_literal(c_shape)
            cond_sg, cond_pt = c.sg, f"({c.pt}) != 0"
        else:
            left, right = self.gen(c_shape, depth), self.literal(c_shape, -1, 1)
            cond_sg, cond_pt = f"({left.sg}) > ({right.sg})", f"({left.pt}) > ({right.pt})"
        return E(f"where({cond_sg}, {a.sg}, {b.sg})", f"torch.where({cond_pt}, {a.pt}, {b.pt})", shape, max(a.mag, b.mag))

    def masked_fill(self, shape, depth):
        x = self.gen(shape, depth)
        mask = self.mask_literal(self.broadcast_source(shape))
        if self.r.random() < 0.5:
            # a variable fill value: a leaf of one entry, which gets the masked entries' gradient
            value_shape = self.r.choice([(), (1,)])
            names = [n for n in self.leaves if self.variables.get(n) == value_shape]
            name = self.r.choice(names) if names and self.r.random() < 0.5 else self.leaf(value_shape)
            return E(f"masked_fill({x.sg}, {mask.sg}, {name})", f"({x.pt}).masked_fill({mask.pt} != 0, {name}.reshape(()))",
                     shape, max(x.mag, 3))
        v = round(self.r.uniform(-2, 2), 2)
        return E(f"masked_fill({x.sg}, {mask.sg}, {number(v)})", f"({x.pt}).masked_fill({mask.pt} != 0, {number(v)})", shape, max(x.mag, abs(v)))

    def layernorm(self, shape, depth):
        if not shape or shape[-1] < 2:
            return None
        n = shape[-1]
        x = self.gen(shape, depth)
        gamma = self.gen(self.r.choice([(n,), (1,), ()]), depth - 1)
        beta = self.gen(self.r.choice([(n,), ()]), depth - 1)
        eps = self.r.choice([None, "1e-5", "0.1", "0.001"])
        keyword = "" if eps is None else f", eps={eps}"
        return E(f"layernorm({x.sg}, {gamma.sg}, {beta.sg}{keyword})",
                 f"F.layer_norm({x.pt}, ({n},), eps={eps or '1e-5'}) * ({gamma.pt}) + ({beta.pt})",
                 shape, 3 * gamma.mag + beta.mag)

    def attention(self, shape, depth):
        if len(shape) not in (2, 3):
            return None
        *batch, t, dv = shape
        s = t if self.r.random() < 0.6 else self.r.randint(1, 4)
        d = self.r.randint(1, 4)
        q = self.gen(tuple(batch) + (t, d), depth)
        k = self.gen(tuple(batch) + (s, d), depth)
        v = self.gen(tuple(batch) + (s, dv), depth)
        if q.mag * k.mag * d > 40:
            return None
        mask_sg, mask_pt = "", "None"
        pick = self.r.random()
        if pick < 0.35 and s == t:
            mask_sg = f", mask=masked_fill(zeros({t}, {t}), causal_mask({t}), -inf)"
            mask_pt = f"torch.zeros({t}, {t}, dtype=F64).masked_fill(torch.triu(torch.ones({t}, {t}), 1) != 0, -math.inf)"
        elif pick < 0.7:
            lengths = [self.r.randint(1, s) for _ in range(t)]
            mask_sg = f", mask=masked_fill(zeros({t}, {s}), padding_mask({nested((t,), lengths)}, {s}), -inf)"
            mask_pt = (f"torch.zeros({t}, {s}, dtype=F64).masked_fill("
                       f"torch.arange({s}, dtype=F64) >= T({nested((t,), lengths)}).unsqueeze(-1), -math.inf)")
        return E(f"attention({q.sg}, {k.sg}, {v.sg}{mask_sg})", f"sg_attention({q.pt}, {k.pt}, {v.pt}, {mask_pt})", shape, v.mag)

    def detach(self, shape, depth):
        x = self.gen(shape, depth)
        return E(f"detach({x.sg})", f"({x.pt}).detach()", shape, x.mag)

    def shape_use(self, shape, depth):
        """`.shape` and shape(x): sizes as numbers, scaling a value."""
        x = self.gen(shape, depth)
        y = self.gen(self.shape(self.r.randint(1, 3)), max(depth - 1, 0))
        i = self.r.randrange(len(y.shape))
        if self.r.random() < 0.5:
            return E(f"({x.sg}) / ({y.sg}).shape[{i}]", f"({x.pt}) / {y.shape[i]}", shape, x.mag)
        return E(f"({x.sg}) / shape({y.sg})[{i - len(y.shape)}]", f"({x.pt}) / {y.shape[i]}", shape, x.mag)

    def precedence(self, shape, depth):
        """Operators without brackets: `a - b * c / d`, `-a ^ 2` (= -(a²)), `a ^ 1 ^ 2` (right)."""
        a, b, c = self.atom(shape), self.atom(shape), self.atom(shape)
        form = self.r.randrange(3)
        if form == 0:
            return E(f"{a.sg} - {b.sg} * {c.sg} / 2 + 1", f"({a.pt}) - (({b.pt}) * ({c.pt}) / 2) + 1", shape, a.mag + b.mag * c.mag + 1)
        if form == 1 and not a.sg.startswith("-"):
            return E(f"-{a.sg} ^ 2", f"-(({a.pt}) ** 2)", shape, a.mag ** 2)
        return E(f"{a.sg} ^ 1 ^ 2 - {b.sg} - {c.sg}", f"(({a.pt}) ** 1) - ({b.pt}) - ({c.pt})", shape, a.mag + b.mag + c.mag)

    # --- losses -------------------------------------------------------------------------------

    def loss(self, depth):
        """A one-number value through every name computed so far, or a named loss built-in."""
        pick = self.r.random()
        if pick < 0.2:
            shape = self.shape(self.r.randint(1, 2))
            pred, target = self.gen(shape, depth), self.literal(shape)
            return E(f"mse({pred.sg}, {target.sg})", f"F.mse_loss({pred.pt}, {target.pt})", (), 1)
        if pick < 0.45:
            return self.cross_entropy(depth)
        terms_sg, terms_pt = [], []
        names = list(self.variables)
        for name in self.r.sample(names, min(len(names), 4)):
            shape = self.variables[name]
            w = self.literal(shape, -1, 1)
            reducer = self.r.choice(["sum", "mean"])
            terms_sg.append(f"{reducer}({name} * {w.sg})")
            terms_pt.append(f"(({name}) * {w.pt}).{reducer}()")
        if not terms_sg:
            x = self.gen(self.shape(1), depth)
            return E(f"sum({x.sg})", f"({x.pt}).sum()", (), 1)
        return E(" + ".join(terms_sg), " + ".join(terms_pt), (), 1)

    def cross_entropy(self, depth):
        shape = self.r.choice([(self.r.randint(2, 4),), self.shape(2, 2, 4), self.shape(3, 1, 3)])
        axis = self.r.randrange(len(shape))
        written = axis if self.r.random() < 0.5 else axis - len(shape)
        logits = self.gen(shape, depth)
        row_shape = shape[:axis] + shape[axis + 1:]
        classes = shape[axis]
        keyword = "" if written == -1 and self.r.random() < 0.5 else f", axis={written}"
        if self.r.random() < 0.6:
            picks = [self.r.randrange(classes) for _ in range(count(row_shape))]
            target = nested(row_shape, picks)
            if self.r.random() < 0.5:
                # mask some other classes with -inf (never the target's)
                vals = [1 if self.r.random() < 0.4 else 0 for _ in range(count(shape))]
                strides = [count(shape[i + 1:]) for i in range(len(shape))]
                row = 0
                for flat in range(count(shape)):
                    index = [(flat // strides[i]) % shape[i] for i in range(len(shape))]
                    rest = index[:axis] + index[axis + 1:]
                    row = 0
                    for i, r_size in zip(rest, row_shape):
                        row = row * r_size + i
                    if index[axis] == picks[row]:
                        vals[flat] = 0
                mask = nested(shape, vals)
                logits = E(f"masked_fill({logits.sg}, {mask}, -inf)", f"({logits.pt}).masked_fill(T({mask}) != 0, -math.inf)", shape, logits.mag)
            t_pt = f"T({target}).long()"
        else:
            probs = self.literal(shape, 0.05, 1)
            target, t_pt = f"softmax({probs.sg}, axis={written})", f"torch.softmax({probs.pt}, {written})"
        return E(f"cross_entropy({logits.sg}, {target}{keyword})", f"sg_cross_entropy({logits.pt}, {t_pt}, {written})", (), 1)

    # --- programs -----------------------------------------------------------------------------

    def program(self):
        for _ in range(self.r.randint(1, 3)):
            self.leaf()
        if self.r.random() < 0.3:
            self.in_place_updates()
        if self.r.random() < 0.35:
            self.training_loop()
        else:
            for _ in range(self.r.randint(1, 4)):
                self.bind(self.fresh("v"), self.gen(self.shape(), self.r.randint(1, 3)))
        name = self.fresh("L")
        self.bind(name, self.loss(2))
        self.emit(f"backward {name}", f"backward({name})")

    def in_place_updates(self):
        for _ in range(self.r.randint(1, 2)):
            candidates = [n for n in self.leaves if self.variables[n]]
            if not candidates:
                return
            name = self.r.choice(candidates)
            shape = self.variables[name]
            op = self.r.choice(["=", "+=", "-=", "*=", "/="])
            if self.r.random() < 0.5:
                # an index: positions, negative positions, slices with steps
                items, region = [], []
                for size in shape[: self.r.randint(1, len(shape))]:
                    k = self.r.random()
                    if k < 0.3:
                        items.append(str(self.r.randrange(-size, size)))
                    elif k < 0.6:
                        step = self.r.choice([2, -1, -2])
                        items.append(f"::{step}")
                        region.append(len(range(size)[::step]))
                    else:
                        items.append(":")
                        region.append(size)
                region += list(shape[len(items):])
                target_sg, target_pt = f"{name}[{', '.join(items)}]", f"{json.dumps(items)}"
            else:
                region, target_sg, target_pt = list(shape), name, "[]"
                op = op if op != "=" else "+="  # `name = ...` binds anew; it is no update
            change = self.literal(self.broadcast_source(tuple(region)), 0.5, 2) if op == "/=" else self.literal(self.broadcast_source(tuple(region)))
            self.emit(f"{target_sg} {op} {change.sg}", f"update({name}, {target_pt}, {json.dumps(op)}, {change.pt})")

    def training_loop(self):
        params = list(self.leaves)
        steps = self.r.randint(1, 3)
        lr = self.r.choice(["0.1", "0.05", "0.5"])
        loop = self.fresh("i")
        inclusive = self.r.random() < 0.5
        # the losses, one entry per step, written in place as the lessons keep them
        history = self.leaf((steps,)) if self.r.random() < 0.5 else None
        header = f"for {loop} in 1...{steps} {{" if inclusive else f"for {loop} in 0..<{steps} {{"
        self.emit(header, f"for {loop} in range({1 if inclusive else 0}, {steps + 1 if inclusive else steps}):")
        self.indent = "  "
        hidden = self.fresh("h")
        e = self.gen(self.shape(), 2)
        self.emit(f"{hidden} = {e.sg}", f"{hidden} = bind({e.pt})")
        self.variables[hidden] = e.shape
        loss = self.fresh("L")
        l = self.loss(1)
        self.emit(f"{loss} = {l.sg}", f"{loss} = bind({l.pt})")
        self.emit(f"backward {loss}", f"backward({loss})")
        if history:
            step = f"{loop} - 1" if inclusive else loop
            self.emit(f"{history}[{step}] = {loss}", f"update({history}, [str({step})], '=', {loss})")
        for p in params:
            form = self.r.randrange(3)
            if form == 0:
                self.emit(f"{p} -= {lr} * grad({p})", f"update({p}, [], '-=', {lr} * grad({p}))")
            elif form == 1:
                self.emit(f"{p} -= {lr} * {p}.grad", f"update({p}, [], '-=', {lr} * grad({p}))")
            else:
                self.emit(f"{p} += grad({p}) * -{lr}", f"update({p}, [], '+=', grad({p}) * -{lr})")
        self.indent = ""
        self.lines.append("}")
        self.note(hidden)
        self.note(loss)
        # The loop's values were computed before the last update: later statements read leaves only.
        for name in (hidden, loss, loop):
            self.variables.pop(name, None)
        for name in list(self.variables):
            if name not in self.leaves:
                self.variables.pop(name)

    def record(self):
        return {"stepgrad": "\n".join(self.lines) + "\n", "torch": "\n".join(self.torch) + "\n",
                "values": list(self.results), "leaves": list(self.leaves)}


# ---------------------------------------------------------------------------------------------
# The PyTorch side: helpers the translated programs call, and running one.

PRELUDE = r'''
import math
import torch
import torch.nn.functional as F
F64 = torch.float64

class Excluded(Exception):
    """The program reached a place where stepgrad deliberately differs from PyTorch."""

def T(data):
    return torch.tensor(data, dtype=F64)

def leaf(t):
    return t.detach().clone().requires_grad_(True)

def bind(t):
    # stepgrad: a value computed from constants only is a constant leaf, and binding it makes it
    # a variable with a gradient of its own. Every op's value is new entries in stepgrad, never a
    # view: a view (x.T, reshape) would change with a later in-place update of what it views.
    if not t.requires_grad:
        return leaf(t)
    return t.clone() if t._base is not None else t

def sg_max(x, dim=None):
    m = x.max() if dim is None else x.max(dim).values
    ties = (x == m).sum() if dim is None else (x == m.unsqueeze(dim)).sum(dim)
    if bool((ties > 1).any()) or bool(torch.isnan(x).any()):
        raise Excluded("max with tied entries")  # stepgrad: first maximum; PyTorch: even split
    return m

def sg_softmax(x, dim):
    if bool((x == -math.inf).all(dim).any()):
        raise Excluded("softmax row all -inf")
    return torch.softmax(x, dim)

def sg_log_softmax(x, dim):
    if bool((x == -math.inf).all(dim).any()):
        raise Excluded("log_softmax row all -inf")
    return torch.log_softmax(x, dim)

def sg_attention(q, k, v, mask):
    kt = k.transpose(-1, -2) if k.dim() >= 2 else k
    scores = (q @ kt) / math.sqrt(k.shape[-1])
    if mask is not None:
        scores = scores + mask
    return sg_softmax(scores, -1) @ v

def sg_cross_entropy(logits, target, dim):
    if bool((logits == -math.inf).all(dim).any()):
        raise Excluded("cross_entropy over a row all -inf")  # its log_softmax row, as above
    # PyTorch's class axis is 1 (or 0 for one row): move stepgrad's class axis there.
    if logits.dim() == 1:
        return F.cross_entropy(logits, target)
    moved = logits.movedim(dim, 1)
    if target.dtype == torch.long:
        return F.cross_entropy(moved, target)
    return F.cross_entropy(moved, target.movedim(dim, 1))

def positions(shape, items):
    """Flat positions x[items] picks, by Python's own slice rules (negative steps included)."""
    flat = torch.arange(math.prod(shape)).reshape(shape)
    axis = 0
    for item in items:
        if item == ":":
            axis += 1
        elif ":" in item:
            parts = [int(p) if p else None for p in item.split(":")]
            picked = list(range(flat.shape[axis]))[slice(*parts)]
            flat = flat.index_select(axis, torch.tensor(picked, dtype=torch.long))
            axis += 1
        else:
            flat = flat.select(axis, int(item))
    return flat

def sg_index(x, items):
    picked = positions(tuple(x.shape), items)
    return x.reshape(-1)[picked.reshape(-1)].reshape(picked.shape)

def update(x, items, op, change):
    picked = positions(tuple(x.shape), items)
    change = torch.as_tensor(change, dtype=F64).detach()
    change = change.broadcast_to(picked.shape).reshape(-1)
    where = picked.reshape(-1)
    with torch.no_grad():
        flat = x.view(-1)
        old = flat[where]
        new = {"=": change, "+=": old + change, "-=": old - change, "*=": old * change, "/=": old / change}[op]
        flat[where] = new

def grad(x):
    return x.grad.detach().clone() if x.grad is not None else torch.zeros_like(x).detach()

def backward(root):
    for value in list(globals().values()):
        if isinstance(value, torch.Tensor) and value.is_leaf and value.requires_grad:
            value.grad = None  # stepgrad's backward starts every gradient afresh
    root.backward()
'''


def encode(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def run_torch(record):
    """Runs the PyTorch side; returns the expected values and gradients, or raises Excluded."""
    scope = {}
    exec(PRELUDE, scope)
    exec(record["torch"], scope)
    torch = scope["torch"]

    def tensor(t):
        t = t.detach()
        return {"shape": list(t.shape), "data": [encode(float(v)) for v in t.reshape(-1).tolist()]}

    values = {name: tensor(scope[name]) for name in record["values"]}
    grads = {}
    for name in record["leaves"]:
        t = scope[name]
        grads[name] = tensor(t.grad if t.grad is not None else torch.zeros_like(t))
    return values, grads


def generate(n, out, seed):
    if importlib.util.find_spec("torch") is None:
        sys.exit("difftest: this Python has no torch (bash .ci/difftest makes a venv with it)")
    rng = random.Random(seed)
    written = excluded = broken = 0
    with open(out, "w") as f:
        attempt = 0
        while written < n:
            attempt += 1
            program_seed = rng.randrange(2 ** 62)
            g = Generator(random.Random(program_seed))
            g.program()
            record = g.record()
            try:
                values, grads = run_torch(record)
            except Exception as error:  # noqa: BLE001 — classified below
                if type(error).__name__ == "Excluded":
                    excluded += 1
                else:
                    broken += 1
                    print(f"generator bug (seed {program_seed}): {type(error).__name__}: {error}", file=sys.stderr)
                continue
            record.update(id=f"{seed}-{written}", seed=program_seed, expectedValues=values, expectedGradients=grads)
            f.write(json.dumps(record) + "\n")
            written += 1
    print(f"generated {written} programs ({excluded} replaced: they reached a documented difference; "
          f"{broken} generator errors)", file=sys.stderr)
    return broken == 0


def compare(programs, report, failures_dir):
    """Prints stepgrad's verdict and saves each disagreeing program, both languages, to `failures_dir`."""
    import os
    with open(report) as f:
        result = json.load(f)
    failures = result["failures"]
    print(f"{result['checked']} programs, {len(failures)} disagree with PyTorch (values and leaf gradients, 1e-9 relative)")
    if failures:
        os.makedirs(failures_dir, exist_ok=True)
        records = {}
        with open(programs) as f:
            for line in f:
                record = json.loads(line)
                records[record["id"]] = record
        for failure in failures:
            record = records[failure["id"]]
            base = os.path.join(failures_dir, failure["id"])
            with open(base + ".stepgrad", "w") as f:
                f.write(record["stepgrad"])
            with open(base + ".py", "w") as f:
                f.write(PRELUDE + "\n" + record["torch"])
            print(f"--- {failure['id']}: {failure['message']}  ({base}.stepgrad)")
    return not failures and result["checked"] > 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "generate" and len(sys.argv) >= 4:
        seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
        sys.exit(0 if generate(int(sys.argv[2]), sys.argv[3], seed) else 1)
    if command == "compare" and len(sys.argv) == 5:
        sys.exit(0 if compare(sys.argv[2], sys.argv[3], sys.argv[4]) else 1)
    print(__doc__, file=sys.stderr)
    sys.exit(2)
