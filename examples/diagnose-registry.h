/*
 * uclog-diagnose's registries printed: the verdicts (--list-verdicts, the
 * page doc/verdicts.md) and the ms-diagnostics codes (--explain CODE,
 * --list-ms-codes, the page doc/ms-codes.md).
 */
#ifndef UCLOG_EXAMPLES_DIAGNOSE_REGISTRY_H
#define UCLOG_EXAMPLES_DIAGNOSE_REGISTRY_H

/* Every verdict code with its checklist, as Markdown. */
void dr_list_verdicts(void);

/* --explain CODE: every entry with that id (a server and a client code may share one).
 * Returns the exit status: 0 found, 1 not in the registry, 2 not a number (said on stderr). */
int dr_explain(const char *arg);

/* The registry of ms-diagnostics codes, as Markdown. */
void dr_list_ms_codes(void);

#endif
