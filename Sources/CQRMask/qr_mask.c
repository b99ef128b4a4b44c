// Choosing a QR symbol's mask by scoring the eight candidates as bit rows and bit columns.
//
// ISO/IEC 18004 picks the mask whose symbol scores the fewest penalty points (runs of five or
// more like modules, 2x2 blocks of one colour, finder-like 1:1:3:1:1 patterns, and the share of
// dark modules). libqrencode scores each mask module by module, a byte per module: 70 us of its
// 77 us per code on a version 4 symbol here (6.8 us with the mask given). This file scores the
// same rules as libqrencode applies them (its run and pattern rules, its integer rounding, its
// first-lowest tie rule) on 64-bit words: a row or a column of a symbol up to version 40 is at
// most three words. Tests compare every symbol against `QRcode_encodeString` byte for byte.
#define _GNU_SOURCE
#include "qr_mask.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WIDTH 177
#define WORDS 3

typedef uint64_t bits[WORDS];

// libqrencode's own functions, found at run time (see the header).
typedef int (*split_function)(const char *, QRinput *, QRencodeMode, int);
typedef QRcode *(*encode_mask_function)(QRinput *, int);
static split_function split_string;
static encode_mask_function encode_with_mask;
static pthread_once_t lookup_once = PTHREAD_ONCE_INIT;

static int mask_inverts(int mask, int x, int y);

// `mask_inverts(mask, x, y)` by y modulo 12 and x modulo 6, which is all it depends on.
static unsigned char inverts[8][12][6];

static void look_up_internals(void) {
    split_string = (split_function)dlsym(RTLD_DEFAULT, "Split_splitStringToQRinput");
    encode_with_mask = (encode_mask_function)dlsym(RTLD_DEFAULT, "QRcode_encodeMask");
    for (int mask = 0; mask < 8; mask++) {
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 6; x++) inverts[mask][y][x] = (unsigned char)mask_inverts(mask, x, y);
        }
    }
}

int tp_qr_fast_path_available(void) {
    pthread_once(&lookup_once, look_up_internals);
    return split_string != NULL && encode_with_mask != NULL;
}

QRcode *tp_qr_encode_reference(const char *text, QRecLevel level) {
    return QRcode_encodeString(text, 0, level, QR_MODE_8, 1);
}

// Whether mask `mask` inverts the data module at column x, row y (ISO/IEC 18004 table 10).
// Every condition depends on x modulo 6 and y modulo 12 only.
static int mask_inverts(int mask, int x, int y) {
    switch (mask) {
    case 0: return (x + y) % 2 == 0;
    case 1: return y % 2 == 0;
    case 2: return x % 3 == 0;
    case 3: return (x + y) % 3 == 0;
    case 4: return (y / 2 + x / 3) % 2 == 0;
    case 5: return (x * y) % 2 + (x * y) % 3 == 0;
    case 6: return ((x * y) % 2 + (x * y) % 3) % 2 == 0;
    default: return ((x * y) % 3 + (x + y) % 2) % 2 == 0;
    }
}

// The 15 format bits for a level and mask: BCH(15,5) with generator 0x537, XOR 0x5412.
static unsigned format_bits(QRecLevel level, int mask) {
    static const unsigned level_bits[4] = {1, 0, 3, 2};  // L, M, Q, H
    unsigned data = (level_bits[level] << 3) | (unsigned)mask;
    unsigned remainder = data << 10;
    for (int bit = 14; bit >= 10; bit--) {
        if (remainder & (1u << bit)) remainder ^= 0x537u << (bit - 10);
    }
    return ((data << 10) | remainder) ^ 0x5412u;
}

// Calls `place(x, y, bit)` for the two copies of each format bit, bit 0 first (figure 25).
#define FOR_EACH_FORMAT_MODULE(width, format, place)                               \
    for (int i = 0; i < 15; i++) {                                                 \
        int bit = ((format) >> i) & 1;                                             \
        if (i < 8) {                                                               \
            place((width) - 1 - i, 8, bit);                                        \
            place(8, i < 6 ? i : i + 1, bit);                                      \
        } else {                                                                   \
            place(8, (width) - 15 + i, bit);                                       \
            place(i == 8 ? 7 : 14 - i, 8, bit);                                    \
        }                                                                          \
    }

static inline void set_bit(uint64_t *word, int position, int value) {
    uint64_t one = (uint64_t)1 << (position & 63);
    if (value) word[position >> 6] |= one; else word[position >> 6] &= ~one;
}

static inline int get_bit(const uint64_t *word, int position) { return (int)((word[position >> 6] >> (position & 63)) & 1); }

