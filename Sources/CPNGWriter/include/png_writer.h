#ifndef TRACEPRESS_PNG_WRITER_H
#define TRACEPRESS_PNG_WRITER_H

#include <stddef.h>
#include <stdint.h>

/// Bytes of an encoded PNG, owned by the caller: release them with `tp_png_buffer_free`.
typedef struct {
    uint8_t *bytes;
    size_t length;
} tp_png_buffer;

/// Encodes a square QR matrix as a 1-bit grayscale PNG.
///
/// `modules` holds `width * width` bytes, one per module, non-zero meaning dark. Each module becomes
/// `scale` x `scale` pixels and `quiet_zone` light modules surround the code on every side.
/// Returns 0 on success and fills `out`; returns -1 when libpng fails (out of memory) and leaves
/// `out` empty.
int tp_png_encode_qr(const uint8_t *modules, int width, int scale, int quiet_zone, tp_png_buffer *out);

/// Releases the bytes of a buffer filled by `tp_png_encode_qr`.
void tp_png_buffer_free(tp_png_buffer *buffer);

#endif
