#!/usr/bin/env python3
"""Independent expected values for the lessons in lessons/.

Run once by hand (python3 Tests/Fixtures/generate_lessons.py [NN]); the numbers it prints were
pasted into the `expect` lines of the lessons, each of which names this script as its source.
It uses NumPy and PyTorch only -- never stepgrad -- so the lessons check stepgrad against an
outside implementation. CI does not run it.
"""
import sys

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
np.set_printoptions(precision=10, suppress=False, linewidth=120)


def show(name, value):
    value = value.detach().numpy() if isinstance(value, torch.Tensor) else np.asarray(value)
    print(f"{name} = {np.array2string(value, separator=', ', precision=10)}")


def lesson01():
    """Perceptron on AND/XOR: the batch rule and Rosenblatt's online rule, eta = 0.5, plain NumPy."""
    X = np.array([[0., 0], [0, 1], [1, 0], [1, 1]])
    for name, t in (("AND", np.array([0., 0, 0, 1])), ("XOR", np.array([0., 1, 1, 0]))):
        w = np.zeros(2); b = 0.0
        for epoch in range(10):
            y = (X @ w + b > 0).astype(float)
            e = t - y
            w = w + 0.5 * X.T @ e
            b = b + 0.5 * e.sum()
        y = (X @ w + b > 0).astype(float)
        show(f"perceptron {name} w", w); show(f"perceptron {name} b", b); show(f"perceptron {name} y", y)
    # Rosenblatt's online rule: one example at a time, in order, moving after each mistake.
    for name, t, epochs in (("AND", np.array([0., 0, 0, 1]), 6), ("XOR", np.array([0., 1, 1, 0]), 10)):
        w = np.zeros(2); b = 0.0; mistakes = []
        for epoch in range(epochs):
            wrong = 0
            for x, target in zip(X, t):
                e = target - float(x @ w + b > 0)
                w = w + 0.5 * e * x; b = b + 0.5 * e
                wrong += abs(e)
            mistakes.append(wrong)
        show(f"online {name} mistakes per epoch", mistakes); show(f"online {name} w", w); show(f"online {name} b", b)


def lesson02():
    """3-4-2 MLP of 002: forward, softmax, both losses, backward, one SGD step (lr = 0.1)."""
    W1 = torch.tensor([[.2, .4, .6], [.5, .1, .3], [.8, .7, .9], [.3, .5, .7]], requires_grad=True)
    b1 = torch.tensor([.1, .2, .3, .4], requires_grad=True)
    a0 = torch.tensor([1, .5, .3])
    W2 = torch.tensor([[.3, .5, .7, .9], [.2, .4, .6, .8]], requires_grad=True)
    b2 = torch.tensor([.1, .2], requires_grad=True)
    y = torch.tensor([1., 0.])

    def forward():
        z1 = W1 @ a0 + b1
        a1 = torch.relu(z1)
        z2 = W2 @ a1 + b2
        return z1, a1, z2

    z1, a1, z2 = forward()
    a2 = torch.softmax(z2, 0)
    show("z1", z1); show("z2", z2); show("a2", a2)
    show("softmax(document z2)", torch.softmax(torch.tensor([3.342, 2.512]), 0))
    show("W2 @ document a1 + b2", W2 @ torch.tensor([.95, .8, 1.57, 1.06]) + b2)

    # MSE (mean over the two outputs): dL/da2 = a2 - y, dL/dz2 through the softmax Jacobian.
    z2.retain_grad(); a2.retain_grad()
    mse = ((a2 - y) ** 2).mean()
    mse.backward(retain_graph=True)
    show("mse", mse); show("mse dL/da2", a2.grad); show("mse dL/dz2", z2.grad)
    show("doc formula (a2-y)*a2*(1-a2)", (a2 - y) * a2 * (1 - a2))
    for t in (W1, b1, W2, b2, z2):
        t.grad = None

    # Softmax + cross-entropy.
    z1, a1, z2 = forward()
    z1.retain_grad(); z2.retain_grad()
    ce = -(y * torch.log_softmax(z2, 0)).sum()
    ce.backward()
    show("ce", ce); show("ce dL/dz2", z2.grad); show("ce dL/dz1", z1.grad)
    show("ce dL/dW2", W2.grad); show("ce dL/dW1", W1.grad)
    lr = 0.1
    with torch.no_grad():
        for p in (W1, b1, W2, b2):
            p -= lr * p.grad
    show("W2 after", W2); show("b2 after", b2); show("W1 after", W1); show("b1 after", b1)
    z1, a1, z2 = forward()
    show("z2 after", z2); show("a2 after", torch.softmax(z2, 0))
    show("ce after", -(y * torch.log_softmax(z2, 0)).sum())


