import FlyingFox
import FlyingSocks

/// The body of a `/events` response: a client's frames from the hub, each written as one
/// Server-Sent Events message, for as long as the client stays connected.
struct EventStreamBody: AsyncBufferedSequence {
    typealias Element = UInt8

    let frames: AsyncStream<FrameHub.Numbered>
    /// How long the browser waits before reconnecting after the stream breaks, in milliseconds.
    let retryMilliseconds: Int

    func makeAsyncIterator() -> Iterator {
        Iterator(frames: frames.makeAsyncIterator(), preamble: Array("retry: \(retryMilliseconds)\n\n".utf8))
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var frames: AsyncStream<FrameHub.Numbered>.Iterator
        /// Bytes of the message being sent that have not been handed out yet.
        var pending: ArraySlice<UInt8>

        init(frames: AsyncStream<FrameHub.Numbered>.Iterator, preamble: [UInt8]) {
            self.frames = frames
            self.pending = preamble[...]
        }

        mutating func next() async throws -> UInt8? {
            guard try await fill() else { return nil }
            return pending.popFirst()
        }

        /// The rest of the current message, or the whole next one; nil once the hub closes.
        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            guard try await fill() else { return nil }
            defer { pending = [] }
            return pending
        }

        /// Waits for the next frame when nothing is pending; false when the stream has ended.
        private mutating func fill() async throws -> Bool {
            if pending.isEmpty, let next = await frames.next() {
                pending = next.event[...]
            }
            return !pending.isEmpty
        }
    }
}
