#include <stddef.h>

/// C's snprintf of one double, as "%.*f" (or "%.*e" when `scientific` is non-zero). Swift cannot
/// call a variadic C function, and its withVaList boxes each number and casts it at run time,
/// which cost a transcript most of its time. Returns what snprintf returns: the full length.
int stepgrad_format_double(char *buffer, size_t size, double value, int precision, int scientific);
