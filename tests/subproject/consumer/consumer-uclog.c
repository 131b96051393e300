/* Uses libuclog alone: the first SIP start line of a log. */
#include <stdio.h>

#include <uclog/uclog.h>

int main(int argc, char **argv)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    const uclog_sip *msg;
    const uclog_packet *pkt;
    uclog_str line;
    int rc;

    if (argc != 2 || uclog_ctx_new(&ctx, NULL))
        return 2;
    rc = uclog_log_open_file(&log, ctx, argv[1]);
    if (!rc)
        rc = uclog_msg_iter_new(&it, log);
    if (!rc)
        rc = uclog_msg_iter_next(&msg, &pkt, it);
    if (!rc)
        rc = uclog_sip_start_line(&line, NULL, msg);
    if (!rc)
        printf("%.*s\n", (int)line.len, line.ptr);
    uclog_msg_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return rc ? 1 : 0;
}
