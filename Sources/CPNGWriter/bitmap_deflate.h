#ifndef TRACEPRESS_BITMAP_DEFLATE_H
#define TRACEPRESS_BITMAP_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

/// The PNG image data of a square QR matrix (`width * width` bytes, non-zero dark), `scale` x
/// `scale` pixels per module inside `quiet_zone` light modules, 1-bit grayscale, every row with
/// PNG's filter NONE: as a zlib stream, written without building the rows. Returns a buffer for
/// `free`, or NULL when out of memory. See bitmap_deflate.c for why this does not call zlib's
/// deflate.
uint8_t *tp_deflate_qr_rows(const uint8_t *modules, int width, int scale, int quiet_zone, size_t *compressed_length);

#endif
