#ifndef TRACEPRESS_QR_MASK_H
#define TRACEPRESS_QR_MASK_H

#include <qrencode.h>

/// Encodes `text` exactly as `QRcode_encodeString(text, 0, level, QR_MODE_8, 1)` does, the same
/// symbol byte for byte, but chooses the mask with a bit-parallel scorer instead of libqrencode's
/// per-module one: nine tenths of libqrencode's time per code is its mask choice.
///
/// libqrencode encodes the symbol (segments, Reed-Solomon, placement) through two functions it
/// exports but does not declare (`Split_splitStringToQRinput`, `QRcode_encodeMask`), looked up
/// at run time; where a build of libqrencode hides them, this is `QRcode_encodeString` itself.
/// Returns NULL as `QRcode_encodeString` does (text too long); free the code with `QRcode_free`.
QRcode *tp_qr_encode(const char *text, QRecLevel level);

/// Whether `tp_qr_encode` takes the fast path in this process (tests check both paths agree).
int tp_qr_fast_path_available(void);

/// `tp_qr_encode` without the fast path: `QRcode_encodeString` (the reference tests compare against).
QRcode *tp_qr_encode_reference(const char *text, QRecLevel level);

#endif
