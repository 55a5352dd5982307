#ifndef CDISTRICT_ZLIB_SHIM_H
#define CDISTRICT_ZLIB_SHIM_H
#include <zlib.h>
/* deflateInit2/inflateInit2 are function-like macros, invisible to Swift. */
static inline int cdistrict_deflate_init_gzip(z_stream *s, int level) {
    return deflateInit2(s, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
static inline int cdistrict_inflate_init_gzip(z_stream *s) { return inflateInit2(s, 15 + 16); }
/* Raw deflate (no header), as stored in ZIP entries. */
static inline int cdistrict_inflate_init_raw(z_stream *s) { return inflateInit2(s, -15); }
static inline int cdistrict_deflate_init_raw(z_stream *s, int level) {
    return deflateInit2(s, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}
#endif
