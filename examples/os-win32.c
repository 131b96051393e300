/*
 * The operating system's side of the programs on Windows (os.h): UTF-8
 * inside, UTF-16 for the system, the console asked what it is and what it
 * can show.
 */
#include "os.h"

#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <shellapi.h>

#ifndef ENABLE_VIRTUAL_TERMINAL_PROCESSING
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#endif

/* errno for the system's last error, as the C runtime would set it. */
static void set_errno(void)
{
    switch (GetLastError()) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_NAME:
        errno = ENOENT;
        break;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
        errno = EACCES;
        break;
    case ERROR_ALREADY_EXISTS:
    case ERROR_FILE_EXISTS:
        errno = EEXIST;
        break;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        errno = ENOMEM;
        break;
    case ERROR_DIRECTORY:
        errno = ENOTDIR;
        break;
    default:
        errno = EIO;
    }
}

/* A UTF-8 string as UTF-16 (free it), or NULL with errno set: ENOENT when it is not UTF-8 (no
 * file can have that name). */
static wchar_t *wide(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
    wchar_t *w;

    if (n <= 0) {
        errno = ENOENT;
        return NULL;
    }
    if (!(w = malloc((size_t)n * sizeof(*w)))) {
        errno = ENOMEM;
        return NULL;
    }
    MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
    return w;
}

/* UTF-16 as UTF-8 into buf (cap bytes); 0, or -1 when it does not fit. A lone surrogate becomes U+FFFD. */
static int narrow_into(char *buf, int cap, const wchar_t *w)
{
    return WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, cap, NULL, NULL) > 0 ? 0 : -1;
}

static char *narrow(const wchar_t *w)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    char *s = n > 0 ? malloc((size_t)n) : NULL;

    if (s && narrow_into(s, n, w) != 0) {
        free(s);
        s = NULL;
    }
    return s;
}

/* The console's code page before the program's, given back at its end: the console outlives it. */
static UINT console_cp;

static void console_cp_back(void)
{
    SetConsoleOutputCP(console_cp);
}

void ex_os_init(int *argc, char ***argv)
{
    int n = 0, i;
    wchar_t **w = CommandLineToArgvW(GetCommandLineW(), &n);
    char **args = w && n > 0 ? calloc((size_t)n + 1, sizeof(*args)) : NULL;

    /* The arguments live as long as the program: they are not freed. Should anything fail
     * here, the C runtime's arguments (the ANSI code page's) stay. */
    for (i = 0; args && i < n; i++) {
        if (!(args[i] = narrow(w[i]))) {
            while (i > 0)
                free(args[--i]);
            free(args);
            args = NULL;
        }
    }
    if (args) {
        *argc = n;
        *argv = args;
    }
    if (w)
        LocalFree(w);
    if ((console_cp = GetConsoleOutputCP()) != 0 && console_cp != CP_UTF8 && SetConsoleOutputCP(CP_UTF8))
        atexit(console_cp_back);
    _setmode(_fileno(stdin), _O_BINARY);
}

static HANDLE fd_handle(int fd)
{
    intptr_t h = _get_osfhandle(fd);

    return h == -1 ? INVALID_HANDLE_VALUE : (HANDLE)h;
}

int ex_os_isatty(int fd)
{
    DWORD mode;

    /* _isatty() holds any character device a terminal, NUL among them: a console answers
     * GetConsoleMode(). */
    return _isatty(fd) && GetConsoleMode(fd_handle(fd), &mode);
}

int ex_os_terminal_columns(int fd)
{
    CONSOLE_SCREEN_BUFFER_INFO info;

    if (!GetConsoleScreenBufferInfo(fd_handle(fd), &info))
        return 0;
    return info.srWindow.Right - info.srWindow.Left + 1;
}

int ex_os_colour_ready(int fd)
{
    HANDLE h = fd_handle(fd);
    DWORD mode;

    if (!GetConsoleMode(h, &mode))
        return 1; /* not a console: the bytes go to whatever reads them */
    if (mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING)
        return 1;
    return SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0;
}

void ex_os_stdout_binary(void)
{
    fflush(stdout);
    _setmode(_fileno(stdout), _O_BINARY);
}

FILE *ex_os_fopen(const char *path, const char *mode)
{
    wchar_t wmode[8], *wpath;
    size_t i;
    FILE *f;

    for (i = 0; mode[i] && i < 6; i++)
        wmode[i] = (wchar_t)(unsigned char)mode[i];
    if (!strchr(mode, 'b'))
        wmode[i++] = L'b';
    wmode[i] = 0;
    if (!(wpath = wide(path)))
        return NULL;
    f = _wfopen(wpath, wmode);
    free(wpath);
    return f;
}

int ex_os_stdout_to(const char *path)
{
    wchar_t *wpath = wide(path);
    FILE *f;

    if (!wpath)
        return -1;
    f = _wfreopen(wpath, L"wb", stdout);
    free(wpath);
    return f ? 0 : -1;
}