def lesson03():
    """XOR MLP 2-3-1 (tanh, sigmoid, mean BCE), lr = 1, plain NumPy."""
    X = np.array([[0., 0], [0, 1], [1, 0], [1, 1]])
    t = np.array([0., 1, 1, 0])
    W1 = np.array([[0.3, -0.5, -0.9], [-1.0, 0.6, 0.8]]); b1 = np.array([0.2, 0.5, 0.1])
    W2 = np.array([0.9, 0.6, -1.0]); b2 = 0.0
    for step in range(201):
        h = np.tanh(X @ W1 + b1)
        p = 1 / (1 + np.exp(-(h @ W2 + b2)))
        L = -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))
        if step % 50 == 0:
            show(f"loss before step {step + 1}", L)
        if step == 200:
            show("p after 200 steps", p)
            break
        dz2 = (p - t) / 4
        dh = np.outer(dz2, W2) * (1 - h ** 2)
        W2 = W2 - h.T @ dz2; b2 = b2 - dz2.sum()
        W1 = W1 - X.T @ dh; b1 = b1 - dh.sum(0)


def lesson04():
    """RNN of 002, tanh hidden (2 units), sigmoid output, 3 steps, L = 1/2 sum (y_t - target_t)^2."""
    Wxh = torch.tensor([0.3, 0.8], requires_grad=True)
    Whh = torch.tensor([[0.6, -0.5], [-0.4, 0.7]], requires_grad=True)
    bh = torch.tensor([0.1, -0.2], requires_grad=True)
    Why = torch.tensor([0.6, -0.1], requires_grad=True)
    by = torch.tensor(0.1, requires_grad=True)
    xs = [1.0, -0.5, 0.8]; targets = [0.5, 0.2, 0.9]
    h = torch.zeros(2); L = 0
    for t in range(3):
        h = torch.tanh(Wxh * xs[t] + Whh @ h + bh)
        y = torch.sigmoid((Why * h).sum() + by)
        show(f"h{t + 1}", h); show(f"y{t + 1}", y)
        L = L + 0.5 * (y - targets[t]) ** 2
    show("L", L)
    L.backward()
    for n, p in (("Wxh", Wxh), ("Whh", Whh), ("bh", bh), ("Why", Why), ("by", by)):
        show("grad " + n, p.grad)
    for steps in (5, 20):
        h0 = torch.zeros(2, requires_grad=True)
        h = h0
        for _ in range(steps):
            h = torch.tanh(Wxh * 1.0 + Whh @ h + bh)
        h.sum().backward()
        show(f"grad h0 after {steps} steps", h0.grad)
    for steps in (5, 20):
        h0 = torch.zeros(2, requires_grad=True)
        h = h0
        for _ in range(steps):
            h = torch.tanh(Wxh * 1.0 + 3 * Whh @ h + bh)
        h.sum().backward()
        show(f"3*Whh: grad h0 after {steps} steps", h0.grad)


