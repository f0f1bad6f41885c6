#include <stdio.h>
#include "CNumberFormat.h"

int stepgrad_format_double(char *buffer, size_t size, double value, int precision, int scientific) {
    return snprintf(buffer, size, scientific ? "%.*e" : "%.*f", precision, value);
}
