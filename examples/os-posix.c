/* The operating system's side of the programs on POSIX systems (os.h). */
#define _DEFAULT_SOURCE /* ioctl(TIOCGWINSZ) with -D_POSIX_C_SOURCE */
#include "os.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

void ex_os_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
}

int ex_os_isatty(int fd)
{
    return isatty(fd);
}

int ex_os_terminal_columns(int fd)
{
    struct winsize ws;

    return ioctl(fd, TIOCGWINSZ, &ws) == 0 ? ws.ws_col : 0;
}

int ex_os_colour_ready(int fd)
{
    (void)fd;
    return 1;
}

void ex_os_stdout_binary(void)
{
}

FILE *ex_os_fopen(const char *path, const char *mode)
{
    return fopen(path, mode);
}

int ex_os_stdout_to(const char *path)
{
    return freopen(path, "w", stdout) ? 0 : -1;
}

int ex_os_mkdir(const char *path)
{
    return mkdir(path, 0777);
}

int ex_os_path_kind(const char *path, int follow_links)
{
    struct stat st;

    if ((follow_links ? stat(path, &st) : lstat(path, &st)) != 0)
        return EX_OS_NONE;
    return S_ISREG(st.st_mode) ? EX_OS_FILE : S_ISDIR(st.st_mode) ? EX_OS_DIR : EX_OS_OTHER;
}

int ex_os_file_id_get(ex_os_file_id *id, const char *path)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return -1;
    id->volume = (uint64_t)st.st_dev;
    id->file = (uint64_t)st.st_ino;
    return 0;
}

struct ex_os_dir {
    DIR *d;
};

int ex_os_dir_open(ex_os_dir **d, const char *path)
{
    DIR *dir = opendir(path);

    *d = NULL;
    if (!dir)
        return -1;
    if (!(*d = malloc(sizeof(**d)))) {
        closedir(dir);
        errno = ENOMEM;
        return -1;
    }
    (*d)->d = dir;
    return 0;
}

const char *ex_os_dir_next(ex_os_dir *d)
{
    struct dirent *e;

    do {
        errno = 0;
        e = readdir(d->d);
    } while (e && (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")));
    return e ? e->d_name : NULL;
}

void ex_os_dir_close(ex_os_dir *d)
{
    if (d) {
        closedir(d->d);
        free(d);
    }
}

int ex_os_is_sep(int c)
{
    return c == '/';
}

static void (*interrupted)(void);
static struct sigaction old_int, old_term;

static void on_signal(int sig)
{
    (void)sig;
    interrupted();
}

void ex_os_on_interrupt(void (*fn)(void))
{
    struct sigaction sa;

    interrupted = fn;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND; /* a second Ctrl-C ends the program at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
}

void ex_os_interrupt_reset(void)
{
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
}