def lesson05():
    """Self-attention, 2-head attention (torch.nn.MultiheadAttention), residual + LayerNorm."""
    X = torch.tensor([[0.6, 0.6, 0.0, -0.4], [-0.9, -0.2, -0.2, -0.9], [-0.9, 1.0, 0.3, -0.5]])
    Wq = torch.tensor([[-0.1, 0.9, 0.8, 0.7], [-0.2, 0.0, 0.4, -0.9], [0.1, -0.5, 0.8, -0.9], [0.4, 0.7, -0.5, 0.8]], requires_grad=True)
    Wk = torch.tensor([[0.7, -1.0, 0.4, -1.0], [0.0, -0.1, -0.6, -0.4], [0.6, -0.4, -0.7, 0.4], [-0.1, 0.6, -0.5, -0.4]], requires_grad=True)
    Wv = torch.tensor([[0.6, 0.0, 0.0, -0.5], [-1.0, 0.9, -0.8, 0.7], [-0.3, 0.9, -0.2, 0.9], [0.1, -0.5, 0.5, 0.3]], requires_grad=True)
    Wo = torch.tensor([[0.4, -0.1, -0.6, 0.3], [-0.8, 0.4, 0.3, -0.2], [0.6, -0.6, -0.2, 0.6], [-0.2, 0.4, 0.2, 0.9]], requires_grad=True)
    C = torch.tensor([[1.0, 0.4, 0.6, -0.7], [0.4, 0.7, -0.2, 0.1], [0.0, 0.9, -0.4, -0.2]])
    Q, K, V = X @ Wq, X @ Wk, X @ Wv
    A = torch.softmax(Q @ K.T / 2.0, -1)
    show("single-head weights", A); show("single-head output", A @ V)
    # Independent reference: PyTorch's own module computes x @ W.T, so give it the transposes.
    mha = torch.nn.MultiheadAttention(4, 2, bias=False, batch_first=True)
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.cat([Wq.T, Wk.T, Wv.T]))
        mha.out_proj.weight.copy_(Wo.T)
    out, weights = mha(X[None], X[None], X[None], average_attn_weights=False)
    show("MultiheadAttention output", out[0]); show("head weights", weights[0])
    # The same by hand, for the gradients.
    heads = [torch.softmax(Q[:, h:h + 2] @ K[:, h:h + 2].T / np.sqrt(2), -1) @ V[:, h:h + 2] for h in (0, 2)]
    M = torch.cat(heads, 1) @ Wo
    assert torch.allclose(M, out[0])
    Y = torch.nn.functional.layer_norm(X + M, (4,), eps=1e-5)
    show("layer_norm(X + MHA)", Y)
    doc_ln = (X + M - (X + M).mean(-1, keepdim=True)) / (X + M).var(-1, unbiased=False, keepdim=True).sqrt()
    show("document LayerNorm (no eps) - standard", doc_ln - Y)
    L = (Y * C).sum()
    L.backward()
    show("L", L); show("grad Wq", Wq.grad); show("grad Wo", Wo.grad)
    # Layer norm's backward divides by the row's sigma: token 0 at scales 1, 10 and 0.1 (eps = 0).
    for scale in (1, 10, 0.1):
        x = (X[0:1] * scale).detach().requires_grad_()
        (torch.nn.functional.layer_norm(x, (4,), eps=0.0) * C[0:1]).sum().backward()
        show(f"layer norm input gradient, token 0 times {scale}", x.grad)


def lesson06():
    """Masks of 002 on the document's two-sequence batch; sequence 2 embedded as X2, pad = 0."""
    X2 = torch.tensor([[1., 0.], [0., 1.], [1., 1.], [0., 0.]])
    S = X2 @ X2.T / np.sqrt(2)
    show("S", S)
    doc_pad = torch.tensor([[0., 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]])
    show("softmax(S + document padding mask)", torch.softmax(S + doc_pad, -1))
    key_pad = torch.tensor([False, False, False, True]).expand(4, 4)
    A = torch.softmax(S.masked_fill(key_pad, float("-inf")), -1)
    show("A key padding", A)
    show("A key padding @ X2", A @ X2)
    causal = torch.triu(torch.ones(4, 4, dtype=torch.bool), 1)
    Ac = torch.softmax(S.masked_fill(causal | key_pad, float("-inf")), -1)
    show("A causal + key padding", Ac)
    show("A causal + key padding @ X2", Ac @ X2)
    # 003's masked_fill(mask == 0, -1e9) fed 002's mask (1 = pad): everything but the pad is hidden.
    wrong = torch.softmax(S.masked_fill(~key_pad, -1e9), -1)
    show("003 code given 002 mask", wrong)


