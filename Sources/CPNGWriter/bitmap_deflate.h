#ifndef TRACEPRESS_BITMAP_DEFLATE_H
#define TRACEPRESS_BITMAP_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

/// Compresses PNG image data (filtered pixel rows of `stride` bytes, each source row repeated to
/// make groups of `group` pixel rows) as a zlib stream. Returns a buffer for `free`, or NULL when
/// out of memory. See bitmap_deflate.c for why this does not call zlib's deflate.
uint8_t *tp_deflate_bitmap_rows(const uint8_t *rows, size_t length, size_t stride, size_t group,
                                size_t *compressed_length);

#endif
