/*
 * uclog-diagnose --jobs where there is no fork() (Windows): the logs one
 * after the other in this process, each line written as its log ends, in
 * the order of the logs as with processes. The diagnosis shares nothing
 * between logs, so the lines are those the processes would write; a log
 * that crashed the program would end the run, where a process would have
 * had an error line.
 */
#include "fleet.h"

#include <stdio.h>

#include "common.h"

int ex_fleet_run(const ex_fleet *f, const char *prog, int jobs,
                 int (*fn)(const char *const *files, size_t n, void *userdata), void *userdata)
{
    size_t i;
    int worst = f->status, s;

    (void)prog;
    (void)jobs;
    for (i = 0; i < f->nlogs; i++) {
        s = fn((const char *const *)f->files + f->logs[i].first, f->logs[i].n, userdata);
        s = s > 2 ? 2 : s;
        worst = s > worst ? s : worst;
        ex_stdout_flush();
    }
    return worst;
}