def lesson07():
    """Positional encoding: 003's formula vs Vaswani et al., 8 positions, d_model = 8."""
    pos = np.arange(8)[:, None]
    i = np.arange(4)[None, :]
    def interleave(angle):
        return np.stack([np.sin(angle), np.cos(angle)], axis=2).reshape(8, 8)
    doc = interleave(pos / 10000.0 ** i)
    std = interleave(pos / 10000.0 ** (2 * i / 8))
    show("document PE[1]", doc[1]); show("standard PE[1]", std[1])
    show("document PE[7]", doc[7]); show("standard PE[7]", std[7])
    show("document: max over pos of |PE[pos, 2:] - PE[0, 2:]|", np.abs(doc[:, 2:] - doc[0, 2:]).max())
    show("standard: same", np.abs(std[:, 2:] - std[0, 2:]).max())
    # Dot products depend only on the offset: PE[p]·PE[q] = sum_i cos(w_i (p - q)).
    show("standard PE[2]·PE[5]", std[2] @ std[5]); show("standard PE[0]·PE[3]", std[0] @ std[3])


def lesson08():
    """LLMOS segment attention of 000: n = 4, d = 2, N = 2 segments of 2 keys, w = (0.7, 0.3)."""
    Q = torch.tensor([[1., 0], [0, 1], [1, 1], [0.5, -1]], requires_grad=True)
    K = torch.tensor([[1., 1], [0, 1], [1, 0], [-1, 0.5]], requires_grad=True)
    V = torch.tensor([[1., 2], [0, 1], [-1, 0], [2, -1]], requires_grad=True)
    w = torch.tensor([0.7, 0.3], requires_grad=True)
    C = torch.tensor([[1., 0], [0, 1], [1, -1], [0.5, 0.5]])
    def attn(q, k, v):
        return torch.softmax(q @ k.T / np.sqrt(q.shape[-1]), -1) @ v
    full = attn(Q, K, V)
    O1 = attn(Q, K[0:2], V[0:2]); O2 = attn(Q, K[2:4], V[2:4])
    show("full attention", full); show("O1", O1); show("O2", O2)
    O = w[0] * O1 + w[1] * O2
    show("O", O)
    L = (O * C).sum()
    show("L", L)
    L.backward()
    show("grad w", w.grad); show("grad Q", Q.grad); show("grad K", K.grad); show("grad V", V.grad)
    blocks = w[0] * attn(Q[0:2], K[0:2], V[0:2]) + w[1] * attn(Q[2:4], K[2:4], V[2:4])
    show("section 3.1 block version", blocks)


def lstm_cell(w_ih, w_hh, bias):
    """torch.nn.LSTMCell with one input and one hidden unit; gate order i, f, g, o as PyTorch's."""
    cell = torch.nn.LSTMCell(1, 1)
    with torch.no_grad():
        cell.weight_ih.copy_(torch.tensor(w_ih).reshape(4, 1)); cell.weight_hh.copy_(torch.tensor(w_hh).reshape(4, 1))
        cell.bias_ih.copy_(torch.tensor(bias)); cell.bias_hh.zero_()
    return cell


