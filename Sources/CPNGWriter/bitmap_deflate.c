// A zlib stream (RFC 1950 around one DEFLATE block, RFC 1951) of a QR code's PNG image data,
// written straight from its modules.
//
// Why not zlib's deflate: on these rows (a QR code at 8 pixels per module is 13.8 KB of pixel
// rows, each repeated 8 times) zlib took 41 us per image at the settings used before, and 24-50
// us at every other level, strategy, window and memory level tried, with the stream reused or
// not; libdeflate 35 us at its fastest. A matcher of our own over the pixel rows, trying the
// three distances such rows repeat at, still took 21-24 us (`Benchmarks/qr/png.sh`): its choices
// follow the symbol's random-looking data, and mispredicted branches were most of its time.
//
// The shape of the data is known before a byte of it exists, so nothing is searched: each module
// row is its first pixel row as literals (PNG filter NONE), then a copy of the row above for each
// of its other `scale - 1` rows, and a module row the same as the one above is a copy from the
// start; copies from the same distance run on into one another. The literals are almost all
// 0x00 and 0xFF (at 8 pixels per module every byte is one module), so the block has Huffman
// codes of its own, made from the counts (RFC 1951 section 3.2.7): about a bit per module. The
// Adler-32 checksum follows the same shape: a repeated row adds its sums again without being
// read. At 8 pixels per module: 7.4 us and 435 bytes an image, against 23-24 us and 1,156 bytes
// (`Benchmarks/qr/png.sh`); 8.7 against 10.5-12.5 us at scale 3 and 16 against 35 at scale 11,
// where pixels split modules across bytes; only scale 1 (a 41-pixel image, nothing to print) is
// slower, 10 against 5 us: making its codes costs more than its data. Tests read every pixel
// back with Python's zlib (Tests/png/read_png.py) at scales that do and do not fill whole bytes.
#include "bitmap_deflate.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

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

/// Huffman codes are sent most significant bit first, the reverse of everything else. `length`
/// is 1 to 16.
static inline uint32_t reversed(uint32_t code, int length) {
    code = ((code >> 1) & 0x5555) | ((code & 0x5555) << 1);
    code = ((code >> 2) & 0x3333) | ((code & 0x3333) << 2);
    code = ((code >> 4) & 0x0F0F) | ((code & 0x0F0F) << 4);
    code = ((code >> 8) & 0x00FF) | ((code & 0x00FF) << 8);
    return code >> (16 - length);
}

enum { literal_symbols = 286, distance_symbols = 30, end_of_block = 256 };

static const uint16_t length_base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                         35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t length_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                         3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t distance_base[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129,
                                           193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
                                           6145, 8193, 12289, 16385, 24577};
static const uint8_t distance_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6,
                                           6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

/// The length code (0-28) of each copy length, made once.
static uint8_t length_codes[259];
static pthread_once_t length_codes_once = PTHREAD_ONCE_INIT;

static void make_length_codes(void) {
    for (int code = 0; code < 29; code++) {
        const int end = code == 28 ? 259 : length_base[code + 1];
        for (int length = length_base[code]; length < end; length++) length_codes[length] = (uint8_t)code;
    }
}

static int distance_code(size_t distance) {
    int code = 29;
    while (distance_base[code] > distance) code--;
    return code;
}

/// What the block says, before it is coded: literal bytes, and copies (a length and one
/// distance for the whole image: every copy here is from one pixel row back).
typedef struct {
    uint16_t *tokens;  // a byte, or 256 + a copy length (3-258)
    size_t count;
    uint32_t literal_counts[literal_symbols];
    // Bytes counted four ways by position, added to `literal_counts` at the end: a row is
    // mostly one or two byte values, and one counter bumped byte after byte waits on itself
    // (7.6 against 7.8 us an image, `Benchmarks/qr/png.sh`, three runs each).
    uint32_t byte_counts[4][256];
    size_t held_copy;  // a copy not yet split into tokens, so the next one can join it
} token_list;

/// A row's bytes as literals.
static inline void add_literals(token_list *restrict list, const uint8_t *restrict bytes, size_t count) {
    uint16_t *tokens = list->tokens + list->count;
    for (size_t i = 0; i < count; i++) {
        tokens[i] = bytes[i];
        list->byte_counts[i & 3][bytes[i]]++;
    }
    list->count += count;
}

