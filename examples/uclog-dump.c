/*
 * uclog-dump: browse a client log, one line per record.
 * A thin program on the public API; the logic lives in the library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uclog/uclog.h>

static void usage(FILE *out)
{
    fputs("usage: uclog-dump [--records] FILE...\n"
          "Print the records of Communicator/Lync/Skype for Business client logs\n"
          "(*.uccapilog), one line each: file:line, time, PID:TID, level, text.\n"
          "Several FILEs are read as one rotated set, in time order. '-' reads stdin.\n"
          "\n"
          "  --records   one line per record (the default)\n"
          "  -h, --help  this text\n"
          "\n"
          "Exit status: 0 fine, 2 usage or input error.\n",
          out);
}

static int open_log(uclog_log **log, uclog_ctx *ctx, char **files, int n)
{
    if (n == 1 && strcmp(files[0], "-") == 0)
        return uclog_log_open_stream(log, ctx, stdin, "-");
    return uclog_log_open_files(log, ctx, (const char *const *)files, (size_t)n);
}

static void print_record(const uclog_log *log, const uclog_record *rec)
{
    uclog_span sp;
    uclog_timestamp ts;
    uclog_str text;
    uint32_t i, n;

    uclog_record_span(&sp, rec);
    uclog_record_text(&text, rec);
    printf("%s:%u ", uclog_log_file_name(log, sp.file), (unsigned)sp.line);
    if (uclog_record_timestamp(&ts, rec) == 0)
        printf("%02u/%02u/%04u|%02u:%02u:%02u.%03u %X:%X %-5s ", ts.month, ts.day, ts.year, ts.hour,
               ts.minute, ts.second, ts.millisecond, (unsigned)uclog_record_pid(rec),
               (unsigned)uclog_record_tid(rec), uclog_level_name(uclog_record_level(rec)));
    else
        printf("- ");
    printf("%.*s", (int)text.len, text.ptr);
    n = uclog_record_line_count(rec);
    if (n > 1)
        printf(" [+%u lines]", (unsigned)(n - 1));
    for (i = 0; i < uclog_record_defect_count(rec); i++) {
        uclog_defect d;
        uclog_record_defect(&d, rec, i);
        printf(" [defect %s at line %u]", uclog_defect_name(d.code), (unsigned)d.span.line);
    }
    putchar('\n');
}

int main(int argc, char **argv)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    int i, first = 1, rc;

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--records")) {
            continue;
        } else if (!strcmp(argv[i], "--")) {
            i++;
            break;
        } else {
            fprintf(stderr, "uclog-dump: unknown option %s\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    first = i;
    if (first >= argc) {
        usage(stderr);
        return 2;
    }
    if (uclog_ctx_new(&ctx, NULL) != 0) {
        fputs("uclog-dump: out of memory\n", stderr);
        return 2;
    }
    rc = open_log(&log, ctx, argv + first, argc - first);
    if (rc == 0)
        rc = uclog_record_iter_new(&it, log);
    while (rc == 0) {
        rc = uclog_record_iter_next(&rec, it);
        if (rc == 0)
            print_record(log, rec);
    }
    if (rc < 0)
        fprintf(stderr, "uclog-dump: %s\n", uclog_ctx_errcode(ctx) == rc ? uclog_ctx_errmsg(ctx)
                                                                          : uclog_strerror(rc));
    uclog_record_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return rc < 0 ? 2 : 0;
}