def lesson11():
    """LSTM of 002 (one unit), torch.nn.LSTMCell: one step, three steps + loss, the cell-state path."""
    W, U, b = [1., 1, 1, 1], [0.5, -0.5, 0.8, 0.3], [-1., 1, -0.5, 0]
    cell = lstm_cell(W, U, b)
    h = torch.zeros(1, 1); c = torch.zeros(1, 1); L = 0
    for x, target in zip([1.0, -0.5, 0.8], [0.5, 0.2, 0.9]):
        h, c = cell(torch.tensor([[x]]), (h, c))
        show(f"h after x = {x}", h); show(f"c after x = {x}", c)
        L = L + 0.5 * (h - target) ** 2
    L = L.sum()
    L.backward()
    show("L", L); show("grad W (i, f, g, o)", cell.weight_ih.grad.flatten()); show("grad U", cell.weight_hh.grad.flatten())
    show("grad b", cell.bias_ih.grad)
    # The gradient of c_T with respect to (h_0, c_0), input 1 at every step, with the recurrence.
    for steps in (5, 20):
        h0 = torch.zeros(1, 1, requires_grad=True); c0 = torch.zeros(1, 1, requires_grad=True)
        h, c = h0, c0
        for _ in range(steps):
            h, c = cell(torch.tensor([[1.0]]), (h, c))
        c.sum().backward()
        show(f"{steps} steps: grad h0, grad c0 of c_T", torch.cat([h0.grad.flatten(), c0.grad.flatten()]))
    # Zero input and bias, U_g = 10: the state stays 0 and the gradient grows by 0.25*10 + 0.5 = 3 a step.
    cell = lstm_cell([0., 0, 0, 0], [0., 0, 10, 0], [0., 0, 0, 0])
    h0 = torch.zeros(1, 1, requires_grad=True); c0 = torch.zeros(1, 1, requires_grad=True)
    h, c = h0, c0
    for _ in range(20):
        h, c = cell(torch.zeros(1, 1), (h, c))
    c.sum().backward()
    show("U_g = 10, 20 steps: grad h0, grad c0 of c_T", torch.cat([h0.grad.flatten(), c0.grad.flatten()]))


def lesson12():
    """Residual vs plain stacks of 002's ResNet section: tanh layers, W_l = 0.5 sin(1 + 0.37 k + l)."""
    for w in (0.5, -0.5):
        for residual in (False, True):
            h0 = torch.zeros(1, requires_grad=True)
            h = h0
            for _ in range(20):
                h = h + torch.tanh(w * h) if residual else torch.tanh(w * h)
            h.sum().backward()
            show(f"scalar w = {w}, {'residual' if residual else 'plain'}, 20 layers: grad h0", h0.grad)
    for layers in (5, 20):
        for residual in (False, True):
            x = torch.tensor([0.5, -0.3, 0.8, 0.1], requires_grad=True)
            h = x
            for l in range(layers):
                W = 0.5 * torch.sin(1 + 0.37 * torch.arange(16.).reshape(4, 4) + l)
                h = h + torch.tanh(h @ W) if residual else torch.tanh(h @ W)
            h.sum().backward()
            kind = "residual" if residual else "plain"
            show(f"{kind}, {layers} layers: output", h); show(f"{kind}, {layers} layers: grad x", x.grad)


def lesson13():
    """Transformer-XL of 001: the document's formulas taken literally, and the segment recurrence
    of Dai et al. (2019) -- one layer, identity projections, L = 3, d = 3."""
    def attn(q, k, v, mask=None):
        scores = q @ k.T / np.sqrt(q.shape[-1])
        return torch.softmax(scores if mask is None else scores + mask, -1) @ v
    def ln(x):
        return torch.nn.functional.layer_norm(x, (x.shape[-1],), eps=1e-5)
    h0 = torch.tensor([[1., 0, 0], [0, 1, 0], [0, 0, 1]])
    h1 = torch.tensor([[0.5, -0.5, 1], [1, 1, 0], [-1, 0.5, 0.5]], requires_grad=True)
    h2 = torch.tensor([[0., 1, -1], [0.5, 0.5, 0.5], [1, -1, 0]], requires_grad=True)
    m1 = h0
    out1 = attn(ln(h1 + m1), m1, m1)
    m2 = m1 + torch.tanh(h1 + m1)
    out2 = attn(ln(h2 + m2), m2, m2)
    show("literal out1", out1); show("literal m2", m2); show("literal out2", out2)
    C = torch.tensor([[1., 0, -1], [0.5, 0.5, 0], [0, 1, 1]])
    (out2 * C).sum().backward()
    show("literal: grad h2", h2.grad)
    inf = float("inf")
    mask = torch.tensor([[0., 0, 0, 0, -inf, -inf], [0, 0, 0, 0, 0, -inf], [0, 0, 0, 0, 0, 0]])
    for stop in (True, False):
        h1.grad = None; h2.grad = None
        memory = h1.detach() if stop else h1
        kv = torch.cat([memory, h2])
        out = attn(h2, kv, kv, mask)
        (out * C).sum().backward()
        kind = "with stop-gradient" if stop else "without stop-gradient"
        show(f"XL {kind}: out", out); show(f"XL {kind}: grad h1", h1.grad); show(f"XL {kind}: grad h2", h2.grad)


