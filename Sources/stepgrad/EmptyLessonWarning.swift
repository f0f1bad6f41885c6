import StepLang

/// Says so on standard error when a lesson has nothing to run (an empty file, plain Markdown,
/// blocks not tagged `stepgrad`): it passes, but almost certainly not as its author meant.
func warnIfNothingToRun(_ lesson: Lesson) {
    guard lesson.steps.isEmpty, lesson.errors.isEmpty else { return }
    printError("\(lesson.path): warning: no ```stepgrad blocks with statements; nothing to run")
}
