/* Colour on a terminal: the decision, and the sequences. */
#include "colour.h"

#include <stdlib.h>
#include <string.h>

#include "os.h"

int ex_colour_on;

int ex_colour_parse(int *mode, const char *s)
{
    static const char *const names[] = {"auto", "always", "never"};
    int i;

    for (i = 0; i < 3; i++)
        if (!strcmp(s, names[i])) {
            *mode = i;
            return 0;
        }
    return -1;
}

int ex_colour_decide(int mode, int fd)
{
    const char *no = getenv("NO_COLOR");

    if (mode == EX_COLOUR_NEVER)
        return 0;
    if (mode == EX_COLOUR_ALWAYS) {
        ex_os_colour_ready(fd); /* asked for: the sequences are written whatever the console says */
        return 1;
    }
    return ex_os_isatty(fd) && !(no && *no) && ex_os_colour_ready(fd);
}

const char *ex_colour_start(int c)
{
    if (!ex_colour_on)
        return "";
    switch (c) {
    case EX_COLOUR_FAILURE:
        return "\033[31m";
    case EX_COLOUR_DIAG:
        return "\033[33m";
    case EX_COLOUR_SENT:
        return "\033[36m";
    case EX_COLOUR_RECEIVED:
        return "\033[35m";
    default:
        return "";
    }
}

const char *ex_colour_end(void)
{
    return ex_colour_on ? "\033[0m" : "";
}
