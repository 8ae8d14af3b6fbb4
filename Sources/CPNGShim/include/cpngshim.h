// Our own thin layer over libpng: libpng reports errors by longjmp, which Swift cannot
// catch, so every call that may fail runs here under setjmp and returns a message instead.
#ifndef CPNGSHIM_H
#define CPNGSHIM_H
#include <stddef.h>
#include <stdint.h>

/// Encodes straight (non-premultiplied) RGBA rows into a PNG held in memory.
/// keys/values: `count` UTF-8 text chunks (tEXt when Latin-1-safe ASCII, iTXt otherwise).
/// dpi > 0 adds a pHYs chunk. On success returns 0 and *out/*out_len own a malloc'd buffer
/// (release with wb_png_free); on failure returns -1 and writes a message into err.
int wb_png_encode(const uint8_t *rgba, int width, int height,
                  const char *const *keys, const char *const *values, int count,
                  double dpi, uint8_t **out, size_t *out_len,
                  char *err, size_t err_len);

/// Decodes a PNG file into 8-bit straight RGBA (any color type is expanded).
/// On success returns 0, *pixels is a malloc'd width*height*4 buffer, and the text
/// chunks are returned as a malloc'd block of `*text_count` key\0value\0 pairs.
int wb_png_decode_file(const char *path, int *width, int *height, uint8_t **pixels,
                       char **text_block, size_t *text_block_len, int *text_count,
                       char *err, size_t err_len);

void wb_png_free(void *p);
#endif
