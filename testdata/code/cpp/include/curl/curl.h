/* Test stub of libcurl's curl.h: the easy interface the fixtures call. */
#ifndef CURLINC_CURL_H
#define CURLINC_CURL_H

#ifdef __cplusplus
extern "C" {
#endif

typedef void CURL;
typedef enum { CURLE_OK = 0 } CURLcode;
typedef enum {
  CURLOPT_WRITEDATA = 10001,
  CURLOPT_URL = 10002,
  CURLOPT_POSTFIELDS = 10015,
  CURLOPT_FOLLOWLOCATION = 52,
  CURLOPT_WRITEFUNCTION = 20011
} CURLoption;

CURL* curl_easy_init(void);
CURLcode curl_easy_setopt(CURL* curl, CURLoption option, ...);
CURLcode curl_easy_perform(CURL* curl);
void curl_easy_cleanup(CURL* curl);
char* curl_easy_escape(CURL* curl, const char* string, int length);
void curl_free(void* p);

#ifdef __cplusplus
}
#endif

#endif
