// Read-only views of several arrays at once, so op loops index raw buffers (no bounds checks,
// no copy-on-write checks) without a pyramid of nested closures.

func withBuffers<A, B, R>(
    _ a: [A], _ b: [B], _ body: (UnsafeBufferPointer<A>, UnsafeBufferPointer<B>) throws -> R
) rethrows -> R {
    try a.withUnsafeBufferPointer { a in try b.withUnsafeBufferPointer { b in try body(a, b) } }
}

func withBuffers<A, B, C, R>(
    _ a: [A], _ b: [B], _ c: [C], _ body: (UnsafeBufferPointer<A>, UnsafeBufferPointer<B>, UnsafeBufferPointer<C>) throws -> R
) rethrows -> R {
    try withBuffers(a, b) { a, b in try c.withUnsafeBufferPointer { c in try body(a, b, c) } }
}

func withBuffers<A, B, C, D, R>(
    _ a: [A], _ b: [B], _ c: [C], _ d: [D],
    _ body: (UnsafeBufferPointer<A>, UnsafeBufferPointer<B>, UnsafeBufferPointer<C>, UnsafeBufferPointer<D>) throws -> R
) rethrows -> R {
    try withBuffers(a, b) { a, b in try withBuffers(c, d) { c, d in try body(a, b, c, d) } }
}