/// Splits the held copy into tokens of at most 258 bytes, none shorter than 3.
static void flush_copy(token_list *list) {
    size_t length = list->held_copy;
    while (length > 0) {
        size_t part = length < 258 ? length : 258;
        if (length - part > 0 && length - part < 3) part = length - 3;
        list->tokens[list->count++] = (uint16_t)(256 + part);
        list->literal_counts[257 + length_codes[part]]++;
        length -= part;
    }
    list->held_copy = 0;
}

/// Moves `keys[node]` down the max-heap of the first `end` keys to where it belongs.
static inline void sift_down(uint64_t *keys, int node, int end) {
    for (int child; (child = 2 * node + 1) < end; node = child) {
        if (child + 1 < end && keys[child + 1] > keys[child]) child++;
        if (keys[node] >= keys[child]) break;
        const uint64_t swap = keys[node];
        keys[node] = keys[child], keys[child] = swap;
    }
}

/// Sorts `keys` ascending: a heapsort with the comparison inline (glibc's `qsort`, calling back
/// for every comparison, was a third of a small image's time).
static void sort_keys(uint64_t *keys, int count) {
    for (int start = count / 2 - 1; start >= 0; start--) sift_down(keys, start, count);
    for (int end = count - 1; end > 0; end--) {
        const uint64_t largest = keys[0];
        keys[0] = keys[end], keys[end] = largest;
        sift_down(keys, 0, end);
    }
}

/// Huffman code lengths for `counts` (RFC 1951's canonical codes are made from lengths alone),
/// none longer than `limit`. A used symbol alone gets one bit, as the format asks of a lone
/// distance code. Returns 0 when the lengths would pass the limit; the caller then uses the
/// fixed codes, which are always right.
///
/// Why by hand: zlib's tree builder is internal to its deflate. The leaves are sorted by count
/// and merged from two queues (leaves, and the nodes merged so far, which come out in order), so
/// an image whose pixels split modules across bytes, with a hundred or more byte values, costs
/// n log n and not the n² of scanning for the two smallest each time.
static int huffman_lengths(const uint32_t *counts, int symbols, int limit, uint8_t *lengths) {
    enum { most = literal_symbols };
    // A leaf as one sortable key: its count, then its symbol (counts are below 2^40, symbols
    // below 2^9), so equal counts keep symbol order and the code is the same on every run.
    uint64_t leaves[most];
    // Nodes 0..used-1 are the sorted leaves, then the merged nodes in the order they are made;
    // a node's parent is always made after it.
    uint32_t weight[2 * most];
    int parent[2 * most];
    uint8_t depth[2 * most];
    int used = 0;
    memset(lengths, 0, (size_t)symbols);
    for (int symbol = 0; symbol < symbols; symbol++) {
        if (counts[symbol] != 0) leaves[used++] = (uint64_t)counts[symbol] << 9 | (uint64_t)symbol;
    }
    if (used == 0) return 1;
    if (used == 1) {
        lengths[leaves[0] & 511] = 1;
        return 1;
    }
    sort_keys(leaves, used);
    for (int leaf = 0; leaf < used; leaf++) weight[leaf] = (uint32_t)(leaves[leaf] >> 9);
    int next_leaf = 0, next_merged = used, made = used;
    for (int merges = 0; merges < used - 1; merges++) {
        int pair[2];
        for (int i = 0; i < 2; i++) {
            // The lighter front of the two queues; a leaf on a tie.
            const int take_leaf = next_leaf < used && (next_merged == made || weight[next_leaf] <= weight[next_merged]);
            pair[i] = take_leaf ? next_leaf++ : next_merged++;
        }
        weight[made] = weight[pair[0]] + weight[pair[1]];
        parent[pair[0]] = parent[pair[1]] = made;
        made++;
    }
    const int root = made - 1;
    depth[root] = 0;
    for (int node = root - 1; node >= 0; node--) {
        const int node_depth = depth[parent[node]] + 1;
        if (node_depth > limit) return 0;
        depth[node] = (uint8_t)node_depth;
    }
    for (int leaf = 0; leaf < used; leaf++) lengths[leaves[leaf] & 511] = depth[leaf];
    return 1;
}

