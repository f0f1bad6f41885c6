/// Where stepgrad deliberately gives another result than PyTorch, and why: the README's section
/// "Where stepgrad differs from PyTorch", word for word (a test keeps the two equal), for the
/// REPL's `:help` to show.
public enum PyTorchDifferences {
    public static let text = """
        stepgrad computes what PyTorch computes in float64 (`bash .ci/difftest N` checks random
        programs against it at 1e-9), except in these places, each a choice:

        - A softmax row that is all -inf gives 0 in every entry, with gradient 0 (PyTorch: NaN).
          A fully masked row, such as a padding position in attention, attends to nothing
          instead of spreading NaN through the whole backward pass.
        - A log_softmax row that is all -inf gives -inf in every entry, with gradient 0
          (PyTorch: NaN), for the same reason.
        - max over tied entries sends the whole gradient to the first maximum (PyTorch's max()
          of all entries splits it evenly among the ties). One path, as in the scalar chain
          max(max(x0, x1), x2) that a learner can follow by hand.
        - softmax and log_softmax of a single number (a 0-d value) are errors: "a scalar has no
          axis -1" (PyTorch returns 1 and 0). A softmax over one entry is always 1, so it is
          almost always a forgotten axis or a value reduced too far.
        """
}
