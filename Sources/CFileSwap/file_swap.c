// Why C: glibc declares renameat2 only under _GNU_SOURCE, which Swift's Glibc module does not
// define, so Swift cannot see it. RENAME_EXCHANGE is what lets a new site replace the old one
// with no moment at which the output folder is missing.
#define _GNU_SOURCE
#include "file_swap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

int tp_exchange_paths(const char *first, const char *second) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
    (void)first;
    (void)second;
    errno = ENOSYS;
    return -1;
#endif
}