// Penalty for runs of five or more, and for 1:1:3:1:1 dark-light patterns with four light
// units (or the line's end run) on a side, over one line of `width` modules. The runs alternate
// light, dark, light…; a line starting dark gets a light run of -1 in front, as libqrencode
// counts it, so dark runs are the odd ones.
static int line_penalty(const uint64_t *line, int width) {
    int runs[MAX_WIDTH + 2];
    int count = 0;
    if (get_bit(line, 0)) runs[count++] = -1;
    int start = 0;
    // Run boundaries: where a module differs from the one before it.
    for (int w = 0; w * 64 < width; w++) {
        uint64_t previous = (line[w] << 1) | (w > 0 ? line[w - 1] >> 63 : (line[0] & 1));
        uint64_t changes = line[w] ^ previous;
        if ((w + 1) * 64 > width) changes &= ((uint64_t)1 << (width - w * 64)) - 1;
        while (changes) {
            int position = w * 64 + __builtin_ctzll(changes);
            changes &= changes - 1;
            runs[count++] = position - start;
            start = position;
        }
    }
    runs[count++] = width - start;

    int penalty = 0;
    for (int i = 0; i < count; i++) {
        if (runs[i] >= 5) penalty += 3 + runs[i] - 5;
        // A dark run three units long between dark and light runs one unit long each.
        if ((i & 1) && i >= 3 && i + 2 < count && runs[i] % 3 == 0) {
            int unit = runs[i] / 3;
            if (runs[i - 2] == unit && runs[i - 1] == unit && runs[i + 1] == unit && runs[i + 2] == unit) {
                // libqrencode 4 takes the line's first and last runs as light enough, whatever
                // their length (they touch the quiet zone).
                int light_before = i == 3 || runs[i - 3] >= 4 * unit;
                int light_after = i + 4 >= count || runs[i + 3] >= 4 * unit;
                if (light_before || light_after) penalty += 40;
            }
        }
    }
    return penalty;
}

// The first position at or after `from` that is not in `same` (a line's dark or light
// modules), or `width` when the run reaches the end of the line.
static inline int run_end(uint64_t same, int from, int width) {
    uint64_t other = ~same >> from;
    if (other == 0) return width;
    int end = from + __builtin_ctzll(other);
    return end < width ? end : width;
}

// The first position of the run of `same` that holds `at`.
static inline int run_start(uint64_t same, int at) {
    uint64_t below = at == 63 ? ~(uint64_t)0 : ((uint64_t)1 << (at + 1)) - 1;
    uint64_t other = ~same & below;
    return other == 0 ? 0 : 64 - __builtin_clzll(other);
}

// `line_penalty` for a line of at most 64 modules (symbols up to version 11, which is every
// Digital Link URL of a sane length), without listing its runs: runs of five or more are
// counted with shifts, the 1:1:3:1:1 pattern at one module a unit with shifts too, and for
// longer units only dark runs of six or more are looked at, their neighbours measured with bit
// scans. Same rules, same points.
static int narrow_line_penalty(uint64_t dark, int width) {
    uint64_t valid = width == 64 ? ~(uint64_t)0 : ((uint64_t)1 << width) - 1;
    uint64_t light = ~dark & valid;
    int penalty = 0;
    // A run of length n >= 5 sets n - 4 bits of `five`, one of them where the run starts:
    // 3 + (n - 5) points = (n - 4) + 2.
    for (int colour = 0; colour < 2; colour++) {
        uint64_t same = colour ? dark : light;
        uint64_t five = same & (same >> 1) & (same >> 2) & (same >> 3) & (same >> 4);
        penalty += __builtin_popcountll(five) + 2 * __builtin_popcountll(five & ~(five << 1));
    }
    // The 1:1:3:1:1 pattern at one module a unit, which is nearly every one a symbol has, found
    // for every position at once: bit p is set where a dark run of exactly three starts at p,
    // with one light, one dark before it and one light, one dark after it, each exactly one long
    // (a module past either end of the line counts as light, not dark). Looping over every dark
    // run of three or more, as below, was the mask choice's largest cost.
    const uint64_t unit_one = dark & (dark >> 1) & (dark >> 2) & (light >> 3) & (light << 1) & (dark << 2) & ~(dark << 3) &
                              (dark >> 4) & ~(dark >> 5);
    // Four light modules before the pattern (or the line's start), or four after it (or its end).
    const uint64_t light_before = ~(dark << 3) & ~(dark << 4) & ~(dark << 5) & ~(dark << 6);
    const uint64_t light_after = ~(dark >> 5) & ~(dark >> 6) & ~(dark >> 7) & ~(dark >> 8);
    penalty += 40 * __builtin_popcountll(unit_one & (light_before | light_after));
    // Longer units: dark runs of six or more modules, by where they start.
    uint64_t starts = dark & (dark >> 1) & (dark >> 2) & (dark >> 3) & (dark >> 4) & (dark >> 5) & ~(dark << 1);
    while (starts) {
        int c0 = __builtin_ctzll(starts);
        starts &= starts - 1;
        int c1 = run_end(dark, c0, width);
        if ((c1 - c0) % 3 != 0 || c0 == 0 || c1 == width) continue;
        int unit = (c1 - c0) / 3;
        // Light, dark before the long run; light, dark after it; each one unit long.
        int b0 = run_start(light, c0 - 1);
        if (c0 - b0 != unit || b0 == 0) continue;
        int a0 = run_start(dark, b0 - 1);
        if (b0 - a0 != unit) continue;
        int d1 = run_end(light, c1, width);
        if (d1 - c1 != unit || d1 == width) continue;
        int e1 = run_end(dark, d1, width);
        if (e1 - d1 != unit) continue;
        // Light enough before: the line's first run, or four units; likewise after.
        int before_start = a0 == 0 ? 0 : run_start(light, a0 - 1);
        int after_end = e1 == width ? width : run_end(light, e1, width);
        if (before_start == 0 || a0 - before_start >= 4 * unit || after_end == width || after_end - e1 >= 4 * unit) {
            penalty += 40;
        }
    }
    return penalty;
}

