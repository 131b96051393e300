/*
 * Many logs at once (uclog-diagnose --jobs): the client logs under folders,
 * grouped into logs (a rotated set is one), each run in a process of its
 * own, N at a time (fleet-run-fork.c; on Windows, which has no fork(), one
 * after the other in the program's own process: fleet-run-seq.c), its
 * output one line of NDJSON, written in the order of the logs' paths
 * whatever order they finish in.
 */
#ifndef UCLOG_EXAMPLES_FLEET_H
#define UCLOG_EXAMPLES_FLEET_H

#include <stddef.h>

/* One log: files[first .. first + n) of its fleet, the first of them naming it. */
typedef struct ex_fleet_log {
    size_t first, n;
} ex_fleet_log;

typedef struct ex_fleet {
    char **files; /* every file, each log's together, sorted by path within a log */
    size_t nfiles, cap;
    ex_fleet_log *logs; /* sorted by the path of their first file */
    size_t nlogs;
    int status;         /* 2 when a folder could not be read (said on stderr), else 0 */
} ex_fleet;

/*
 * The logs of the paths: a file is taken whatever its name; a folder is
 * walked, its tree's files named *.uccapilog, *.uccapilog.gz (any case) or
 * *.zip taken, symbolic links to folders not followed. Files of one folder
 * whose names differ only in the rotation number (Lync-UccApi-0.UccApilog,
 * Lync-UccApi-1.UccApilog, either gzip-compressed) are one log; any other
 * file, a zip among them, is a log of its own. The same path twice is taken
 * once. Returns 0, or -1 (out of memory, said on stderr).
 */
int ex_fleet_collect(ex_fleet *f, const char *prog, char *const *paths, size_t n);

void ex_fleet_free(ex_fleet *f);

/*
 * Run fn over every log, in up to `jobs` processes at once. fn runs in a
 * child process with standard output going to a file, writes its line
 * there, and returns the exit status. The lines are copied to standard
 * output in the order of the logs. A child that dies (a signal) or cannot
 * be started has a line {"log": NAME, "error": WHY} written for it, and
 * status 2. Returns the largest status of all (0, 1 or 2). Without fork()
 * (Windows), fn runs in this process for each log in turn, its line
 * written straight to standard output, and jobs is not used.
 */
int ex_fleet_run(const ex_fleet *f, const char *prog, int jobs,
                 int (*fn)(const char *const *files, size_t n, void *userdata), void *userdata);

/* {"log": name, "error": why} and a line end, on standard output. */
void ex_fleet_error_line(const char *name, const char *why);

#endif
