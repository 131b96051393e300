/*
 * uclog-redact: a copy of client logs fit to attach to a ticket: every
 * secret (authentication tokens, MRAS credentials, SRTP keys, ICE
 * passwords) replaced, and with --pseudonymise the personal data too
 * (URIs, display names, numbers, domains, addresses), consistently.
 * A thin program on uclog_redact_log(); the logic lives in the library.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uclog/uclog.h>

#include "common.h"
#include "folders.h"
#include "options.h"
#include "os.h"

#define PROG "uclog-redact"

static void usage(FILE *out)
{
    fputs("usage: uclog-redact [--pseudonymise [--key KEY]] FILE... -o OUT\n"
          "Write a copy of Communicator/Lync/Skype for Business client logs (*.uccapilog)\n"
          "without their secrets: authentication tokens, MRAS credentials, SRTP keys and\n"
          "ICE passwords become runs of X of the same length, so byte counts,\n"
          "Content-Length and line numbers stay true. Several FILEs are one rotated set:\n"
          "OUT is then a directory (made if missing) that receives each file under its\n"
          "own name. With one FILE, OUT is the file to write ('-': standard output);\n"
          "'-' as the FILE reads standard input.\n"
          "\n"
          "  --pseudonymise  replace personal data too: URIs' users, display names,\n"
          "                  numbers, domains and IP addresses, each by the same pseudonym\n"
          "                  wherever it appears (addresses keep their class, ports stay)\n"
          "  --key KEY       derive pseudonyms from KEY: the same in every run (without it,\n"
          "                  a random key: consistent within the run only)\n"
          "  -o, --output OUT  where to write (required)\n"
          "  -h, --help      this text\n"
          "  --version       the version\n"
          "Options come before the FILEs ('--' ends them), but for -o OUT, which may\n"
          "also follow them (a FILE named -o is written ./-o).\n"
          "A summary of what was replaced (counts by kind) goes to standard error.\n"
          "\n"
          "Exit status: 0 fine, 2 usage, input or output error.\n",
          out);
    ex_usage_log_folders(out);
}

struct outputs {
    FILE **files;
    uint32_t n;
    int err; /* errno of the first write that failed */
};

static int write_out(void *userdata, uint32_t file, const char *data, size_t len)
{
    struct outputs *o = userdata;

    if (file >= o->n || !o->files[file])
        return -1;
    if (fwrite(data, 1, len, o->files[file]) == len)
        return 0;
    o->err = errno ? errno : EIO;
    return -1;
}

static const char *base_name(const char *path)
{
    const char *s = path, *p;

    for (p = path; *p; p++)
        if (ex_os_is_sep((unsigned char)*p))
            s = p + 1;
    return s;
}

/* Open the outputs: OUT itself for one file, OUT/<name> for a set. */
static int open_outputs(struct outputs *o, const uclog_log *log, const char *out)
{
    uint32_t i, j, n = uclog_log_file_count(log);

    o->n = n;
    if (!(o->files = calloc(n ? n : 1, sizeof *o->files))) {
        fprintf(stderr, PROG ": out of memory\n");
        return -1;
    }
    if (n == 1) {
        if (strcmp(out, "-") == 0)
            ex_os_stdout_binary(); /* the log's bytes, its line ends as they are */
        o->files[0] = strcmp(out, "-") == 0 ? stdout : ex_os_fopen(out, "wb");
        if (!o->files[0]) {
            fprintf(stderr, PROG ": cannot write %s: %s\n", out, strerror(errno));
            return -1;
        }
        return 0;
    }
    if (strcmp(out, "-") == 0) {
        fprintf(stderr, PROG ": a set of %u files needs a directory as OUT, not '-'\n", (unsigned)n);
        return -1;
    }
    if (ex_os_mkdir(out) != 0 && errno != EEXIST) {
        fprintf(stderr, PROG ": cannot make the directory %s: %s\n", out, strerror(errno));
        return -1;
    }
    for (i = 0; i < n; i++) {
        const char *name = base_name(uclog_log_file_name(log, i));
        size_t len = strlen(out) + strlen(name) + 2;
        char *path;

        for (j = 0; j < i; j++)
            if (strcmp(name, base_name(uclog_log_file_name(log, j))) == 0) {
                fprintf(stderr, PROG ": two files of the set are named %s\n", name);
                return -1;
            }
        if (!(path = malloc(len))) {
            fprintf(stderr, PROG ": out of memory\n");
            return -1;
        }
        snprintf(path, len, "%s/%s", out, name);
        o->files[i] = ex_os_fopen(path, "wb");
        if (!o->files[i]) {
            fprintf(stderr, PROG ": cannot write %s: %s\n", path, strerror(errno));
            free(path);
            return -1;
        }
        free(path);
    }
    return 0;
}

