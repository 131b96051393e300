/* The FILE operands as clients, by their signed-in user (clients.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients.h"
#include "common.h"

int ex_client_user(char *buf, size_t cap, uclog_log *log)
{
    uclog_index *idx = NULL;
    uclog_sip *sip = NULL;
    uclog_str uri;
    int32_t type;
    uint32_t i;
    size_t len;
    int rc = uclog_index_build(&idx, log);

    buf[0] = '\0';
    for (i = 0; rc == 0 && !buf[0] && i < uclog_index_message_count(idx); i++) {
        if (uclog_index_message_direction(idx, i) != UCLOG_DIRECTION_SENT ||
            uclog_index_message_type(&type, NULL, NULL, idx, i) != 0 || type != UCLOG_INDEX_REQUEST)
            continue;
        if (uclog_index_message_parse(&sip, idx, i) != 0)
            continue;
        if (uclog_sip_from(NULL, &uri, NULL, NULL, sip) == 0 && uri.len) {
            len = uri.len < cap - 1 ? uri.len : cap - 1;
            memcpy(buf, uri.ptr, len);
            buf[len] = '\0';
        }
        uclog_sip_free(sip);
        sip = NULL;
    }
    uclog_index_free(idx);
    return rc;
}

int ex_clients_split(int *which, char users[2][EX_USER_MAX], uclog_ctx *ctx, const char *prog, char *const *files,
                     size_t n, size_t at)
{
    char user[EX_USER_MAX];
    uclog_log *log = NULL;
    size_t i;
    int clients = 0, rc;

    users[0][0] = users[1][0] = '\0';
    memset(which, 0, n * sizeof(*which));
    if (n < 2 || at < n)
        return 1;
    for (i = 0; i < n; i++) {
        rc = uclog_log_open_files(&log, ctx, (const char *const *)files + i, 1);
        if (rc == 0)
            rc = ex_client_user(user, sizeof(user), log);
        uclog_log_free(log);
        log = NULL;
        if (rc != 0) {
            fprintf(stderr, "%s: %s\n", prog, uclog_ctx_errcode(ctx) == rc ? uclog_ctx_errmsg(ctx) : uclog_strerror(rc));
            return -1;
        }
        if (!user[0])
            continue;
        if (clients > 0 && !strcmp(user, users[0]))
            continue;
        if (clients > 1 && !strcmp(user, users[1])) {
            which[i] = 1;
            continue;
        }
        if (clients == 2) {
            fprintf(stderr, "%s: %s: a third signed-in user (%s, beside %s and %s): give one client's files, or two\n",
                    prog, files[i], user, users[0], users[1]);
            return -1;
        }
        memcpy(users[clients], user, sizeof(user));
        which[i] = clients++;
    }
    return clients == 2 ? 2 : 1;
}

int ex_clients_open(uclog_log *log[2], uclog_ctx *ctx, const char *prog, char *const *files, size_t n,
                    const int *which)
{
    const char **set = calloc(n ? n : 1, sizeof(*set));
    size_t i, k;
    int side, rc = set ? 0 : UCLOG_E_NOMEM;

    log[0] = log[1] = NULL;
    for (side = 0; rc == 0 && side < 2; side++) {
        for (i = k = 0; i < n; i++)
            if (which[i] == side)
                set[k++] = files[i];
        rc = uclog_log_open_files(&log[side], ctx, set, k);
        if (rc == 0 && ex_not_log(log[side]) != UINT32_MAX) {
            ex_say_not_log(prog, log[side], ex_not_log(log[side]));
            rc = EX_SAID;
        }
    }
    free(set);
    return rc;
}