/// Canonical codes for `lengths` (RFC 1951 section 3.2.2), bit-reversed for sending.
static void canonical_codes(const uint8_t *lengths, int symbols, uint16_t *codes) {
    int length_count[16] = {0};
    for (int symbol = 0; symbol < symbols; symbol++) length_count[lengths[symbol]]++;
    length_count[0] = 0;
    int next[16] = {0};
    int code = 0;
    for (int bits = 1; bits < 16; bits++) {
        code = (code + length_count[bits - 1]) << 1;
        next[bits] = code;
    }
    for (int symbol = 0; symbol < symbols; symbol++) {
        const int length = lengths[symbol];
        codes[symbol] = length ? (uint16_t)reversed((uint32_t)next[length]++, length) : 0;
    }
}

/// The codes the block is written with: its own (`dynamic`), or the fixed ones.
typedef struct {
    uint16_t literal_codes[literal_symbols];
    uint8_t literal_lengths[literal_symbols];
    uint16_t distance_codes[distance_symbols];
    uint8_t distance_lengths[distance_symbols];
} block_codes;

static void fixed_codes(block_codes *codes) {
    // Made over all 288 symbols of the fixed code (286 and 287 are never sent, but their codes
    // come before the 9-bit ones).
    uint8_t lengths[288];
    uint16_t all_codes[288];
    for (int symbol = 0; symbol < 288; symbol++) lengths[symbol] = symbol < 144 ? 8 : symbol < 256 ? 9 : symbol < 280 ? 7 : 8;
    canonical_codes(lengths, 288, all_codes);
    memcpy(codes->literal_lengths, lengths, sizeof codes->literal_lengths);
    memcpy(codes->literal_codes, all_codes, sizeof codes->literal_codes);
    for (int symbol = 0; symbol < distance_symbols; symbol++) codes->distance_lengths[symbol] = 5;
    canonical_codes(codes->distance_lengths, distance_symbols, codes->distance_codes);
}

/// The block header of a block with codes of its own: the code lengths, run-length coded with
/// symbols 17 and 18 for zeros (section 3.2.7) under a code of their own. Returns 0 when that
/// code would need more than 7 bits, with nothing written.
static int put_dynamic_header(bit_writer *out, const block_codes *codes, int literal_count, int distance_count) {
    uint8_t sequence[literal_symbols + distance_symbols];
    memcpy(sequence, codes->literal_lengths, (size_t)literal_count);
    memcpy(sequence + literal_count, codes->distance_lengths, (size_t)distance_count);
    const int total = literal_count + distance_count;
    // Run-length coded: (symbol, extra bits) pairs.
    uint8_t symbols[literal_symbols + distance_symbols], extras[literal_symbols + distance_symbols];
    int coded = 0;
    uint32_t counts[19] = {0};
    for (int position = 0; position < total;) {
        int run = 1;
        while (position + run < total && run < 138 && sequence[position + run] == sequence[position]) run++;
        if (sequence[position] == 0 && run >= 3) {
            symbols[coded] = run >= 11 ? 18 : 17;
            extras[coded] = (uint8_t)(run >= 11 ? run - 11 : run - 3);
        } else {
            run = 1;
            symbols[coded] = sequence[position];
            extras[coded] = 0;
        }
        counts[symbols[coded]]++;
        coded++;
        position += run;
    }
    uint8_t lengths[19];
    if (!huffman_lengths(counts, 19, 7, lengths)) return 0;
    int used = 0;
    for (int symbol = 0; symbol < 19; symbol++) used += lengths[symbol] != 0;
    if (used < 2) return 0;  // zlib refuses a code-length code of one symbol
    uint16_t length_codes_for[19];
    canonical_codes(lengths, 19, length_codes_for);
    static const uint8_t order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    int order_count = 19;
    while (order_count > 4 && lengths[order[order_count - 1]] == 0) order_count--;

    put_bits(out, 1, 1);  // the last block
    put_bits(out, 2, 2);  // codes of its own
    put_bits(out, (uint32_t)(literal_count - 257), 5);
    put_bits(out, (uint32_t)(distance_count - 1), 5);
    put_bits(out, (uint32_t)(order_count - 4), 4);
    for (int i = 0; i < order_count; i++) put_bits(out, lengths[order[i]], 3);
    for (int i = 0; i < coded; i++) {
        put_bits(out, length_codes_for[symbols[i]], lengths[symbols[i]]);
        if (symbols[i] == 17) put_bits(out, extras[i], 3);
        else if (symbols[i] == 18) put_bits(out, extras[i], 7);
    }
    return 1;
}

