// The floor under a full build: what any tool that publishes these files must pay on this
// machine, with no store, no templates and no hashing.
//
// For each of N batches, on T threads (each claims every T-th batch), it encodes the batch's
// Digital Link URL as TracePress does (libqrencode, level M, its mask chosen by
// Sources/CQRMask/qr_mask.c: the same symbol as QRcode_encodeString's, three times sooner) and writes the six
// files of a sample batch folder, same names and bytes, into a fresh
// `01/<gtin>/10/<lot>/` folder (with `en/`) through a folder descriptor, as TracePress does.
// Mode `files` skips the QR codes, `qr` skips the files, `both` does both.
//
//   floor SAMPLE_BATCH_FOLDER OUT BATCHES THREADS both|files|qr
//
// Prints the wall seconds. Written in C, not Swift, so nothing but the kernel and libqrencode is
// measured.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <qrencode.h>
#include "qr_mask.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { file_count = 6, products = 100 };
static const char *const names[file_count] = {"index.html", "en/index.html", "qr.svg", "qr.png", "linkset.json", "data.json"};
static char *contents[file_count];
static size_t sizes[file_count];
static const char *root;
static int batches, threads, encodes_qr, writes_files;

static void fail(const char *what, const char *path) {
    fprintf(stderr, "floor: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static void read_sample(const char *folder) {
    char path[4096];
    for (int f = 0; f < file_count; f++) {
        snprintf(path, sizeof path, "%s/%s", folder, names[f]);
        FILE *file = fopen(path, "rb");
        if (!file) fail("cannot read", path);
        fseek(file, 0, SEEK_END);
        sizes[f] = (size_t)ftell(file);
        rewind(file);
        contents[f] = malloc(sizes[f] + 1);
        if (fread(contents[f], 1, sizes[f], file) != sizes[f]) fail("cannot read", path);
        fclose(file);
    }
}

static void make_folder(const char *path) {
    if (mkdir(path, 0755) != 0 && errno != EEXIST) fail("cannot create", path);
}

static void *render_share(void *first) {
    char path[4096], url[256];
    for (long batch = (long)first; batch < batches; batch += threads) {
        // GTIN-14 and lot shaped like the demo store's: the URL is as long, so the QR version is too.
        const long product = batch % products;
        if (encodes_qr) {
            snprintf(url, sizeof url, "https://trace.example.com/01/095212310%05ld/10/%06ldA%02ld", product, batch, batch % 97);
            QRcode *code = tp_qr_encode(url, QR_ECLEVEL_M);
            if (!code) fail("libqrencode failed on", url);
            QRcode_free(code);
        }
        if (!writes_files) continue;
        snprintf(path, sizeof path, "%s/01/095212310%05ld/10/%06ldA%02ld", root, product, batch, batch % 97);
        make_folder(path);
        const int folder = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (folder < 0) fail("cannot open", path);
        if (mkdirat(folder, "en", 0755) != 0) fail("cannot create en/ in", path);
        for (int f = 0; f < file_count; f++) {
            const int file = openat(folder, names[f], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
            if (file < 0 || write(file, contents[f], sizes[f]) != (ssize_t)sizes[f]) fail("cannot write", names[f]);
            close(file);
        }
        close(folder);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: floor SAMPLE_BATCH_FOLDER OUT BATCHES THREADS both|files|qr\n");
        return 2;
    }
    root = argv[2];
    batches = atoi(argv[3]);
    threads = atoi(argv[4]);
    encodes_qr = strcmp(argv[5], "files") != 0;
    writes_files = strcmp(argv[5], "qr") != 0;
    if (batches <= 0 || threads <= 0 || threads > 64) {
        fprintf(stderr, "floor: BATCHES and THREADS must be positive (THREADS at most 64)\n");
        return 2;
    }
    read_sample(argv[1]);
    // The product folders exist before the clock starts, as a site's product pages do.
    char path[4096];
    make_folder(root);
    snprintf(path, sizeof path, "%s/01", root);
    make_folder(path);
    for (int product = 0; product < products; product++) {
        snprintf(path, sizeof path, "%s/01/095212310%05d", root, product);
        make_folder(path);
        snprintf(path, sizeof path, "%s/01/095212310%05d/10", root, product);
        make_folder(path);
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pthread_t workers[64];
    for (long t = 0; t < threads; t++) pthread_create(&workers[t], NULL, render_share, (void *)t);
    for (int t = 0; t < threads; t++) pthread_join(workers[t], NULL);
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%.2f\n", (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9);
    return 0;
}
