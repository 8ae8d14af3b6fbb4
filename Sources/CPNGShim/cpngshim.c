#include "cpngshim.h"
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// libpng's error callback: keep the message, then jump back to the setjmp in the caller.
typedef struct {
    char *err;
    size_t err_len;
} wb_err_ctx;

static void wb_error_fn(png_structp png, png_const_charp msg) {
    wb_err_ctx *ctx = (wb_err_ctx *)png_get_error_ptr(png);
    if (ctx && ctx->err && ctx->err_len) snprintf(ctx->err, ctx->err_len, "libpng: %s", msg);
    png_longjmp(png, 1);
}

// Warnings (e.g. a benign CRC note) are not failures; dropping them keeps stderr clean.
static void wb_warning_fn(png_structp png, png_const_charp msg) { (void)png; (void)msg; }

typedef struct {
    uint8_t *data;
    size_t len, cap;
    int failed;
} wb_buffer;

static void wb_write_fn(png_structp png, png_bytep bytes, png_size_t n) {
    wb_buffer *b = (wb_buffer *)png_get_io_ptr(png);
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->len + n) cap *= 2;
        uint8_t *grown = realloc(b->data, cap);
        if (!grown) { b->failed = 1; png_error(png, "out of memory while encoding"); }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
}

static void wb_flush_fn(png_structp png) { (void)png; }

static int wb_is_ascii(const char *s) {
    for (; *s; s++) if ((unsigned char)*s > 126) return 0;
    return 1;
}

int wb_png_encode(const uint8_t *rgba, int width, int height,
                  const char *const *keys, const char *const *values, int count,
                  double dpi, uint8_t **out, size_t *out_len,
                  char *err, size_t err_len) {
    wb_err_ctx ctx = {err, err_len};
    wb_buffer buf = {0};
    // Pointers assigned after setjmp and freed on the error path must be volatile, or
    // their values after longjmp are indeterminate.
    png_textp volatile texts = NULL;
    png_bytep *volatile rows = NULL;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, wb_error_fn, wb_warning_fn);
    if (!png) { snprintf(err, err_len, "libpng: cannot create write struct"); return -1; }
    png_infop info = png_create_info_struct(png);
    if (!info) { png_destroy_write_struct(&png, NULL); snprintf(err, err_len, "libpng: cannot create info struct"); return -1; }
    // buf lives in memory (its address is handed to libpng), so it survives the longjmp.
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(texts); free(rows); free(buf.data);
        return -1;
    }
    png_set_write_fn(png, &buf, wb_write_fn, wb_flush_fn);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB_ALPHA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (dpi > 0) {
        png_uint_32 ppm = (png_uint_32)(dpi / 0.0254 + 0.5);
        png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    }
    if (count > 0) {
        texts = calloc((size_t)count, sizeof(png_text));
        if (!texts) png_error(png, "out of memory for text chunks");
        for (int i = 0; i < count; i++) {
            texts[i].key = (png_charp)keys[i];
            texts[i].text = (png_charp)values[i];
            // tEXt is Latin-1 only; anything beyond ASCII goes to an iTXt chunk (UTF-8),
            // whose length libpng reads from itxt_length rather than text_length.
            if (wb_is_ascii(values[i])) {
                texts[i].compression = PNG_TEXT_COMPRESSION_NONE;
                texts[i].text_length = strlen(values[i]);
            } else {
                texts[i].compression = PNG_ITXT_COMPRESSION_NONE;
                texts[i].itxt_length = strlen(values[i]);
            }
        }
        png_set_text(png, info, texts, count);
    }
    rows = malloc(sizeof(png_bytep) * (size_t)height);
    if (!rows) png_error(png, "out of memory for row pointers");
    for (int y = 0; y < height; y++) rows[y] = (png_bytep)(rgba + (size_t)y * (size_t)width * 4);
    png_set_rows(png, info, rows);
    png_write_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
    png_destroy_write_struct(&png, &info);
    free(texts); free(rows);
    *out = buf.data;
    *out_len = buf.len;
    return 0;
}

int wb_png_decode_file(const char *path, int *width, int *height, uint8_t **pixels,
                       char **text_block, size_t *text_block_len, int *text_count,
                       char *err, size_t err_len) {
    wb_err_ctx ctx = {err, err_len};
    uint8_t *volatile data = NULL;
    png_bytep *volatile rows = NULL;
    char *volatile block = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp) { snprintf(err, err_len, "cannot open for reading"); return -1; }
    png_byte sig[8];
    if (fread(sig, 1, 8, fp) != 8 || png_sig_cmp(sig, 0, 8)) {
        fclose(fp); snprintf(err, err_len, "not a PNG file (bad signature)"); return -1;
    }
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx, wb_error_fn, wb_warning_fn);
    if (!png) { fclose(fp); snprintf(err, err_len, "libpng: cannot create read struct"); return -1; }
    png_infop info = png_create_info_struct(png);
    if (!info) { png_destroy_read_struct(&png, NULL, NULL); fclose(fp); snprintf(err, err_len, "libpng: cannot create info struct"); return -1; }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        fclose(fp); free(data); free(rows); free(block);
        return -1;
    }
    png_init_io(png, fp);
    png_set_sig_bytes(png, 8);
    png_read_info(png, info);
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    int color = png_get_color_type(png, info), depth = png_get_bit_depth(png, info);
    // Normalize every PNG flavour to 8-bit RGBA so callers see one layout.
    if (depth == 16) png_set_strip_16(png);
    if (color == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (color == PNG_COLOR_TYPE_GRAY || color == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    if (!(color & PNG_COLOR_MASK_ALPHA) && !png_get_valid(png, info, PNG_INFO_tRNS)) png_set_filler(png, 0xFF, PNG_FILLER_AFTER);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    data = malloc((size_t)w * h * 4);
    rows = malloc(sizeof(png_bytep) * h);
    if (!data || !rows) png_error(png, "out of memory for pixels");
    for (png_uint_32 y = 0; y < h; y++) rows[y] = data + (size_t)y * w * 4;
    png_read_image(png, rows);
    png_read_end(png, info);

    png_textp texts = NULL;
    int n = png_get_text(png, info, &texts, NULL);
    size_t total = 0;
    // Values are NUL-terminated for every chunk kind; strlen avoids the tEXt/iTXt length split.
    for (int i = 0; i < n; i++) total += strlen(texts[i].key) + 1 + strlen(texts[i].text) + 1;
    block = malloc(total ? total : 1);
    if (!block) png_error(png, "out of memory for text");
    size_t off = 0;
    for (int i = 0; i < n; i++) {
        size_t kl = strlen(texts[i].key);
        memcpy(block + off, texts[i].key, kl + 1); off += kl + 1;
        size_t vl = strlen(texts[i].text);
        memcpy(block + off, texts[i].text, vl); off += vl;
        block[off++] = 0;
    }
    png_destroy_read_struct(&png, &info, NULL);
    fclose(fp); free(rows);
    *width = (int)w; *height = (int)h; *pixels = data;
    *text_block = block; *text_block_len = total; *text_count = n;
    return 0;
}

void wb_png_free(void *p) { free(p); }