static int close_outputs(struct outputs *o)
{
    uint32_t i;
    int rc = 0;

    for (i = 0; i < o->n; i++) {
        if (!o->files[i])
            continue;
        if (o->files[i] == stdout) {
            if (o->err)
                rc = 2; /* a write already failed: said by the caller */
            else if (ex_stdout_close(PROG) != 0)
                rc = 2; /* said */
        } else if (ferror(o->files[i]) | fclose(o->files[i])) {
            if (!o->err)
                o->err = errno ? errno : EIO;
            rc = rc ? rc : 1;
        }
    }
    free(o->files);
    return rc;
}

static void summary(const uclog_redact_stats *stats)
{
    uint64_t total = 0, c;
    int32_t k;

    for (k = 1; k < UCLOG_REDACT_KIND_END; k++)
        total += uclog_redact_stats_count(stats, k);
    fprintf(stderr, PROG ": replaced %llu\n", (unsigned long long)total);
    for (k = 1; k < UCLOG_REDACT_KIND_END; k++)
        if ((c = uclog_redact_stats_count(stats, k)) != 0)
            fprintf(stderr, "  %-16s %llu\n", uclog_redact_kind_name(k), (unsigned long long)c);
}

/* -o OUT, --output OUT or --output=OUT among the operands: taken out of
 * argv[first, argc); returns the new argc. */
static int take_output(const char **out, char **argv, int first, int argc)
{
    int r, w = first;

    for (r = first; r < argc; r++) {
        if ((!strcmp(argv[r], "-o") || !strcmp(argv[r], "--output")) && r + 1 < argc)
            *out = argv[++r];
        else if (!strncmp(argv[r], "--output=", 9))
            *out = argv[r] + 9;
        else
            argv[w++] = argv[r];
    }
    return w;
}

int main(int argc, char **argv)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_redact_options *opts = NULL;
    uclog_redact_stats *stats = NULL;
    struct outputs o = {NULL, 0, 0};
    const char *out = NULL, *key = NULL, *val;
    char *input = NULL;
    int pseudo = 0, i, id, rc, failed = 0;
    ex_args a;
    size_t at;

    ex_os_init(&argc, &argv);
    ex_args_init(&a, ex_options_redact, argc, argv);
    while ((rc = ex_args_next(&id, &val, &a)) == 0) {
        if (id == EX_OPT_HELP || id == EX_OPT_VERSION) {
            if (id == EX_OPT_HELP)
                usage(stdout);
            else
                printf(PROG " %s\n", uclog_version_string());
            return ex_stdout_close(PROG) ? 2 : 0;
        }
        if (id == EX_OPT_PSEUDONYMISE)
            pseudo = 1;
        else if (id == EX_OPT_KEY)
            key = val;
        else
            out = val; /* EX_OPT_OUTPUT */
    }
    if (rc < 0) {
        fprintf(stderr, PROG ": %s\n", a.msg);
        return 2;
    }
    i = a.first;
    argc = take_output(&out, argv, i, argc);
    if (i >= argc || !out) {
        if (i < argc)
            fputs(PROG ": no output: give -o OUT\n", stderr);
        usage(stderr);
        return 2;
    }
    if (key && !pseudo) {
        fputs(PROG ": --key is for --pseudonymise\n", stderr);
        return 2;
    }
    if (ex_check_files(&at, PROG, argv + i, (size_t)(argc - i)) != 0)
        return 2;
    if (uclog_ctx_new(&ctx, NULL) != 0) {
        fputs(PROG ": out of memory\n", stderr);
        return 2;
    }
    /* Two passes over the log: standard input is read whole. */
    rc = ex_open_files(&log, ctx, PROG, NULL, argv + i, (size_t)(argc - i), at, &input);
    if (rc == EX_SAID) {
        uclog_ctx_free(ctx);
        return 2;
    }
    if (rc == 0)
        rc = uclog_redact_options_new(&opts, ctx);
    if (rc == 0)
        rc = uclog_redact_options_set_pseudonymise(opts, pseudo);
    if (rc == 0 && key)
        rc = uclog_redact_options_set_key(opts, key, strlen(key));
    if (rc == 0)
        rc = uclog_redact_stats_new(&stats, ctx);
    if (rc != 0)
        fprintf(stderr, PROG ": %s\n", uclog_ctx_errcode(ctx) == rc ? uclog_ctx_errmsg(ctx) : uclog_strerror(rc));
    else if (open_outputs(&o, log, out) != 0)
        failed = 1;
    else if ((rc = uclog_redact_log(log, opts, write_out, &o, stats)) != 0 && !(rc == UCLOG_E_IO && o.err))
        fprintf(stderr, PROG ": %s\n", uclog_ctx_errcode(ctx) == rc ? uclog_ctx_errmsg(ctx) : uclog_strerror(rc));
    if (o.files) {
        int closed = close_outputs(&o);

        if ((closed == 1 || (rc == UCLOG_E_IO && o.err)) && !failed)
            fprintf(stderr, PROG ": cannot write the output: %s\n", strerror(o.err));
        failed |= closed != 0;
    }
    if (rc == 0 && !failed)
        summary(stats);
    uclog_redact_stats_free(stats);
    uclog_redact_options_free(opts);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    free(input);
    return rc != 0 || failed ? 2 : 0;
}
