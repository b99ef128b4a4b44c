// A zlib stream (RFC 1950 around one fixed-Huffman DEFLATE block, RFC 1951) for the filtered
// rows of an upscaled bitmap such as a QR code.
//
// Why not zlib's deflate: on these rows (a QR code at 8 pixels per module is 13.8 KB in which 7
// rows of every 8 are a filter byte and zeros) zlib took 41 us per image at the settings used
// before, and 24-50 us at every other level, strategy, window and memory level tried, with the
// stream reused or not; libdeflate 35 us at its fastest. That was 6% of a full build's CPU
// (`Benchmarks/profile/run.sh`). The repetition is known in advance: a pixel row equals the row
// above it (distance = one row) or continues a run of its last byte (distance 1), or repeats the
// module row before (distance = `group` rows). So this matcher tries those three distances at
// each position and takes the longest match: about 15 us per image with the checksum, and the
// PNG work went from 7% to under 5% of a build's samples. Every match is checked against the
// actual bytes, so the stream is right for any input; only its size depends on the input having
// that shape. Fixed Huffman codes keep the writer short; the images come out larger than zlib's
// (1.1 KB against 0.7 KB for a 33-module code at scale 8), nothing next to a batch's 60 KB of
// files. zlib still computes the Adler-32 checksum. Tests read the pixels back with another
// decoder (Tests/png/read_png.py) at several scales.
#include "bitmap_deflate.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct {
    uint8_t *bytes;
    size_t length;
    uint64_t bits;  // pending bits, least significant first, as DEFLATE packs them
    int bit_count;
} bit_writer;

static inline void put_bits(bit_writer *out, uint32_t value, int count) {
    out->bits |= (uint64_t)value << out->bit_count;
    out->bit_count += count;
    if (out->bit_count >= 32) {
        for (int byte = 0; byte < 4; byte++) out->bytes[out->length++] = (uint8_t)(out->bits >> (8 * byte));
        out->bits >>= 32;
        out->bit_count -= 32;
    }
}

/// Writes out the bits still pending, the last byte padded with zeros.
static void flush_bits(bit_writer *out) {
    while (out->bit_count > 0) {
        out->bytes[out->length++] = (uint8_t)out->bits;
        out->bits >>= 8;
        out->bit_count -= 8;
    }
    out->bit_count = 0;
}

/// Huffman codes are sent most significant bit first, the reverse of everything else.
static inline void put_code(bit_writer *out, uint32_t code, int length) {
    uint32_t reversed = code;
    reversed = ((reversed >> 1) & 0x5555) | ((reversed & 0x5555) << 1);
    reversed = ((reversed >> 2) & 0x3333) | ((reversed & 0x3333) << 2);
    reversed = ((reversed >> 4) & 0x0F0F) | ((reversed & 0x0F0F) << 4);
    reversed = ((reversed >> 8) & 0x00FF) | ((reversed & 0x00FF) << 8);
    put_bits(out, reversed >> (16 - length), length);
}

/// The fixed literal/length code of RFC 1951 section 3.2.6.
static inline void put_symbol(bit_writer *out, int symbol) {
    if (symbol < 144) put_code(out, 0x30 + symbol, 8);
    else if (symbol < 256) put_code(out, 0x190 + symbol - 144, 9);
    else if (symbol < 280) put_code(out, symbol - 256, 7);
    else put_code(out, 0xC0 + symbol - 280, 8);
}

static const uint16_t length_base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                         35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t length_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                         3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t distance_base[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129,
                                           193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
                                           6145, 8193, 12289, 16385, 24577};
static const uint8_t distance_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6,
                                           6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

/// A copy of `length` (3-258) bytes from `distance` (1-32768) back.
static void put_match(bit_writer *out, int length, int distance) {
    int code = 28;
    while (length_base[code] > length) code--;
    put_symbol(out, 257 + code);
    put_bits(out, (uint32_t)(length - length_base[code]), length_extra[code]);
    int distance_code = 29;
    while (distance_base[distance_code] > distance) distance_code--;
    put_code(out, (uint32_t)distance_code, 5);
    put_bits(out, (uint32_t)(distance - distance_base[distance_code]), distance_extra[distance_code]);
}

/// How many bytes from `position` repeat those `distance` back, at most `limit`. Eight bytes at
/// a time: the long matches (whole repeated rows) are most of the data.
static size_t match_length(const uint8_t *data, size_t position, size_t distance, size_t limit) {
    const uint8_t *here = data + position, *there = here - distance;
    size_t matched = 0;
    while (matched + 8 <= limit) {
        uint64_t a, b;
        memcpy(&a, here + matched, 8);
        memcpy(&b, there + matched, 8);
        if (a != b) return matched + (size_t)__builtin_ctzll(a ^ b) / 8;  // little-endian: first differing byte
        matched += 8;
    }
    while (matched < limit && here[matched] == there[matched]) matched++;
    return matched;
}

uint8_t *tp_deflate_bitmap_rows(const uint8_t *rows, size_t length, size_t stride, size_t group,
                                size_t *compressed_length) {
    // Worst case: every byte a 9-bit literal, plus header, block end and checksum.
    bit_writer out = {malloc(length * 9 / 8 + 16), 0, 0, 0};
    if (!out.bytes) return NULL;
    out.bytes[out.length++] = 0x78;  // deflate, 32 KiB window
    out.bytes[out.length++] = 0x01;  // no dictionary, "fastest"; 0x7801 is a multiple of 31
    put_bits(&out, 1, 1);            // the last block
    put_bits(&out, 1, 2);            // fixed Huffman codes
    // The row above first: a repeated pixel row matches it whole.
    const size_t distances[3] = {stride, 1, stride * group};
    size_t position = 0;
    while (position < length) {
        const size_t limit = length - position < 258 ? length - position : 258;
        size_t best_length = 0, best_distance = 0;
        for (int candidate = 0; candidate < 3 && best_length < limit; candidate++) {
            const size_t distance = distances[candidate];
            if (distance == 0 || distance > position || distance > 32768) continue;
            // Most candidates fail at once; only a run of three or more is worth a match.
            if (limit < 3 || memcmp(rows + position, rows + position - distance, 3) != 0) continue;
            const size_t found = match_length(rows, position, distance, limit);
            if (found > best_length) {
                best_length = found;
                best_distance = distance;
            }
        }
        if (best_length >= 3) {
            put_match(&out, (int)best_length, (int)best_distance);
            position += best_length;
        } else {
            put_symbol(&out, rows[position]);
            position++;
        }
    }
    put_symbol(&out, 256);  // end of block
    flush_bits(&out);
    const uLong checksum = adler32(adler32(0, Z_NULL, 0), rows, (uInt)length);
    for (int shift = 24; shift >= 0; shift -= 8) out.bytes[out.length++] = (uint8_t)(checksum >> shift);
    *compressed_length = out.length;
    return out.bytes;
}
