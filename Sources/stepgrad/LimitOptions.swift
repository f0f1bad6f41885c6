import ArgumentParser
import Autograd

/// `--max-elements N`: the most entries one tensor may hold in this run (Shape.elementLimit).
/// The default keeps a typo like `zeros(100000, 100000)` from taking the machine's memory.
struct LimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The most entries one tensor may hold.", valueName: "N"))
    var maxElements: Int = Shape.elementLimit.load(ordering: .relaxed)

    func validate() throws {
        guard maxElements >= 1 else { throw ValidationError("--max-elements must be at least 1") }
    }

    func apply() {
        Shape.elementLimit.store(maxElements, ordering: .relaxed)
    }
}
