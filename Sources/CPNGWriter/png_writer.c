// Why C: libpng reports errors by longjmp-ing to a setjmp point, and Swift cannot call setjmp.
// libpng's simplified API (png_image_write_to_memory) avoids setjmp but only writes 8-bit pixels,
// which is about 10x slower and 8x larger in memory for a bitmap like a QR code. So this small
// file owns the setjmp and writes 1-bit grayscale rows directly.
#include "png_writer.h"

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

int tp_png_encode_qr(const uint8_t *modules, int width, int scale, int quiet_zone, tp_png_buffer *out) {
    out->bytes = NULL;
    out->length = 0;
    if (width <= 0 || scale <= 0 || quiet_zone < 0) return -1;

    const int side_modules = width + 2 * quiet_zone;
    const png_uint_32 side_pixels = (png_uint_32)(side_modules * scale);
    const size_t row_bytes = (side_pixels + 7) / 8;

    growable_buffer buffer = {0};
    png_bytep row = calloc(row_bytes, 1);
    if (!row) return -1;

    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_write_struct(&png, &info);
        free(row);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        free(buffer.bytes);
        return -1;
    }

    png_set_write_fn(png, &buffer, append_bytes, flush_nothing);
    // Filter UP: QR rows repeat `scale` times, which UP turns into zero rows. zlib level 3:
    // measured on a 10,000-batch build (`perf record`, average qr.png size), level 6 spent 9.2%
    // of the whole build in zlib for 579-byte files, level 3 4.8% for 697 bytes, level 1 under
    // 4% for 800 bytes (Z_RLE: 866 bytes). A hundred bytes more per download-only file is the
    // better trade; level 9 is 5x slower than 6 for nothing.
    // A small hash table (memLevel 2) and a 1 KiB window: after filter UP the data is rows of
    // zeros between short distinct rows, so matches are near. zlib's defaults zero a 64 KiB hash
    // table and set up a 32 KiB window for every image: 20,000 codes took 169 us each with them
    // and 129 us with these, for 700 bytes instead of 696 (level 3).
    png_set_filter(png, 0, PNG_FILTER_UP);
    png_set_compression_level(png, 3);
    png_set_compression_mem_level(png, 2);
    png_set_compression_window_bits(png, 10);
    png_set_IHDR(png, info, side_pixels, side_pixels, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);

    for (int module_row = 0; module_row < side_modules; module_row++) {
        // In 1-bit grayscale a set bit is white: start all white, clear the dark modules.
        memset(row, 0xFF, row_bytes);
        const int qr_row = module_row - quiet_zone;
        if (qr_row >= 0 && qr_row < width) {
            for (int qr_col = 0; qr_col < width; qr_col++) {
                if (!modules[qr_row * width + qr_col]) continue;
                const int first_pixel = (qr_col + quiet_zone) * scale;
                for (int pixel = first_pixel; pixel < first_pixel + scale; pixel++) {
                    row[pixel >> 3] &= (png_byte)~(0x80 >> (pixel & 7));
                }
            }
        }
        for (int repeat = 0; repeat < scale; repeat++) png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);

    out->bytes = buffer.bytes;
    out->length = buffer.length;
    return 0;
}

void tp_png_buffer_free(tp_png_buffer *buffer) {
    free(buffer->bytes);
    buffer->bytes = NULL;
    buffer->length = 0;
}
