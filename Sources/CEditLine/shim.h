// libedit's readline-compatible API: el_set is variadic, which Swift cannot call.
#include <stdio.h>
#include <editline/readline.h>
