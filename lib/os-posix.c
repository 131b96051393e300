/* The operating system's side of the library on POSIX systems (os.h). */
#include <fcntl.h>
#include <stdio.h>

#include "os.h"

int uclog__os_open_read(const char *path)
{
    return open(path, O_RDONLY);
}

int uclog__os_random(void *buf, size_t n)
{
    FILE *f = fopen("/dev/urandom", "rb");
    int ok;

    if (!f)
        return 0;
    ok = fread(buf, 1, n, f) == n;
    fclose(f);
    return ok;
}
