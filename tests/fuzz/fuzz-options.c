/*
 * Fuzz target: the command-line parser of the example programs
 * (examples/options.c). The input, split on NUL bytes, is an argv; each
 * program's option list is run over it. Nothing is opened or read: only
 * what the parser hands back is checked, against the option table.
 */
#include <string.h>

#include "fuzz.h"
#include "options.h"

#define MAX_ARGS 64

/* p lies inside one of the arguments (a value is a whole argument or follows '='). */
static int inside_args(const char *p, char **argv, int argc)
{
    int i;

    for (i = 0; i < argc; i++)
        if (p >= argv[i] && p <= argv[i] + strlen(argv[i]))
            return 1;
    return 0;
}

static int accepts(const int *list, int id)
{
    for (; *list; list++)
        if (*list == id)
            return 1;
    return 0;
}

static void run(const int *list, char **argv, int argc, size_t size)
{
    char *before[MAX_ARGS + 1];
    ex_args a;
    const char *val;
    int id, rc, options = 0;
    size_t k;

    memcpy(before, argv, sizeof(before[0]) * (size_t)(argc + 1));
    ex_args_init(&a, list, argc, argv);
    while ((rc = ex_args_next(&id, &val, &a)) == 0) {
        FZ_CHECK(id > 0 && id < EX_OPT_COUNT && accepts(list, id));
        FZ_CHECK(ex_option_table[id].id == id);
        FZ_CHECK((val != NULL) == (ex_option_table[id].has_value != 0));
        if (val)
            FZ_CHECK(inside_args(val, argv, argc));
        /* Each option takes at least one byte of the input (a letter of a cluster). */
        FZ_CHECK(++options <= (int)size + 1);
    }
    FZ_CHECK(rc == 1 || rc == -1);
    if (rc == 1) {
        FZ_CHECK(a.first >= 1 && a.first <= argc);
        /* The options end at "--" (passed over), at the first operand, or at the end. */
        if (a.first < argc)
            FZ_CHECK(strcmp(argv[a.first], "-") == 0 || argv[a.first][0] != '-' || strcmp(argv[a.first - 1], "--") == 0);
    } else {
        size_t n = strlen(a.msg);
        FZ_CHECK(n > 0 && n < sizeof(a.msg));
        /* One line, and no control character reaches the terminal. */
        for (k = 0; k < n; k++)
            FZ_CHECK((unsigned char)a.msg[k] >= 0x20 && a.msg[k] != 0x7f);
    }
    /* Options first: getopt_long() has not moved an argument. */
    FZ_CHECK(memcmp(before, argv, sizeof(before[0]) * (size_t)(argc + 1)) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int *const lists[] = {ex_options_dump, ex_options_flow, ex_options_diagnose};
    char *argv[MAX_ARGS + 1];
    int argc = 0, i;
    size_t at = 0, k;

    argv[argc++] = strdup("prog");
    /* Each argument a copy of its own size, so that a read past its end is caught. */
    while (argc < MAX_ARGS && at <= size) {
        const uint8_t *nul = size > at ? memchr(data + at, 0, size - at) : NULL;
        size_t n = nul ? (size_t)(nul - (data + at)) : size - at;
        if (!nul && n == 0 && argc > 1)
            break;
        argv[argc] = malloc(n + 1);
        FZ_CHECK(argv[argc] != NULL);
        if (n)
            memcpy(argv[argc], data + at, n);
        argv[argc++][n] = '\0';
        at += n + 1;
    }
    argv[argc] = NULL;
    for (k = 0; k < sizeof(lists) / sizeof(lists[0]); k++)
        run(lists[k], argv, argc, size);
    for (i = 0; i < argc; i++)
        free(argv[i]);
    return 0;
}
