/* The operating system's side of the library on Windows (os.h): names are UTF-8 inside the
 * library and UTF-16 for the system, which opens any name only through the wide API. */
#define _CRT_RAND_S
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "os.h"

int uclog__os_open_read(const char *path)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, NULL, 0);
    wchar_t *wide;
    int fd;

    if (n <= 0) {
        errno = ENOENT; /* not UTF-8: no file can have that name */
        return -1;
    }
    wide = malloc((size_t)n * sizeof(*wide));
    if (!wide) {
        errno = ENOMEM;
        return -1;
    }
    MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, wide, n);
    fd = _wopen(wide, _O_RDONLY | _O_BINARY);
    if (fd < 0 && errno == EACCES) {
        /* Windows opens no folder as a file: it answers "permission denied" */
        DWORD attrs = GetFileAttributesW(wide);
        if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY))
            errno = EISDIR;
    }
    free(wide);
    return fd;
}

int uclog__os_random(void *buf, size_t n)
{
    unsigned char *p = buf;
    size_t i;

    for (i = 0; i < n; i += sizeof(unsigned int)) {
        unsigned int r;
        size_t k = n - i < sizeof r ? n - i : sizeof r;
        if (rand_s(&r) != 0)
            return 0;
        memcpy(p + i, &r, k);
    }
    return 1;
}

void uclog__os_advise_bulk(void *buf, size_t n)
{
    (void)buf;
    (void)n;
}
