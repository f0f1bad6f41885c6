/// Maps the finite values of a heatmap onto colours and shade levels. Values of one sign use a
/// sequential scale (viridis: dark = low, bright = high); values of both signs use a diverging
/// scale centred on 0 (blue = negative, grey = 0, red = positive), so the sign stays readable.
public struct ColorScale: Equatable, Sendable {
    public struct RGB: Equatable, Sendable {
        public let red: Int, green: Int, blue: Int
        /// `#3b4cc0`, for HTML and SVG.
        public var hex: String {
            "#" + [red, green, blue].map { c in
                let digits = String(c, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
        }
    }

    /// Smallest and largest finite value; nil when there is none (all NaN or infinite).
    public let minimum: Double?
    public let maximum: Double?
    /// True when the values have both signs.
    public let isDiverging: Bool

    public init<Values: Sequence<Double>>(values: Values) {
        var low = Double.infinity, high = -Double.infinity
        for v in values where v.isFinite {
            low = Swift.min(low, v)
            high = Swift.max(high, v)
        }
        if low <= high {
            (minimum, maximum) = (low, high)
            isDiverging = low < 0 && high > 0
        } else {
            (minimum, maximum) = (nil, nil)
            isDiverging = false
        }
    }

    /// Where a finite value sits on the scale, 0...1. A constant tensor sits in the middle.
    public func position(_ v: Double) -> Double {
        guard let low = minimum, let high = maximum else { return 0.5 }
        if isDiverging {
            let bound = Swift.max(-low, high)
            return Swift.min(1, Swift.max(0, 0.5 + v / (2 * bound)))
        }
        guard high > low else { return 0.5 }
        return Swift.min(1, Swift.max(0, (v - low) / (high - low)))
    }

    public func color(_ v: Double) -> RGB {
        Self.interpolate(isDiverging ? Self.coolwarm : Self.viridis, at: position(v))
    }

    /// Which of `levels` shade levels a finite value falls in (0 = lowest).
    public func level(_ v: Double, levels: Int) -> Int {
        Swift.min(levels - 1, Int(position(v) * Double(levels)))
    }

    /// The value at a position 0...1 (for legends).
    public func value(at position: Double) -> Double {
        guard let low = minimum, let high = maximum else { return .nan }
        if isDiverging {
            let bound = Swift.max(-low, high)
            return (position - 0.5) * 2 * bound
        }
        return low + position * (high - low)
    }

    private static let viridis = [
        RGB(red: 68, green: 1, blue: 84), RGB(red: 59, green: 82, blue: 139), RGB(red: 33, green: 145, blue: 140),
        RGB(red: 94, green: 201, blue: 98), RGB(red: 253, green: 231, blue: 37),
    ]
    private static let coolwarm = [
        RGB(red: 59, green: 76, blue: 192), RGB(red: 221, green: 221, blue: 221), RGB(red: 180, green: 4, blue: 38),
    ]

    private static func interpolate(_ anchors: [RGB], at t: Double) -> RGB {
        let scaled = t * Double(anchors.count - 1)
        let i = Swift.min(anchors.count - 2, Int(scaled))
        let f = scaled - Double(i)
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * f).rounded()) }
        let (a, b) = (anchors[i], anchors[i + 1])
        return RGB(red: mix(a.red, b.red), green: mix(a.green, b.green), blue: mix(a.blue, b.blue))
    }
}