int ex_os_mkdir(const char *path)
{
    wchar_t *wpath = wide(path);
    int rc;

    if (!wpath)
        return -1;
    rc = _wmkdir(wpath);
    free(wpath);
    return rc;
}

/* The file's handle, for questions only (no access asked; a folder too); INVALID_HANDLE_VALUE
 * with errno set when it cannot be opened. */
static HANDLE open_to_ask(const char *path, int follow_links)
{
    wchar_t *wpath = wide(path);
    HANDLE h;

    if (!wpath)
        return INVALID_HANDLE_VALUE;
    h = CreateFileW(wpath, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                    FILE_FLAG_BACKUP_SEMANTICS | (follow_links ? 0 : FILE_FLAG_OPEN_REPARSE_POINT), NULL);
    if (h == INVALID_HANDLE_VALUE)
        set_errno();
    free(wpath);
    return h;
}

int ex_os_path_kind(const char *path, int follow_links)
{
    HANDLE h = open_to_ask(path, follow_links);
    BY_HANDLE_FILE_INFORMATION info;
    int kind = EX_OS_NONE;

    if (h == INVALID_HANDLE_VALUE)
        return EX_OS_NONE;
    if (GetFileType(h) != FILE_TYPE_DISK)
        kind = EX_OS_OTHER; /* a device (NUL, CON) or a pipe */
    else if (GetFileInformationByHandle(h, &info)) {
        if (!follow_links && (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT))
            kind = EX_OS_OTHER;
        else
            kind = info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY ? EX_OS_DIR : EX_OS_FILE;
    }
    CloseHandle(h);
    return kind;
}

int ex_os_file_id_get(ex_os_file_id *id, const char *path)
{
    HANDLE h = open_to_ask(path, 1);
    BY_HANDLE_FILE_INFORMATION info;
    int ok;

    if (h == INVALID_HANDLE_VALUE)
        return -1;
    ok = GetFileInformationByHandle(h, &info);
    CloseHandle(h);
    if (!ok)
        return -1;
    id->volume = info.dwVolumeSerialNumber;
    id->file = (uint64_t)info.nFileIndexHigh << 32 | info.nFileIndexLow;
    return 0;
}

struct ex_os_dir {
    HANDLE find;
    int first; /* data holds the first name, not given yet */
    WIN32_FIND_DATAW data;
    char name[MAX_PATH * 3 + 1]; /* a name's UTF-16 units, each at most 3 bytes of UTF-8 */
};

int ex_os_dir_open(ex_os_dir **d, const char *path)
{
    size_t n = strlen(path);
    char *pattern = malloc(n + 3);
    wchar_t *wpattern;

    *d = NULL;
    if (!pattern) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(pattern, path, n);
    if (n == 0 || !ex_os_is_sep((unsigned char)path[n - 1]))
        pattern[n++] = '\\';
    memcpy(pattern + n, "*", 2);
    wpattern = wide(pattern);
    free(pattern);
    if (!wpattern)
        return -1;
    if (!(*d = calloc(1, sizeof(**d)))) {
        free(wpattern);
        errno = ENOMEM;
        return -1;
    }
    (*d)->find = FindFirstFileW(wpattern, &(*d)->data);
    free(wpattern);
    if ((*d)->find == INVALID_HANDLE_VALUE) {
        set_errno();
        free(*d);
        *d = NULL;
        return -1;
    }
    (*d)->first = 1;
    return 0;
}

const char *ex_os_dir_next(ex_os_dir *d)
{
    for (;;) {
        const wchar_t *w = d->data.cFileName;
        if (!d->first && !FindNextFileW(d->find, &d->data)) {
            if (GetLastError() == ERROR_NO_MORE_FILES)
                errno = 0;
            else
                set_errno();
            return NULL;
        }
        d->first = 0;
        if (!wcscmp(w, L".") || !wcscmp(w, L".."))
            continue;
        if (narrow_into(d->name, (int)sizeof(d->name), w) != 0) {
            errno = EIO;
            return NULL;
        }
        errno = 0;
        return d->name;
    }
}

void ex_os_dir_close(ex_os_dir *d)
{
    if (d) {
        FindClose(d->find);
        free(d);
    }
}

int ex_os_is_sep(int c)
{
    return c == '/' || c == '\\';
}

static void (*interrupted)(void);
static volatile LONG interrupts;

/* Runs in a thread of its own, which the system starts for the event. */
static BOOL WINAPI on_ctrl(DWORD event)
{
    if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT && event != CTRL_CLOSE_EVENT)
        return FALSE;
    if (InterlockedIncrement(&interrupts) > 1)
        return FALSE; /* the second: the system's own handler ends the program */
    interrupted();
    return TRUE;
}

void ex_os_on_interrupt(void (*fn)(void))
{
    interrupted = fn;
    interrupts = 0;
    SetConsoleCtrlHandler(on_ctrl, TRUE);
}

void ex_os_interrupt_reset(void)
{
    SetConsoleCtrlHandler(on_ctrl, FALSE);
}
