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

int tp_png_encode_qr(const uint8_t *modules, int width, int scale, int quiet_zone, tp_png_buffer *out) {
    out->bytes = NULL;
    out->length = 0;
    if (width <= 0 || scale <= 0 || quiet_zone < 0) return -1;

    // libpng writes the signature, the header and every chunk's frame and CRC; the image data
    // is compressed here, in one call, and handed to it as the IDAT chunk. libpng's row
    // interface calls deflate once per pixel row (328 calls of 42 bytes for a 33-module code at
    // scale 8): 64 us per PNG through png_write_row, 47 us through zlib in one call, and about 7
    // written from the modules by bitmap_deflate.c, which knows how the rows repeat.
    size_t data_length = 0;
    uint8_t *data = tp_deflate_qr_rows(modules, width, scale, quiet_zone, &data_length);
    if (!data) return -1;
    const png_uint_32 side_pixels = (png_uint_32)((width + 2 * quiet_zone) * scale);

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
