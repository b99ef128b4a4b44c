#ifndef TRACEPRESS_FILE_SWAP_H
#define TRACEPRESS_FILE_SWAP_H

/// Atomically exchanges two paths (both must exist). Returns 0, or -1 with errno set; errno is
/// ENOSYS or EINVAL where the kernel or filesystem cannot exchange.
int tp_exchange_paths(const char *first, const char *second);

#endif
