/* SIP header-name matching (sip-names.c). Never installed. */
#ifndef UCLOG_SIP_NAMES_H
#define UCLOG_SIP_NAMES_H

#include "internal.h"

/* Header name comparison: case-insensitive, compact forms equal long names. */
int uclog__sip_name_matches(uclog_str name, const char *query);

/* The same, with the query's long form found once for a walk over many
 * headers. */
struct uclog__sip_query {
    const char *name; /* the long form */
    size_t len;
};
void uclog__sip_query_init(struct uclog__sip_query *q, const char *query);
int uclog__sip_query_matches(const struct uclog__sip_query *q, uclog_str name);

#endif
