/* uclog-dump --records: the log's records, one after the other. */
#include "common.h"
#include "dump.h"

int dump_records(uclog_log *log, const struct options *o)
{
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    struct place pl = {0, 0, 0, 0};
    int first = 1, rc = uclog_record_iter_new(&it, log);

    while (rc == 0 && (rc = uclog_record_iter_next(&rec, it)) == 0) {
        /* a stream's kind is known from its first record on */
        if (first && (first = 0, ex_not_log(log) != UINT32_MAX)) {
            rc = EX_SAID;
            break;
        }
        if (!dump_record_matches(o, rec))
            continue;
        if (o->json)
            dump_json_record(log, rec, o->verbose);
        else
            dump_text_record(log, rec, &pl, o->verbose);
    }
    uclog_record_iter_free(it);
    return rc < 0 ? rc : 0;
}