/// Adler-32 (RFC 1950) of the image data, kept as two sums reduced after each row: a row is at
/// most 1,481 bytes (64 pixels per module, version 40), far below what 64-bit sums can add up
/// unreduced.
typedef struct {
    uint64_t a, b;
} adler_sums;

enum { adler_modulus = 65521 };

/// Adds a row of `count` bytes, `times` times over: `sum` is the row's plain sum and `weighted`
/// its sum weighted by place from the end (the first byte `count` times, the last once). That is
/// all a row adds to the sums, whatever came before it, so a module row's repeated pixel rows are
/// added at once without being read: after k rows `a` has grown by k·sum and `b` by
/// k·(count·a + weighted) + count·sum·k(k−1)/2.
static inline void adler_add_rows(adler_sums *sums, uint64_t sum, uint64_t weighted, uint64_t count, uint64_t times) {
    const uint64_t repeats = times * (times - 1) / 2 % adler_modulus;
    const uint64_t each_row = (count * sums->a + weighted) % adler_modulus;
    const uint64_t growth = count * (sum % adler_modulus) % adler_modulus * repeats;
    sums->b = (sums->b + times * each_row + growth) % adler_modulus;
    sums->a = (sums->a + times * sum) % adler_modulus;
}

/// Sets `row` to one pixel row of module row `module_row` (1-bit, a set bit light), quiet zone
/// included.
static void pixel_row(uint8_t *row, size_t row_bytes, const uint8_t *modules, int width, int scale, int quiet_zone,
                      int module_row) {
    memset(row, 0xFF, row_bytes);
    const int qr_row = module_row - quiet_zone;
    if (qr_row < 0 || qr_row >= width) return;
    const uint8_t *line = modules + (size_t)qr_row * (size_t)width;
    if (scale == 8) {
        // The default: a byte per module, 0x00 dark and 0xFF light, with no branch on the data.
        uint8_t *module = row + quiet_zone;
        for (int qr_col = 0; qr_col < width; qr_col++) module[qr_col] = (uint8_t)((line[qr_col] != 0) - 1);
        return;
    }
    if (scale < 8) {
        // A module within a byte or across two: each pixel's bit cleared when the module is dark,
        // with no branch on the data.
        int pixel = quiet_zone * scale;
        for (int qr_col = 0; qr_col < width; qr_col++) {
            const uint8_t dark = (uint8_t)-(line[qr_col] != 0);
            for (int k = 0; k < scale; k++, pixel++) row[pixel >> 3] &= (uint8_t)~((0x80 >> (pixel & 7)) & dark);
        }
        return;
    }
    for (int qr_col = 0; qr_col < width; qr_col++) {
        if (!line[qr_col]) continue;
        // Clears `scale` pixels: the partial bytes bit by bit, whole bytes at once.
        int pixel = (qr_col + quiet_zone) * scale;
        const int end = pixel + scale;
        for (; pixel < end && (pixel & 7) != 0; pixel++) row[pixel >> 3] &= (uint8_t)~(0x80 >> (pixel & 7));
        if (end - pixel >= 8) {
            memset(row + (pixel >> 3), 0, (size_t)((end - pixel) >> 3));
            pixel += (end - pixel) & ~7;
        }
        for (; pixel < end; pixel++) row[pixel >> 3] &= (uint8_t)~(0x80 >> (pixel & 7));
    }
}