// Penalty for 2x2 blocks of one colour between two neighbouring rows.
static int block_penalty(const uint64_t *above, const uint64_t *row, int width) {
    int blocks = 0;
    for (int w = 0; w * 64 < width; w++) {
        uint64_t above_left = (above[w] << 1) | (w > 0 ? above[w - 1] >> 63 : 0);
        uint64_t left = (row[w] << 1) | (w > 0 ? row[w - 1] >> 63 : 0);
        uint64_t dark = above[w] & row[w] & above_left & left;
        uint64_t light = ~(above[w] | row[w] | above_left | left);
        uint64_t valid = ~(uint64_t)0;
        if (w == 0) valid &= ~(uint64_t)1;  // a block needs a module to its left
        if ((w + 1) * 64 > width) valid &= ((uint64_t)1 << (width - w * 64)) - 1;
        blocks += __builtin_popcountll((dark | light) & valid);
    }
    return blocks * 3;
}

// The symbol with mask 0 undone, as rows and columns: data bits, which modules are data, and
// the function modules (format area light).
typedef struct {
    int width;
    bits data_rows[MAX_WIDTH], is_data_rows[MAX_WIDTH], fixed_rows[MAX_WIDTH];
    bits data_columns[MAX_WIDTH], is_data_columns[MAX_WIDTH], fixed_columns[MAX_WIDTH];
    // Which positions of a line mask m inverts: rows by y modulo 12, columns by x modulo 6.
    bits pattern_rows[8][12], pattern_columns[8][6];
} unmasked_symbol;

static void read_symbol(const QRcode *code, unmasked_symbol *symbol) {
    int width = code->width;
    memset(symbol, 0, sizeof *symbol);
    symbol->width = width;
    // Positions along a line by residue: x modulo 6 for rows, y modulo 12 for columns; each
    // mask's pattern is a union of them.
    bits by_x[6] = {{0}}, by_y[12] = {{0}};
    for (int along = 0; along < width; along++) {
        set_bit(by_x[along % 6], along, 1);
        set_bit(by_y[along % 12], along, 1);
    }
    for (int mask = 0; mask < 8; mask++) {
        for (int residue = 0; residue < 12; residue++) {
            for (int r = 0; r < 12; r++) {
                // A row at y = residue (mod 12) inverts the columns x = r (mod 6) the mask names…
                if (r < 6 && inverts[mask][residue][r]) {
                    for (int w = 0; w < WORDS; w++) symbol->pattern_rows[mask][residue][w] |= by_x[r][w];
                }
                // …and a column at x = residue (mod 6) the rows y = r (mod 12).
                if (residue < 6 && inverts[mask][r][residue]) {
                    for (int w = 0; w < WORDS; w++) symbol->pattern_columns[mask][residue][w] |= by_y[r][w];
                }
            }
        }
    }
    for (int y = 0; y < width; y++) {
        const unsigned char *row = code->data + y * width;
        for (int x = 0; x < width; x++) {
            unsigned char module = row[x];
            if (module & 0x80) {
                // Function module; the format area (0x04) reads as light, as before masking.
                if ((module & 1) && !(module & 0x04)) {
                    set_bit(symbol->fixed_rows[y], x, 1);
                    set_bit(symbol->fixed_columns[x], y, 1);
                }
            } else {
                set_bit(symbol->is_data_rows[y], x, 1);
                set_bit(symbol->is_data_columns[x], y, 1);
                if (module & 1) {
                    set_bit(symbol->data_rows[y], x, 1);
                    set_bit(symbol->data_columns[x], y, 1);
                }
            }
        }
    }
    // Undo mask 0, a word at a time.
    for (int i = 0; i < width; i++) {
        for (int w = 0; w < WORDS; w++) {
            symbol->data_rows[i][w] ^= symbol->pattern_rows[0][i % 12][w] & symbol->is_data_rows[i][w];
            symbol->data_columns[i][w] ^= symbol->pattern_columns[0][i % 6][w] & symbol->is_data_columns[i][w];
        }
    }
}

