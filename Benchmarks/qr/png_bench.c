// Times the QR PNG writer (Sources/CPNGWriter) on real symbols: Digital Link URLs shaped like the
// demo store's, encoded by libqrencode at level M, written at 8 pixels per module (the default)
// and any other scale asked for. Prints microseconds per image and the mean image size.
//
//   png_bench IMAGES [SCALE]
#include <qrencode.h>
#include "png_writer.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { kinds = 64 };

int main(int argc, char **argv) {
    if (argc < 2 || atoi(argv[1]) <= 0) {
        fprintf(stderr, "usage: png_bench IMAGES [SCALE]\n");
        return 2;
    }
    const int images = atoi(argv[1]), scale = argc > 2 ? atoi(argv[2]) : 8;
    QRcode *codes[kinds];
    uint8_t *modules[kinds];
    char url[256];
    for (int i = 0; i < kinds; i++) {
        snprintf(url, sizeof url, "https://trace.example.com/01/09521231000016/10/26%04dA%02d", i * 37, i % 97);
        codes[i] = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
        if (!codes[i]) return 1;
        const int width = codes[i]->width;
        modules[i] = malloc((size_t)(width * width));
        for (int j = 0; j < width * width; j++) modules[i][j] = codes[i]->data[j] & 1;  // bit 0: dark
    }
    struct timespec start, end;
    size_t bytes = 0;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < images; i++) {
        tp_png_buffer out;
        if (tp_png_encode_qr(modules[i % kinds], codes[i % kinds]->width, scale, 4, &out) != 0) return 1;
        bytes += out.length;
        tp_png_buffer_free(&out);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    const double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("%.2f us per PNG at scale %d, %.0f bytes on average\n", seconds / images * 1e6, scale, (double)bytes / images);
    return 0;
}
