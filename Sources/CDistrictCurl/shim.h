#ifndef CDISTRICT_CURL_SHIM_H
#define CDISTRICT_CURL_SHIM_H
#include <curl/curl.h>
/* curl_easy_setopt/getinfo are variadic: one typed wrapper per argument kind. */
static inline CURLcode cdistrict_curl_setopt_long(CURL *c, CURLoption o, long v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode cdistrict_curl_setopt_off(CURL *c, CURLoption o, curl_off_t v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode cdistrict_curl_setopt_str(CURL *c, CURLoption o, const char *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode cdistrict_curl_setopt_ptr(CURL *c, CURLoption o, void *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode cdistrict_curl_setopt_slist(CURL *c, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode cdistrict_curl_setopt_writefn(CURL *c, curl_write_callback f) { return curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, f); }
/* CURLOPT_HEADERFUNCTION takes the same callback shape as the write function. */
static inline CURLcode cdistrict_curl_setopt_headerfn(CURL *c, curl_write_callback f) { return curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, f); }
static inline CURLcode cdistrict_curl_getinfo_long(CURL *c, CURLINFO i, long *v) { return curl_easy_getinfo(c, i, v); }
#endif
