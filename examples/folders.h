/*
 * Where the clients write their logs on Windows: the folders each
 * program's --help names (and their man pages, and the README), as the
 * formats reference gives them, with how sure it is of each.
 */
#ifndef UCLOG_EXAMPLES_FOLDERS_H
#define UCLOG_EXAMPLES_FOLDERS_H

#include <stdio.h>

/* The folders, a paragraph of the usage text, written to out after a blank line. */
void ex_usage_log_folders(FILE *out);

#endif
