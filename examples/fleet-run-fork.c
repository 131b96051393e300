/* uclog-diagnose --jobs where there is fork(): each log in a process of its own, N at a time (fleet.h). */
#include "fleet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* A log's run: its process, and the file its line goes to. */
typedef struct {
    pid_t pid;
    FILE *out;
    int status, done;
} run;

/* Start log i; 0, or -1 when the system is short of processes or files for now (try again once a
 * child has ended), having done nothing. */
static int start(run *r, const ex_fleet *f, size_t i, int (*fn)(const char *const *, size_t, void *),
                 void *userdata, int running)
{
    const ex_fleet_log *l = &f->logs[i];

    fflush(stdout); /* nothing buffered may be written twice, by the child too */
    if (!(r->out = tmpfile())) {
        if (running && (errno == EMFILE || errno == ENFILE))
            return -1;
        r->done = 1;
        r->status = -errno;
        return 0;
    }
    r->pid = fork();
    if (r->pid < 0 && running && errno == EAGAIN) {
        fclose(r->out);
        r->out = NULL;
        return -1;
    }
    if (r->pid == 0) {
        int status;
        if (dup2(fileno(r->out), STDOUT_FILENO) < 0)
            _exit(2);
        status = fn((const char *const *)f->files + l->first, l->n, userdata);
        fflush(stdout);
        _exit(status);
    }
    if (r->pid < 0) {
        r->status = -errno;
        r->done = 1;
    }
    return 0;
}

/* Write a finished log's line; returns its status. */
static int finish(run *r, const ex_fleet *f, size_t i)
{
    const char *name = f->files[f->logs[i].first];
    char buf[65536], why[128];
    size_t got;

    if (r->status < 0) {
        snprintf(why, sizeof(why), "cannot start its diagnosis: %s", strerror(-r->status));
        ex_fleet_error_line(name, why);
        if (r->out)
            fclose(r->out);
        return 2;
    }
    rewind(r->out);
    while ((got = fread(buf, 1, sizeof(buf), r->out)) > 0)
        fwrite(buf, 1, got, stdout);
    fclose(r->out);
    if (WIFEXITED(r->status))
        return WEXITSTATUS(r->status) > 2 ? 2 : WEXITSTATUS(r->status);
    snprintf(why, sizeof(why), "its diagnosis ended by signal %d", WIFSIGNALED(r->status) ? WTERMSIG(r->status) : 0);
    ex_fleet_error_line(name, why);
    return 2;
}

int ex_fleet_run(const ex_fleet *f, const char *prog, int jobs,
                 int (*fn)(const char *const *files, size_t n, void *userdata), void *userdata)
{
    run *runs = calloc(f->nlogs ? f->nlogs : 1, sizeof(*runs));
    /* logs finished or running ahead of the next line to write: each holds a file open */
    size_t window = (size_t)jobs * 2, next = 0, printed = 0, i;
    int running = 0, worst = f->status;

    if (!runs) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 2;
    }
    while (printed < f->nlogs) {
        int st;
        pid_t pid;
        while (running < jobs && next < f->nlogs && next - printed < window) {
            if (start(&runs[next], f, next, fn, userdata, running) < 0)
                break;
            running += !runs[next].done;
            next++;
        }
        while (printed < next && runs[printed].done) {
            int s = finish(&runs[printed], f, printed);
            worst = s > worst ? s : worst;
            printed++;
        }
        if (!running)
            continue;
        pid = waitpid(-1, &st, 0);
        if (pid < 0 && errno == EINTR)
            continue;
        if (pid < 0)
            break; /* no child left: cannot be, with running > 0 */
        for (i = printed; i < next; i++) {
            if (runs[i].pid == pid && !runs[i].done) {
                runs[i].status = st;
                runs[i].done = 1;
                running--;
                break;
            }
        }
    }
    free(runs);
    return worst;
}
