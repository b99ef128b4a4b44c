// Why C: libpng reports errors by longjmp-ing to a setjmp point, and Swift cannot call setjmp.
// libpng's simplified API (png_image_write_to_memory) avoids setjmp but only writes 8-bit pixels,
// which is about 10x slower and 8x larger in memory for a bitmap like a QR code. So this small
// file owns the setjmp and writes a 1-bit grayscale image directly.
#include "png_writer.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

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
                const int first_pixel = (qr_col + quiet_zone) * scale;
                for (int pixel = first_pixel; pixel < first_pixel + scale; pixel++) {
                    row[pixel >> 3] &= (uint8_t)~(0x80 >> (pixel & 7));
                }
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

/// The filtered rows compressed in one call. Level 3: on a 10,000-batch build (`perf record`)
/// level 6 spent 9.2% of the build in zlib for 579-byte files, level 3 4.8% for 697 bytes, and
/// level 9 is 5x slower than 6 for nothing. A small hash table (memLevel 2) and a 1 KiB window:
/// the data is zero rows between short distinct rows, so matches are near; zlib's defaults zero
/// a 64 KiB hash table and set up a 32 KiB window for every image.
static uint8_t *compressed(const uint8_t *rows, size_t length, size_t *compressed_length) {
    z_stream stream = {0};
    if (deflateInit2(&stream, 3, Z_DEFLATED, 10, 2, Z_DEFAULT_STRATEGY) != Z_OK) return NULL;
    const uLong bound = deflateBound(&stream, (uLong)length);
    uint8_t *bytes = malloc(bound);
    if (!bytes) {
        deflateEnd(&stream);
        return NULL;
    }
    stream.next_in = (Bytef *)rows;
    stream.avail_in = (uInt)length;
    stream.next_out = bytes;
    stream.avail_out = (uInt)bound;
    const int status = deflate(&stream, Z_FINISH);
    *compressed_length = stream.total_out;
    deflateEnd(&stream);
    if (status != Z_STREAM_END) {
        free(bytes);
        return NULL;
    }
    return bytes;
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
    // scale 8), and those calls were most of the time: measured on 20,000 codes (gcc -O2, one
    // core), 64 us per PNG through png_write_row, 47 us this way. Same settings, same deflate
    // stream: the files are byte for byte what the row interface wrote.
    size_t rows_length = 0;
    uint8_t *rows = filtered_rows(modules, width, scale, quiet_zone, row_bytes, &rows_length);
    if (!rows) return -1;
    size_t data_length = 0;
    uint8_t *data = compressed(rows, rows_length, &data_length);
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