uint8_t *tp_deflate_qr_rows(const uint8_t *modules, int width, int scale, int quiet_zone, size_t *compressed_length) {
    pthread_once(&length_codes_once, make_length_codes);
    const int side_modules = width + 2 * quiet_zone;
    const size_t row_bytes = ((size_t)side_modules * (size_t)scale + 7) / 8;
    const size_t stride = row_bytes + 1;  // the filter byte, then the pixels
    const size_t module_length = (size_t)scale * stride;
    // Copies come from one row back; a narrower row than 3 bytes (no QR code is that narrow)
    // is written as literals throughout.
    const int copies = stride >= 3 && stride <= 32768;

    // Tokens: per module row at most its first row as literals and its copies.
    const size_t most_tokens = (size_t)side_modules * (module_length / 3 + stride + 2) + 2;
    token_list *list = calloc(1, sizeof *list);
    block_codes *codes = malloc(sizeof *codes);
    uint8_t *row = malloc(stride), *above = malloc(stride);
    uint16_t *tokens = malloc(most_tokens * sizeof *tokens);
    // At most 48 bits a token (a copy: 15 + 5 + 15 + 13), and the header.
    bit_writer out = {malloc(most_tokens * 6 + 1024), 0, 0, 0};
    if (!list || !codes || !row || !above || !tokens || !out.bytes) {
        free(list), free(codes), free(row), free(above), free(tokens), free(out.bytes);
        return NULL;
    }
    list->tokens = tokens;

    adler_sums sums = {1, 0};
    row[0] = 0;  // filter NONE
    for (int module_row = 0; module_row < side_modules; module_row++) {
        pixel_row(row + 1, row_bytes, modules, width, scale, quiet_zone, module_row);
        const int repeats_above = module_row > 0 && memcmp(row, above, stride) == 0;
        // 32 bits suffice: at most 1,481 bytes of 255, weighted by at most 1,481.
        uint32_t sum = 0, weighted = 0;
        for (size_t i = 0; i < stride; i++) {
            sum += row[i];
            weighted += (uint32_t)(stride - i) * row[i];
        }
        adler_add_rows(&sums, sum, weighted, stride, (uint64_t)scale);
        if (copies && repeats_above) {
            list->held_copy += module_length;  // the row above, `scale` more times
            continue;
        }
        if (list->held_copy) flush_copy(list);
        add_literals(list, row, stride);
        for (int repeat = 1; repeat < scale; repeat++) {
            if (copies) {
                list->held_copy += stride;
            } else {
                add_literals(list, row, stride);
            }
        }
        memcpy(above, row, stride);
    }
    if (list->held_copy) flush_copy(list);
    list->tokens[list->count++] = end_of_block;
    list->literal_counts[end_of_block]++;
    for (int byte = 0; byte < 256; byte++) {
        const uint32_t(*ways)[256] = list->byte_counts;
        list->literal_counts[byte] = ways[0][byte] + ways[1][byte] + ways[2][byte] + ways[3][byte];
    }

    out.bytes[out.length++] = 0x78;  // deflate, 32 KiB window
    out.bytes[out.length++] = 0x01;  // no dictionary, "fastest"; 0x7801 is a multiple of 31
    // Every copy is from `stride` back: one distance code, or none.
    const int distance = copies ? distance_code(stride) : 0;
    uint32_t distance_counts[distance_symbols] = {0};
    distance_counts[distance] = 1;
    int literal_count = literal_symbols;
    while (literal_count > 257 && list->literal_counts[literal_count - 1] == 0) literal_count--;
    const int distance_count = distance + 1;
    int own_codes = huffman_lengths(list->literal_counts, literal_symbols, 15, codes->literal_lengths) &&
                    huffman_lengths(distance_counts, distance_symbols, 15, codes->distance_lengths);
    if (own_codes) {
        canonical_codes(codes->literal_lengths, literal_symbols, codes->literal_codes);
        canonical_codes(codes->distance_lengths, distance_symbols, codes->distance_codes);
        own_codes = put_dynamic_header(&out, codes, literal_count, distance_count);
    }
    if (!own_codes) {
        fixed_codes(codes);
        put_bits(&out, 1, 1);  // the last block
        put_bits(&out, 1, 2);  // fixed codes
    }
    const uint32_t distance_bits = codes->distance_codes[distance];
    const int distance_length = codes->distance_lengths[distance];
    const uint32_t distance_offset = (uint32_t)(stride - distance_base[distance]);
    for (size_t i = 0; i < list->count; i++) {
        const unsigned token = list->tokens[i];
        if (token <= end_of_block) {
            put_bits(&out, codes->literal_codes[token], codes->literal_lengths[token]);
            continue;
        }
        const unsigned length = token - 256;
        const int code = length_codes[length];
        put_bits(&out, codes->literal_codes[257 + code], codes->literal_lengths[257 + code]);
        put_bits(&out, length - length_base[code], length_extra[code]);
        put_bits(&out, distance_bits, distance_length);
        put_bits(&out, distance_offset, distance_extra[distance]);
    }
    flush_bits(&out);
    const uint32_t checksum = (uint32_t)(sums.b << 16 | sums.a);
    for (int shift = 24; shift >= 0; shift -= 8) out.bytes[out.length++] = (uint8_t)(checksum >> shift);
    free(list), free(codes), free(row), free(above), free(tokens);
    *compressed_length = out.length;
    return out.bytes;
}
