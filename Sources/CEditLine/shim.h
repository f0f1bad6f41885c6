// libedit's readline-compatible API. Its configuration lives in C globals, which Swift 6 cannot
// touch safely; the REPL sets them only through these functions, from the main thread.
#include <stdio.h>
#include <editline/readline.h>

static inline void stepgrad_rl_configure(const char *name, const char *word_breaks, rl_completion_func_t *complete) {
    rl_readline_name = name;
    rl_basic_word_break_characters = word_breaks;
    rl_attempted_completion_function = complete;
}

/// Inside the completion callback: no file-name completion when the callback finds nothing.
static inline void stepgrad_rl_completion_over(void) { rl_attempted_completion_over = 1; }

/// Inside the completion callback: the whole line being edited.
static inline const char *stepgrad_rl_line_buffer(void) { return rl_line_buffer; }

/// Word breaks for Tab completion: operators and brackets end a name; `:` does not (`:ne` completes
/// to `:next`), nor does `-` (lesson names such as `01-mlp-3-4-2` are one word; `a - b` is written
/// with spaces in the lessons). A string literal lives as long as the process, as libedit needs.
static inline const char *stepgrad_rl_word_breaks(void) { return " \t\n\"\\'`@$><=;|&{([,+*/^)]}"; }

