// libqrencode's own mask choice against Sources/CQRMask's, on the same texts: microseconds per
// code for each, and whether every symbol is the same byte for byte.
//
//   Benchmarks/qr/run.sh [CODES]
//
// The Digital Link URLs are shaped like the demo store's (same length, so the same QR version);
// then random printable texts of 1 to 1,500 bytes at all four levels check that the symbols agree
// (segmentation, versions up to 40, every mask). Exit status 1 if any symbol differs.
#include "qr_mask.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

static void url_for(long batch, char *url, size_t size) {
    snprintf(url, size, "https://trace.example.com/01/095212310%05ld/10/%06ldA%02ld", batch % 7, batch, batch % 97);
}

int main(int argc, char **argv) {
    long codes = argc > 1 ? atol(argv[1]) : 20000;
    if (!tp_qr_fast_path_available()) {
        fprintf(stderr, "this libqrencode hides QRcode_encodeMask or Split_splitStringToQRinput: no fast path\n");
        return 1;
    }
    char url[128];
    double timings[2];
    for (int method = 0; method < 2; method++) {
        double start = seconds();
        for (long batch = 0; batch < codes; batch++) {
            url_for(batch, url, sizeof url);
            QRcode *code = method == 0 ? tp_qr_encode_reference(url, QR_ECLEVEL_M) : tp_qr_encode(url, QR_ECLEVEL_M);
            if (!code) return 1;
            QRcode_free(code);
        }
        timings[method] = (seconds() - start) / (double)codes * 1e6;
    }
    printf("Digital Link URLs at level M: libqrencode %.1f us per code, CQRMask %.1f us (%.1fx)\n",
           timings[0], timings[1], timings[0] / timings[1]);

    char text[1501];
    unsigned state = 2026;
    long compared = 0, differ = 0;
    for (long i = 0; i < codes; i++) {
        state = state * 1103515245u + 12345u;
        int length = 1 + (int)((state >> 8) % (i % 10 == 0 ? 1500 : 120));
        for (int p = 0; p < length; p++) {
            state = state * 1103515245u + 12345u;
            text[p] = (char)(33 + (state >> 16) % 94);
        }
        text[length] = 0;
        QRecLevel level = (QRecLevel)(i % 4);
        QRcode *reference = tp_qr_encode_reference(text, level), *fast = tp_qr_encode(text, level);
        if (reference && fast) {
            compared++;
            if (reference->width != fast->width || memcmp(reference->data, fast->data, (size_t)(reference->width * reference->width))) {
                differ++;
                if (differ <= 3) fprintf(stderr, "differs: level %d, %d bytes: %s\n", (int)level, length, text);
            }
        } else if (reference != fast) {
            differ++;
        }
        QRcode_free(reference);
        QRcode_free(fast);
    }
    printf("random texts, all levels: %ld symbols compared, %ld differ\n", compared, differ);
    return differ ? 1 : 0;
}
