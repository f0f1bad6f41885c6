#!/usr/bin/env python3
"""Independent numbers for the slip table (Tests/StepLangTests/SlipFinderTests.swift,
Tests/DisplayTests/GradientSlipTests.swift) and the 2-2-1 gradient trace tests.

Run once by hand (python3 Tests/Fixtures/generate_slips.py); it uses NumPy and PyTorch only,
never stepgrad. Each planted slip is the network computed with that one mistake made.
"""
import numpy as np
import torch

torch.set_default_dtype(torch.float64)
sig = lambda v: 1 / (1 + np.exp(-v))

print("# 2-2-1 sigmoid + MSE: x = [1, 0.5], W1 = [[0.1, 0.2], [0.3, 0.4]], b1 = [0.1, 0.1],")
print("#                      W2 = [[0.5, 0.6]], b2 = [0.2], y = [1], L = mse(a2, y)")
x = np.array([1, .5]); W1 = np.array([[.1, .2], [.3, .4]]); b1 = np.array([.1, .1])
W2 = np.array([[.5, .6]]); b2 = np.array([.2]); y = np.array([1.])
tW1 = torch.tensor(W1, requires_grad=True); tb1 = torch.tensor(b1, requires_grad=True)
tW2 = torch.tensor(W2, requires_grad=True); tb2 = torch.tensor(b2, requires_grad=True)
tz1 = tW1 @ torch.tensor(x) + tb1; ta1 = torch.sigmoid(tz1); tz2 = tW2 @ ta1 + tb2; ta2 = torch.sigmoid(tz2)
L = ((ta2 - torch.tensor(y)) ** 2).mean(); L.backward()
z1 = tz1.detach().numpy(); a1 = ta1.detach().numpy(); z2 = tz2.detach().numpy(); a2 = ta2.detach().numpy()
print("z1", z1, "a1", a1, "z2", z2, "a2", a2, "L", L.item())
print("grad W1", tW1.grad.numpy().tolist(), "grad W2", tW2.grad.numpy().tolist(), "grad b2", tb2.grad.numpy().tolist())
d2 = 2 * (a2[0] - y[0])            # dL/da2[0]
s2 = a2[0] * (1 - a2[0])           # σ'(z2[0])
print("dL/da2 =", d2, " σ'(z2) =", s2, " a1 =", a1)
print("forward slips, z1[1] (correct", z1[1], "):")
print("  bias dropped", (W1 @ x)[1], " bias doubled", (W1 @ x + 2 * b1)[1], " W1 transposed", (W1.T @ x + b1)[1])
print("  row 0 used", W1[0] @ x + b1[1], " term 1 dropped", W1[1, 0] * x[0] + b1[1], " term 1 sign", W1[1, 0] * x[0] - W1[1, 1] * x[1] + b1[1])
print("forward slips, a1[0] (correct", a1[0], "): activation forgotten", z1[0], " applied twice", sig(sig(z1[0])))
print("forward slips, z2[0] (correct", z2[0], "): z1 for a1", (W2 @ z1 + b2)[0], " bias dropped", (W2 @ a1)[0])
print("gradient slips, grad(W2)[0,1] (correct", tW2.grad[0, 1].item(), "):")
print("  σ for σ'", d2 * a2[0] * a1[1], " σ' from z", d2 * z2[0] * (1 - z2[0]) * a1[1], " no σ'", d2 * a1[1])
print("  missing factor 2", d2 / 2 * s2 * a1[1], " cross-entropy (a - y)·a1", (a2[0] - y[0]) * a1[1], " a1[0] for a1[1]", d2 * s2 * a1[0])
print("  z1[1] for a1[1]", d2 * s2 * z1[1], " sign flipped", -tW2.grad[0, 1].item())
print("  rounded to 2 decimals", round(round(d2, 2) * round(s2, 2) * round(a1[1], 2), 2))
g = tW2.grad.numpy()
print("gradient slips, grad(W1)[1,0] (correct", tW1.grad[1, 0].item(), "):")
s1 = a1[1] * (1 - a1[1])
print("  W2 updated first (lr 0.1)", d2 * s2 * (W2[0, 1] - 0.1 * g[0, 1]) * s1 * x[0], " W2[0,0] for W2[0,1]", d2 * s2 * W2[0, 0] * s1 * x[0])
print("update slips, W2 - 0.1·grad(W2) entry [0,0] (correct", W2[0, 0] - 0.1 * g[0, 0], "):")
print("  lr twice", W2[0, 0] - 0.01 * g[0, 0], " lr not at all", W2[0, 0] - g[0, 0], " plus", W2[0, 0] + 0.1 * g[0, 0])

print()
print("# the MLP lesson, 3-4-2 (seed 002): z1 = W1 @ a0 + b1, a1 = relu(z1), z2 = W2 @ a1 + b2")
W1 = np.array([[.2, .4, .6], [.5, .1, .3], [.8, .7, .9], [.3, .5, .7]]); b1 = np.array([.1, .2, .3, .4]); a0 = np.array([1, .5, .3])
W2 = np.array([[.3, .5, .7, .9], [.2, .4, .6, .8]]); b2 = np.array([.1, .2])
z1 = W1 @ a0 + b1
print("z1", z1, " bias doubled", W1 @ a0 + 2 * b1, " bias dropped", W1 @ a0)
print("  z1[0] row 2 used", W1[2] @ a0 + b1[0], " z1[0] term 2 dropped", W1[0, :2] @ a0[:2] + b1[0])
print("  z1[3] term 0 sign flipped", -W1[3, 0] * a0[0] + W1[3, 1:] @ a0[1:] + b1[3])
a1 = np.maximum(0, z1); z2 = W2 @ a1 + b2
print("z2", z2, " bias doubled", W2 @ a1 + 2 * b2, " z2[1] row 0 used", W2[0] @ a1 + b2[1])

print()
print("# 2-2-1: z2 computed with W2 already updated (lr 0.1)")
x = np.array([1, .5]); W1 = np.array([[.1, .2], [.3, .4]]); b1 = np.array([.1, .1])
W2 = np.array([[.5, .6]]); b2 = np.array([.2])
a1 = sig(W1 @ x + b1)
print("z2 with W2 - 0.1 g:", ((W2 - 0.1 * g) @ a1 + b2)[0])