// libqrencode's score of the symbol under `mask`: lower is better.
static int score(const unmasked_symbol *symbol, int mask, QRecLevel level, bits *rows, bits *columns) {
    int width = symbol->width;
    int words = (width + 63) / 64;
    for (int i = 0; i < width; i++) {
        for (int w = 0; w < words; w++) {
            rows[i][w] = symbol->fixed_rows[i][w]
                | ((symbol->data_rows[i][w] ^ symbol->pattern_rows[mask][i % 12][w]) & symbol->is_data_rows[i][w]);
            columns[i][w] = symbol->fixed_columns[i][w]
                | ((symbol->data_columns[i][w] ^ symbol->pattern_columns[mask][i % 6][w]) & symbol->is_data_columns[i][w]);
        }
    }
    unsigned format = format_bits(level, mask);
#define PLACE(x, y, bit)                   \
    do {                                   \
        set_bit(rows[(y)], (x), (bit));    \
        set_bit(columns[(x)], (y), (bit)); \
    } while (0)
    FOR_EACH_FORMAT_MODULE(width, format, PLACE)
#undef PLACE

    int dark = 0;
    for (int i = 0; i < width; i++) {
        for (int w = 0; w < words; w++) dark += __builtin_popcountll(rows[i][w]);
    }
    // The share of dark modules, rounded to a whole percent; ten points per whole five
    // percent away from half.
    int area = width * width;
    int percent = (200 * dark + area) / area / 2;
    int penalty = abs(percent - 50) / 5 * 10;
    for (int i = 0; i < width; i++) {
        if (i > 0) penalty += block_penalty(rows[i - 1], rows[i], width);
        if (width <= 64) {
            penalty += narrow_line_penalty(rows[i][0], width) + narrow_line_penalty(columns[i][0], width);
        } else {
            penalty += line_penalty(rows[i], width) + line_penalty(columns[i], width);
        }
    }
    return penalty;
}

QRcode *tp_qr_encode(const char *text, QRecLevel level) {
    if (!tp_qr_fast_path_available()) return tp_qr_encode_reference(text, level);
    QRinput *input = QRinput_new2(0, level);
    if (input == NULL) return NULL;
    QRcode *code = split_string(text, input, QR_MODE_8, 1) < 0 ? NULL : encode_with_mask(input, 0);
    QRinput_free(input);
    if (code == NULL) return NULL;

    unmasked_symbol *symbol = malloc(sizeof *symbol + 2 * sizeof(bits) * MAX_WIDTH);
    if (symbol == NULL) {
        QRcode_free(code);
        return NULL;
    }
    bits *rows = (bits *)(symbol + 1);
    bits *columns = rows + MAX_WIDTH;
    read_symbol(code, symbol);
    int best = 0;
    int best_score = score(symbol, 0, level, rows, columns);
    for (int mask = 1; mask < 8; mask++) {
        int candidate = score(symbol, mask, level, rows, columns);
        if (candidate < best_score) {
            best_score = candidate;
            best = mask;
        }
    }

    // Switch the symbol from mask 0 to the best one: data modules, then both format copies.
    int width = code->width;
    if (best != 0) {
        for (int y = 0; y < width; y++) {
            unsigned char *row = code->data + y * width;
            for (int x = 0; x < width; x++) {
                uint64_t flip = symbol->pattern_rows[0][y % 12][x >> 6] ^ symbol->pattern_rows[best][y % 12][x >> 6];
                if (!(row[x] & 0x80)) row[x] ^= (unsigned char)((flip >> (x & 63)) & 1);
            }
        }
        unsigned format = format_bits(level, best);
#define PLACE(x, y, bit) (code->data[(y) * width + (x)] = (unsigned char)(0x84 | (bit)))
        FOR_EACH_FORMAT_MODULE(width, format, PLACE)
#undef PLACE
    }
    free(symbol);
    return code;
}
