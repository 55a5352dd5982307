#ifndef CDISTRICT_DEFLATE_SHIM_H
#define CDISTRICT_DEFLATE_SHIM_H
/* libdeflate: whole-buffer gzip, about twice zlib's speed at the same levels (Sources/GzipCodec). */
#include <libdeflate.h>
#endif
