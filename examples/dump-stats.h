/*
 * uclog-dump --stats: counts over a log's SIP messages (by method, response
 * code, direction, ms-diagnostics code, per file), how its calls ended, its
 * longest transactions; as text, JSON or CSV.
 */
#ifndef UCLOG_EXAMPLES_DUMP_STATS_H
#define UCLOG_EXAMPLES_DUMP_STATS_H

#include <uclog/uclog.h>

/* The output forms. */
enum dump_stats_form { DUMP_STATS_TEXT = 0, DUMP_STATS_JSON, DUMP_STATS_CSV };

/* How many transactions "longest transactions" lists. */
#define DUMP_STATS_LONGEST 10

/*
 * Count the messages of log that keep accepts (all when keep is NULL;
 * called once per message in log order, as uclog_index_build_filtered()
 * calls its filter) and print the statistics to stdout in form. The log
 * must hold its bytes (not a stream). Returns 0 or a library error code.
 */
int dump_stats(uclog_log *log, int form, uclog_index_filter_fn keep, void *userdata);

#endif
