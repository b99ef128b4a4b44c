// Why C: libpng reports errors by longjmp-ing to a setjmp point, and Swift cannot call setjmp.
// libpng's simplified API (png_image_write_to_memory) avoids setjmp but only writes 8-bit pixels,
// which is about 10x slower and 8x larger in memory for a bitmap like a QR code. So this small
// file owns the setjmp and writes a 1-bit grayscale image directly.
#include "png_writer.h"

#include "bitmap_deflate.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint8_t *bytes;
    size_t length;
    size_t capacity;
    int failed;
} growable_buffer;

static void append_bytes(png_structp png, png_bytep data, png_size_t length) {
    growable_buffer *buffer = (growable_buffer *)png_get_io_ptr(png);
    if (buffer->length + length > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity * 2 : 1024;
        while (capacity < buffer->length + length) capacity *= 2;
        uint8_t *grown = realloc(buffer->bytes, capacity);
        if (!grown) {
            buffer->failed = 1;
            png_error(png, "out of memory");
        }
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->length, data, length);
    buffer->length += length;
}

static void flush_nothing(png_structp png) { (void)png; }

/// Clears (makes dark) `count` pixels from `first` on: the partial bytes bit by bit, whole bytes at
/// once (at 8 pixels per module every module is one byte).
static void clear_pixels(uint8_t *row, int first, int count) {
    int pixel = first;
    const int end = first + count;
    for (; pixel < end && (pixel & 7) != 0; pixel++) row[pixel >> 3] &= (uint8_t)~(0x80 >> (pixel & 7));
    if (end - pixel >= 8) {
        memset(row + (pixel >> 3), 0, (size_t)((end - pixel) >> 3));
        pixel += (end - pixel) & ~7;
    }
    for (; pixel < end; pixel++) row[pixel >> 3] &= (uint8_t)~(0x80 >> (pixel & 7));
}

/// The image data as PNG stores it before compression: each pixel row preceded by its filter
/// type. Filter UP (each byte minus the one above it): a QR module row repeats `scale` times,
/// and UP turns every repeat into a row of zeros.
static uint8_t *filtered_rows(const uint8_t *modules, int width, int scale, int quiet_zone,
                              size_t row_bytes, size_t *length) {
    const int side_modules = width + 2 * quiet_zone;
    const size_t stride = row_bytes + 1;
    *length = stride * (size_t)side_modules * (size_t)scale;
    uint8_t *rows = calloc(*length, 1);
    uint8_t *row = malloc(row_bytes);
    uint8_t *above = calloc(row_bytes, 1);
    if (!rows || !row || !above) {
        free(rows);
        free(row);
        free(above);
        return NULL;
    }
    uint8_t *next = rows;
    for (int module_row = 0; module_row < side_modules; module_row++) {
        // In 1-bit grayscale a set bit is white: start all white, clear the dark modules.
        memset(row, 0xFF, row_bytes);
        const int qr_row = module_row - quiet_zone;
        if (qr_row >= 0 && qr_row < width) {
            for (int qr_col = 0; qr_col < width; qr_col++) {
                if (!modules[qr_row * width + qr_col]) continue;
                clear_pixels(row, (qr_col + quiet_zone) * scale, scale);
            }
        }
        for (int repeat = 0; repeat < scale; repeat++) {
            next[0] = PNG_FILTER_VALUE_UP;
            // The repeats stay zero (calloc): the same row minus itself.
            if (repeat == 0) {
                for (size_t byte = 0; byte < row_bytes; byte++) next[1 + byte] = (uint8_t)(row[byte] - above[byte]);
            }
            next += stride;
        }
        memcpy(above, row, row_bytes);
    }
    free(row);
    free(above);
    return rows;
}

int tp_png_encode_qr(const uint8_t *modules, int width, int scale, int quiet_zone, tp_png_buffer *out) {
    out->bytes = NULL;
    out->length = 0;
    if (width <= 0 || scale <= 0 || quiet_zone < 0) return -1;

    const int side_modules = width + 2 * quiet_zone;
    const png_uint_32 side_pixels = (png_uint_32)(side_modules * scale);
    const size_t row_bytes = (side_pixels + 7) / 8;

    // libpng writes the signature, the header and every chunk's frame and CRC; the image data
    // is compressed here, in one call, and handed to it as the IDAT chunk. libpng's row
    // interface calls deflate once per pixel row (328 calls of 42 bytes for a 33-module code at
    // scale 8): 64 us per PNG through png_write_row, 47 us through zlib in one call, and about 15
    // through the matcher that knows these rows repeat (bitmap_deflate.c).
    size_t rows_length = 0;
    uint8_t *rows = filtered_rows(modules, width, scale, quiet_zone, row_bytes, &rows_length);
    if (!rows) return -1;
    size_t data_length = 0;
    uint8_t *data = tp_deflate_bitmap_rows(rows, rows_length, row_bytes + 1, (size_t)scale, &data_length);
    free(rows);
    if (!data) return -1;

    growable_buffer buffer = {0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_write_struct(&png, &info);
        free(data);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(data);
        free(buffer.bytes);
        return -1;
    }

    png_set_write_fn(png, &buffer, append_bytes, flush_nothing);
    png_set_IHDR(png, info, side_pixels, side_pixels, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    static const png_byte idat[5] = "IDAT";
    static const png_byte iend[5] = "IEND";
    png_write_chunk(png, idat, data, data_length);
    png_write_chunk(png, iend, NULL, 0);
    png_destroy_write_struct(&png, &info);
    free(data);

    out->bytes = buffer.bytes;
    out->length = buffer.length;
    return 0;
}

void tp_png_buffer_free(tp_png_buffer *buffer) {
    free(buffer->bytes);
    buffer->bytes = NULL;
    buffer->length = 0;
}
