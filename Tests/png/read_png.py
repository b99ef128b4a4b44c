#!/usr/bin/env python3
"""Decodes a 1-bit grayscale PNG with Python's own zlib and prints its pixels, one line per row,
`#` for dark and `.` for light: an independent reader for the PNG writer's hand-made deflate
stream (Sources/CPNGWriter/bitmap_deflate.c).

    read_png.py FILE

Checks every chunk's CRC and the zlib stream's Adler-32 (zlib.decompress does); undoes the
filters the PNG specification defines (None, Sub, Up, Average, Paeth); exits 1 with a message on
anything it cannot read.
"""

import struct
import sys
import zlib


def fail(message):
    sys.exit(f"read_png.py: {message}")


def chunks(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("no PNG signature")
    position = 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length:position + 12 + length])
        if zlib.crc32(kind + body) != crc:
            fail(f"bad CRC on chunk {kind!r}")
        yield kind, body
        position += 12 + length


def paeth(left, up, up_left):
    estimate = left + up - up_left
    distances = (abs(estimate - left), abs(estimate - up), abs(estimate - up_left))
    return (left, up, up_left)[distances.index(min(distances))]


def main():
    data = open(sys.argv[1], "rb").read()
    header, image = None, b""
    for kind, body in chunks(data):
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            image += body
    if header is None:
        fail("no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 1 or colour != 0 or interlace != 0:
        fail(f"not 1-bit grayscale without interlace: depth {depth}, colour type {colour}")
    raw = zlib.decompress(image)
    stride = (width + 7) // 8
    if len(raw) != height * (stride + 1):
        fail(f"{len(raw)} bytes of image data, expected {height * (stride + 1)}")
    above = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - 1] if i > 0 else 0
            up_left = above[i - 1] if i > 0 else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + above[i]) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + above[i]) // 2) & 0xFF
            elif kind == 4:
                line[i] = (line[i] + paeth(left, above[i], up_left)) & 0xFF
            elif kind != 0:
                fail(f"unknown filter type {kind} on row {row}")
        print("".join("." if line[x >> 3] & (0x80 >> (x & 7)) else "#" for x in range(width)))
        above = line


if __name__ == "__main__":
    main()
