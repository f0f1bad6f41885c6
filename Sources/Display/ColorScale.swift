import Foundation

/// Maps the finite values of a heatmap onto colours and shade levels. Values of one sign use a
/// sequential scale (viridis-like: dark = low, bright = high); values of both signs use a diverging
/// scale centred on 0 (blue = negative, grey = 0, red = positive), so the sign stays readable.
public struct ColorScale: Equatable, Sendable {
    public struct RGB: Equatable, Sendable {
        public let red: Int, green: Int, blue: Int
        public init(red: Int, green: Int, blue: Int) {
            (self.red, self.green, self.blue) = (red, green, blue)
        }
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
        Self.interpolate(isDiverging ? Self.diverging : Self.sequential, at: position(v))
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

    /// Viridis's hues with its two ends pulled in, for projectors and dark terminals: the lowest
    /// colour keeps a 3:1 contrast against black (viridis's own bottom, #440154, has 1.4:1 and
    /// vanishes), the highest 1.5:1 against white; brightness rises at every step.
    static let sequential = [
        RGB(red: 104, green: 70, blue: 180), RGB(red: 50, green: 120, blue: 160), RGB(red: 33, green: 160, blue: 140),
        RGB(red: 110, green: 205, blue: 90), RGB(red: 224, green: 200, blue: 40),
    ]
    /// Blue below zero, grey at zero, red above, each end 4:1 or more against black and white.
    static let diverging = [
        RGB(red: 84, green: 108, blue: 224), RGB(red: 200, green: 200, blue: 200), RGB(red: 214, green: 48, blue: 64),
    ]

    /// WCAG's relative luminance, 0 (black) … 1 (white).
    public static func luminance(_ c: RGB) -> Double {
        func linear(_ channel: Int) -> Double {
            let v = Double(channel) / 255
            return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(c.red) + 0.7152 * linear(c.green) + 0.0722 * linear(c.blue)
    }

    /// WCAG's contrast ratio of two colours, 1 (none) … 21 (black on white).
    public static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (Swift.max(la, lb) + 0.05) / (Swift.min(la, lb) + 0.05)
    }

    /// Black or white, whichever reads better on `background`: for numbers printed in a cell.
    public static func ink(on background: RGB) -> RGB {
        let (black, white) = (RGB(red: 0, green: 0, blue: 0), RGB(red: 255, green: 255, blue: 255))
        return contrast(black, background) >= contrast(white, background) ? black : white
    }

    private static func interpolate(_ anchors: [RGB], at t: Double) -> RGB {
        let scaled = t * Double(anchors.count - 1)
        let i = Swift.min(anchors.count - 2, Int(scaled))
        let f = scaled - Double(i)
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * f).rounded()) }
        let (a, b) = (anchors[i], anchors[i + 1])
        return RGB(red: mix(a.red, b.red), green: mix(a.green, b.green), blue: mix(a.blue, b.blue))
    }
}
