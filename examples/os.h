/*
 * What the programs ask of the operating system, one file per system:
 * os-posix.c, os-win32.c (examples/meson.build picks one). Names are UTF-8
 * everywhere in the programs; on Windows they are UTF-16 for the system,
 * which opens a name outside the ANSI code page only through the
 * wide-character API.
 */
#ifndef UCLOG_EXAMPLES_OS_H
#define UCLOG_EXAMPLES_OS_H

#include <stdint.h>
#include <stdio.h>

/*
 * First thing in main(). On Windows: *argc and *argv become the command
 * line's arguments in UTF-8 (from the wide command line, so that a file
 * name in any script reaches the program as it is), the console shows
 * UTF-8, and standard input is read in binary mode (a log's CRLF and any
 * Ctrl-Z byte kept). Elsewhere nothing changes.
 */
void ex_os_init(int *argc, char ***argv);

/* fd is a terminal (a console on Windows). */
int ex_os_isatty(int fd);

/* The columns of the terminal fd writes to, or 0 when the system does not say. */
int ex_os_terminal_columns(int fd);

/*
 * The terminal fd writes to shows colour sequences (ANSI SGR): on a
 * Windows console, once virtual terminal processing is switched on, which
 * an old console refuses (0: no colour there).
 */
int ex_os_colour_ready(int fd);

/*
 * Standard output's bytes written as they are from now on. Text on
 * standard output ends its lines with CRLF on Windows (text mode); output
 * that is a file's bytes (a redacted log, CSV with its own CRLF, a page)
 * calls this first. Nothing elsewhere.
 */
void ex_os_stdout_binary(void);

/* fopen() by a UTF-8 name (binary mode on Windows whatever mode says). */
FILE *ex_os_fopen(const char *path, const char *mode);

/* Standard output sent to the file path (made or emptied), binary: 0, or -1 with errno set. */
int ex_os_stdout_to(const char *path);

/* Make the folder path: 0, or -1 with errno set (EEXIST when it is there). */
int ex_os_mkdir(const char *path);

/* What a path names. */
enum { EX_OS_NONE, EX_OS_FILE, EX_OS_DIR, EX_OS_OTHER };

/*
 * EX_OS_FILE (a regular file), EX_OS_DIR, EX_OS_OTHER (a device, a FIFO;
 * with follow_links 0, a symbolic link or a Windows junction), or
 * EX_OS_NONE when it cannot be looked at.
 */
int ex_os_path_kind(const char *path, int follow_links);

/* A file's identity: the same for two names of one file (a hard or symbolic link, another spelling). */
typedef struct ex_os_file_id {
    uint64_t volume, file;
} ex_os_file_id;

/* 0, or -1 when the file cannot be looked at. */
int ex_os_file_id_get(ex_os_file_id *id, const char *path);

/* A folder being read. */
typedef struct ex_os_dir ex_os_dir;

/* Open the folder path for reading: 0, or -1 with errno set. */
int ex_os_dir_open(ex_os_dir **d, const char *path);

/* The next name in it (UTF-8, "." and ".." left out), valid until the next call; NULL at its end,
 * or on an error with errno set (errno 0 at the end). */
const char *ex_os_dir_next(ex_os_dir *d);

void ex_os_dir_close(ex_os_dir *d);

/* c separates a path's folders: '/', and on Windows '\\' too. */
int ex_os_is_sep(int c);

/*
 * Call fn on the first interrupt (Ctrl-C; SIGTERM, or a console's close,
 * on Windows Ctrl-Break); a second one ends the program as the system
 * would. fn may run in another thread or a signal handler: it may only do
 * what is safe there.
 */
void ex_os_on_interrupt(void (*fn)(void));

/* Interrupts handled as before ex_os_on_interrupt(). */
void ex_os_interrupt_reset(void);

#endif