# Section 4 of 003, verbatim: the code lesson 14 walks through, run by exec() below.
DOCUMENT_003_CODE = """
class NewAttention(nn.Module):
    def __init__(self, d_model, nhead, dim_feedforward, dropout, max_seq_len):
        super(NewAttention, self).__init__()
        self.d_model = d_model
        self.nhead = nhead
        self.dim_feedforward = dim_feedforward
        self.dropout = dropout
        self.embed_dim = d_model
        self.head_dim = d_model // nhead
        self.pos_dim = max_seq_len
        self.scale = torch.sqrt(torch.tensor(self.head_dim))
        self.q_proj_weight = nn.Parameter(torch.randn(d_model, self.nhead * self.head_dim))
        self.k_proj_weight = nn.Parameter(torch.randn(self.pos_dim + d_model, self.nhead * self.head_dim))
        self.v_proj_weight = nn.Parameter(torch.randn(d_model, self.nhead * self.head_dim))
        self.out_proj_weight = nn.Parameter(torch.randn(self.nhead * self.head_dim, d_model))

    def forward(self, x, mask=None):
        seq_len = x.size(1)
        pos = torch.arange(seq_len).unsqueeze(0).to(x.device).repeat(x.size(0), 1)
        pos = pos.float().unsqueeze(2)
        x = x + pos
        q = x @ self.q_proj_weight.transpose(-2, -1)
        k = x @ self.k_proj_weight.transpose(-2, -1)
        v = x @ self.v_proj_weight.transpose(-2, -1)
        attn_scores = (q @ k.transpose(-2, -1)) / self.scale
        if mask is not None:
            attn_scores = attn_scores.masked_fill(mask == 0, -1e9)
        attn_scores = nn.functional.softmax(attn_scores, dim=-1)
        output = attn_scores @ v
        output = nn.functional.dropout(output, self.dropout_p, training=self.training)
        output = output @ self.out_proj_weight
        return output
"""


def lesson14():
    """003's NewAttention run as printed (it fails), then with its two fatal lines patched."""
    def build(source):
        scope = {"torch": torch, "nn": torch.nn}
        exec(source, scope)
        return scope["NewAttention"](4, 2, 8, 0.1, 6)
    X = torch.tensor([[[0.6, 0.6, 0.0, -0.4], [-0.9, -0.2, -0.2, -0.9], [-0.9, 1.0, 0.3, -0.5]]])
    try:
        build(DOCUMENT_003_CODE).eval()(X)
    except Exception as error:
        print(f"as printed: {type(error).__name__}: {error}")
    patched = DOCUMENT_003_CODE.replace("self.pos_dim + d_model", "d_model")
    try:
        build(patched).eval()(X)
    except Exception as error:
        print(f"k fixed: {type(error).__name__}: {error}")
    model = build(patched.replace("self.dropout_p", "self.dropout")).eval()
    P = {"q": [[-0.1, 0.9, 0.8, 0.7], [-0.2, 0.0, 0.4, -0.9], [0.1, -0.5, 0.8, -0.9], [0.4, 0.7, -0.5, 0.8]],
         "k": [[0.7, -1.0, 0.4, -1.0], [0.0, -0.1, -0.6, -0.4], [0.6, -0.4, -0.7, 0.4], [-0.1, 0.6, -0.5, -0.4]],
         "v": [[0.6, 0.0, 0.0, -0.5], [-1.0, 0.9, -0.8, 0.7], [-0.3, 0.9, -0.2, 0.9], [0.1, -0.5, 0.5, 0.3]],
         "out": [[0.4, -0.1, -0.6, 0.3], [-0.8, 0.4, 0.3, -0.2], [0.6, -0.6, -0.2, 0.6], [-0.2, 0.4, 0.2, 0.9]]}
    with torch.no_grad():
        for name, value in P.items():
            getattr(model, f"{name}_proj_weight").copy_(torch.tensor(value))
    print("scale", model.scale)
    out = model(X)
    show("patched output", out[0])
    show("output row means", out[0].mean(-1)); show("output row variances", out[0].var(-1, unbiased=False))
    x = X + torch.arange(3.).reshape(1, 3, 1)
    q, k = x @ model.q_proj_weight.T, x @ model.k_proj_weight.T
    show("q", q[0]); show("attention weights", torch.softmax(q @ k.transpose(-2, -1) / model.scale, -1)[0])


