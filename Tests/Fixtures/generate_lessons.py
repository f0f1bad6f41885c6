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


LESSONS = {"01": lesson01}

if __name__ == "__main__":
    for key in sys.argv[1:] or sorted(LESSONS):
        print(f"== lesson {key}: {LESSONS[key].__doc__}")
        LESSONS[key]()
