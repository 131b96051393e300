/* Many logs at once: the client logs under folders, grouped into logs (fleet-run-*.c runs them). */
#include "fleet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "os.h"

/* Folders nested deeper are not walked (a tree that deep is a loop or an attack). */
#define MAX_DEPTH 64

static int ends_with_ci(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix), i;

    if (n < k)
        return 0;
    for (i = 0; i < k; i++) {
        char c = s[n - k + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != suffix[i])
            return 0;
    }
    return 1;
}

/* A file a folder's walk takes: a client log, compressed or not, or a zip (a Tracing folder). */
static int wanted(const char *name)
{
    size_t n = strlen(name);

    return ends_with_ci(name, n, ".uccapilog") || ends_with_ci(name, n, ".uccapilog.gz") ||
           ends_with_ci(name, n, ".zip");
}

static int add(ex_fleet *f, const char *prog, const char *path)
{
    char *copy;

    if (f->nfiles == f->cap) {
        size_t ncap = f->cap ? f->cap * 2 : 64;
        char **nf = realloc(f->files, ncap * sizeof(*nf));
        if (!nf)
            goto nomem;
        f->files = nf;
        f->cap = ncap;
    }
    if (!(copy = strdup(path)))
        goto nomem;
    f->files[f->nfiles++] = copy;
    return 0;
nomem:
    fprintf(stderr, "%s: out of memory\n", prog);
    return -1;
}

static char *join(const char *dir, const char *name)
{
    size_t d = strlen(dir), n = strlen(name);
    int slash = d > 0 && ex_os_is_sep((unsigned char)dir[d - 1]);
    char *p = malloc(d + !slash + n + 1);

    if (p) {
        memcpy(p, dir, d);
        if (!slash)
            p[d++] = '/';
        memcpy(p + d, name, n + 1);
    }
    return p;
}

static int walk(ex_fleet *f, const char *prog, const char *dir, int depth)
{
    ex_os_dir *d;
    const char *name;
    int rc = 0;

    if (depth > MAX_DEPTH) {
        fprintf(stderr, "%s: %s: more than %d folders deep, not walked\n", prog, dir, MAX_DEPTH);
        f->status = 2;
        return 0;
    }
    if (ex_os_dir_open(&d, dir) != 0) {
        fprintf(stderr, "%s: %s: %s\n", prog, dir, strerror(errno));
        f->status = 2;
        return 0;
    }
    while (rc == 0 && (name = ex_os_dir_next(d)) != NULL) {
        char *path;
        if (!(path = join(dir, name))) {
            fprintf(stderr, "%s: out of memory\n", prog);
            rc = -1;
            break;
        }
        if (ex_os_path_kind(path, 0) == EX_OS_DIR)
            rc = walk(f, prog, path, depth + 1);
        else if (ex_os_path_kind(path, 1) == EX_OS_FILE && wanted(name))
            rc = add(f, prog, path);
        free(path);
    }
    if (rc == 0 && errno) {
        fprintf(stderr, "%s: %s: %s\n", prog, dir, strerror(errno));
        f->status = 2;
    }
    ex_os_dir_close(d);
    return rc;
}

/*
 * The key of the log a file belongs to: for DIR/STEM-N.uccapilog (maybe .gz), "DIR/stem" in lower
 * case after a 1 byte (one key for the whole rotated set); for any other file, its path after a 2.
 */
static char *log_key(const char *path)
{
    size_t dir = 0, n = strlen(path), i;
    char *key;

    for (i = 0; i < n; i++)
        if (ex_os_is_sep((unsigned char)path[i]))
            dir = i + 1;
    if (ends_with_ci(path, n, ".gz"))
        n -= 3;
    if (ends_with_ci(path, n, ".uccapilog")) {
        size_t stem = n - 10, k = stem;
        while (k > dir && path[k - 1] >= '0' && path[k - 1] <= '9')
            k--;
        if (k < stem && k > dir + 1 && path[k - 1] == '-') {
            if (!(key = malloc(k + 1)))
                return NULL;
            key[0] = 1;
            for (i = 0; i + 1 < k; i++)
                key[i + 1] = (char)(i >= dir && path[i] >= 'A' && path[i] <= 'Z' ? path[i] + 32 : path[i]);
            key[k] = '\0';
            return key;
        }
    }
    if (!(key = malloc(strlen(path) + 2)))
        return NULL;
    key[0] = 2;
    strcpy(key + 1, path);
    return key;
}

typedef struct {
    char *key, *path;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);

    return c ? c : strcmp(x->path, y->path);
}

static const char *const *sort_files;

static int cmp_log(const void *a, const void *b)
{
    const ex_fleet_log *x = a, *y = b;

    return strcmp(sort_files[x->first], sort_files[y->first]);
}

/* Sort the files by log, drop a path given twice, and make the logs. */
static int group(ex_fleet *f, const char *prog)
{
    size_t total = f->nfiles, i, n = 0;
    keyed *k = calloc(total ? total : 1, sizeof(*k));
    int rc = 0;

    if (!k || !(f->logs = calloc(total ? total : 1, sizeof(*f->logs))))
        rc = -1;
    for (i = 0; rc == 0 && i < total; i++) {
        k[i].path = f->files[i];
        if (!(k[i].key = log_key(f->files[i])))
            rc = -1;
    }
    if (rc == 0) {
        qsort(k, total, sizeof(*k), cmp_keyed);
        for (i = 0; i < total; i++) {
            if (n && !strcmp(k[i].path, f->files[n - 1])) {
                free(k[i].path);
                continue;
            }
            if (!n || strcmp(k[i].key, k[i - 1].key)) {
                f->logs[f->nlogs].first = n;
                f->logs[f->nlogs++].n = 0;
            }
            f->logs[f->nlogs - 1].n++;
            f->files[n++] = k[i].path;
        }
        f->nfiles = n;
        sort_files = (const char *const *)f->files;
        qsort(f->logs, f->nlogs, sizeof(*f->logs), cmp_log);
    }
    for (i = 0; k && i < total; i++)
        free(k[i].key);
    free(k);
    if (rc)
        fprintf(stderr, "%s: out of memory\n", prog);
    return rc;
}

int ex_fleet_collect(ex_fleet *f, const char *prog, char *const *paths, size_t n)
{
    size_t i;
    int rc = 0;

    memset(f, 0, sizeof(*f));
    for (i = 0; rc == 0 && i < n; i++) {
        /* a path that cannot be looked at is taken: opening it says why, in its line */
        if (ex_os_path_kind(paths[i], 1) == EX_OS_DIR)
            rc = walk(f, prog, paths[i], 0);
        else
            rc = add(f, prog, paths[i]);
    }
    return rc ? rc : group(f, prog);
}

void ex_fleet_free(ex_fleet *f)
{
    size_t i;

    for (i = 0; i < f->nfiles; i++)
        free(f->files[i]);
    free(f->files);
    free(f->logs);
    memset(f, 0, sizeof(*f));
}

void ex_fleet_error_line(const char *name, const char *why)
{
    fputs("{\"log\": ", stdout);
    ex_json_strn(name, strlen(name));
    fputs(", \"error\": ", stdout);
    ex_json_strn(why, strlen(why));
    fputs("}\n", stdout);
}