def lesson15():
    """LLMOS of 000 beyond segment attention: the masked-span loss, pooling, interactive fusion."""
    emb = torch.tensor([[1., 0], [0, 1], [1, 1], [-1, 1]])
    ids = torch.tensor([2, 0, 1, 3, 3, 1, 0, 2])
    masked = torch.tensor([0., 0, 1, 1, 1, 0, 1, 0])
    tokens = emb[ids].requires_grad_()
    x = tokens * (1 - masked)[:, None]
    out = torch.softmax(x @ x.T / np.sqrt(2), -1) @ x
    logits = out @ emb.T
    loss = (torch.nn.functional.cross_entropy(logits, ids, reduction="none") * masked).sum()
    loss.backward()
    show("masked-span loss", loss); show("logits of the masked rows", logits[masked == 1])
    show("grad of the loss at the token embeddings", tokens.grad)
    E = torch.tensor([[1., 0], [0, 1], [1, 1], [-1, 0.5]], requires_grad=True)
    D = torch.tensor([[0.5, 1], [1, -0.5], [0, 1]], requires_grad=True)
    A = torch.softmax(D @ E.T / np.sqrt(2), -1)
    C1 = A @ E
    E2 = E * (4 * A.mean(0))[:, None]
    C2 = torch.softmax(D @ E2.T / np.sqrt(2), -1) @ E2
    show("A", A); show("C1", C1); show("reweighted encoder E'", E2); show("C2", C2)
    C2[0].sum().backward()
    show("grad D of sum(C2[0])", D.grad)


def lesson16():
    """Reformer's LSH attention (001, 3.2): random-rotation hashing, sort, chunk; shared QK, NumPy."""
    X = np.array([[1, 0.2], [0.9, -0.3], [0.1, 1], [-0.2, 0.8], [-1, 0.1], [-0.7, -0.6], [0.2, -1], [0.8, 0.7]])
    R = np.array([[0.6, -0.8], [0.8, 0.6]])
    rotated = X @ R
    buckets = np.argmax(np.concatenate([rotated, -rotated], axis=1), axis=1)
    show("buckets", buckets)
    def softmax_attention(allowed):
        scores = np.where(allowed, X @ X.T / np.sqrt(2), -np.inf)
        weights = np.exp(scores - scores.max(1, keepdims=True))
        return (weights / weights.sum(1, keepdims=True)) @ X
    same = buckets[:, None] == buckets[None, :]
    show("full attention", softmax_attention(np.ones((8, 8), bool)))
    show("same-bucket attention", softmax_attention(same))
    order = np.argsort(buckets, kind="stable")       # sort by bucket, then by position
    chunk = np.empty(8, int); chunk[order] = np.arange(8) // 2   # chunks of m = 2 in sorted order
    near = (chunk[:, None] == chunk[None, :]) | (chunk[:, None] == chunk[None, :] + 1)
    show("sorted order", order); show("chunk of each position", chunk)
    show("pairs scored (own and previous chunk)", near.sum())
    show("LSH attention (same bucket, own or previous chunk)", softmax_attention(same & near))

LESSONS = {"01": lesson01, "02": lesson02, "03": lesson03, "04": lesson04, "05": lesson05,
           "06": lesson06, "07": lesson07, "08": lesson08, "11": lesson11, "12": lesson12, "13": lesson13, "14": lesson14, "15": lesson15, "16": lesson16}

if __name__ == "__main__":
    for key in sys.argv[1:] or sorted(LESSONS):
        print(f"== lesson {key}: {LESSONS[key].__doc__}")
        LESSONS[key]()
