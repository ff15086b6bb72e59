// libcurl multi driver: callbacks enforce the caps, options forbid redirects and proxies.
#include "scanner/mcp/http_transfers.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

namespace assay::mcp {
namespace {

constexpr size_t kMaxHeaderBytes = 64u << 10;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

struct Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::shared_ptr<HttpStream> stream;
  std::string body;
  char error[CURL_ERROR_SIZE] = {};
  size_t* total = nullptr;
  size_t total_cap = 0;
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t bytes = size * n;
  auto& s = *t->stream;
  if (s.received + bytes > s.cap) {
    s.error = "the response body exceeded " + std::to_string(s.cap) + " bytes";
    return 0;  // aborts the transfer
  }
  if (*t->total + bytes > t->total_cap) {
    s.error = "the server sent more than " + std::to_string(t->total_cap) + " bytes in this session";
    return 0;
  }
  s.received += bytes;
  *t->total += bytes;
  s.body.append(data, bytes);
  return bytes;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t bytes = size * n;
  auto& s = *t->stream;
  s.header_bytes += bytes;
  if (s.header_bytes > kMaxHeaderBytes) {
    s.error = "the response headers exceeded " + std::to_string(kMaxHeaderBytes) + " bytes";
    return 0;
  }
  std::string line(data, bytes);
  if (line.starts_with("HTTP/")) {  // a new response (after 100 Continue): forget the previous
    s.content_type.clear();
    s.session_id.clear();
    s.location.clear();
    return bytes;
  }
  if (trim(line).empty()) {
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &s.status);
    if (s.status >= 200) s.headers_done = true;
    return bytes;
  }
  auto colon = line.find(':');
  if (colon == std::string::npos) return bytes;
  std::string name = lower(trim(line.substr(0, colon)));
  std::string value = trim(line.substr(colon + 1));
  if (name == "content-type") s.content_type = lower(trim(value.substr(0, value.find(';'))));
  else if (name == "mcp-session-id") s.session_id = value;
  else if (name == "location") s.location = value;
  return bytes;
}

}  // namespace

struct HttpTransfers::Impl {
  CURLM* multi = nullptr;
  std::map<CURL*, std::unique_ptr<Transfer>> transfers;
  size_t total = 0;
  size_t total_cap = 0;
  std::chrono::milliseconds connect_timeout{5000};

  void remove(CURL* easy) {
    auto it = transfers.find(easy);
    if (it == transfers.end()) return;
    curl_multi_remove_handle(multi, easy);
    curl_easy_cleanup(easy);
    curl_slist_free_all(it->second->headers);
    transfers.erase(it);
  }

  void collect_finished() {
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(multi, &left)) {
      if (m->msg != CURLMSG_DONE) continue;
      auto it = transfers.find(m->easy_handle);
      if (it == transfers.end()) continue;
      auto& s = *it->second->stream;
      curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &s.status);
      s.headers_done = true;
      s.finished = true;
      if (m->data.result != CURLE_OK && s.error.empty()) {
        const char* detail = it->second->error[0] ? it->second->error : curl_easy_strerror(m->data.result);
        s.error = detail;
      }
      remove(m->easy_handle);
    }
  }
};

HttpTransfers::HttpTransfers(size_t total_cap, std::chrono::milliseconds connect_timeout) : impl_(std::make_unique<Impl>()) {
  global_init();
  impl_->multi = curl_multi_init();
  impl_->total_cap = total_cap;
  impl_->connect_timeout = connect_timeout;
}

HttpTransfers::~HttpTransfers() {
  while (!impl_->transfers.empty()) impl_->remove(impl_->transfers.begin()->first);
  curl_multi_cleanup(impl_->multi);
}

std::shared_ptr<HttpStream> HttpTransfers::start(const HttpRequest& request, size_t cap) {
  auto t = std::make_unique<Transfer>();
  t->stream = std::make_shared<HttpStream>();
  t->stream->cap = cap;
  t->body = request.body;
  t->total = &impl_->total;
  t->total_cap = impl_->total_cap;
  CURL* e = curl_easy_init();
  t->easy = e;
  curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  // Only the address the user named: no proxy from the environment, which would be another host.
  curl_easy_setopt(e, CURLOPT_PROXY, "");
  curl_easy_setopt(e, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(impl_->connect_timeout.count()));
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, nullptr);  // no decompression: caps count wire bytes
  curl_easy_setopt(e, CURLOPT_USERAGENT, "mcp-assay/" ASSAY_VERSION);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
  curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
  if (request.method == "POST") {
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->body.c_str());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(t->body.size()));
  } else if (request.method != "GET") {
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  t->headers = curl_slist_append(t->headers, "Expect:");  // no 100-continue round trip
  for (const auto& [k, v] : request.headers) t->headers = curl_slist_append(t->headers, (k + ": " + v).c_str());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
  auto stream = t->stream;
  impl_->transfers.emplace(e, std::move(t));
  curl_multi_add_handle(impl_->multi, e);
  return stream;
}

void HttpTransfers::stop(const std::shared_ptr<HttpStream>& stream) {
  for (auto& [easy, t] : impl_->transfers)
    if (t->stream == stream) {
      impl_->remove(easy);
      return;
    }
}

bool HttpTransfers::run_until(const std::function<bool()>& done, Clock::time_point deadline) {
  while (true) {
    if (done()) return true;
    auto now = Clock::now();
    if (now >= deadline) return false;
    int running = 0;
    curl_multi_perform(impl_->multi, &running);
    impl_->collect_finished();
    if (done()) return true;
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    wait = std::clamp<long long>(wait, 0, 100);
    int fds = 0;
    curl_multi_poll(impl_->multi, nullptr, 0, static_cast<int>(wait), &fds);
  }
}

size_t HttpTransfers::total_received() const { return impl_->total; }

bool valid_http_url(const std::string& url, std::string* why) {
  global_init();
  CURLU* u = curl_url();
  CURLUcode rc = curl_url_set(u, CURLUPART_URL, url.c_str(), 0);
  bool ok = rc == CURLUE_OK;
  if (!ok && why) *why = curl_url_strerror(rc);
  if (ok) {
    char* scheme = nullptr;
    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    std::string s = scheme ? lower(scheme) : "";
    curl_free(scheme);
    if (s != "http" && s != "https") {
      ok = false;
      if (why) *why = "only http and https URLs are supported, not " + s;
    }
  }
  curl_url_cleanup(u);
  return ok;
}

std::string resolve_url(const std::string& base, const std::string& reference) {
  global_init();
  CURLU* u = curl_url();
  std::string out;
  if (curl_url_set(u, CURLUPART_URL, base.c_str(), 0) == CURLUE_OK &&
      curl_url_set(u, CURLUPART_URL, reference.c_str(), 0) == CURLUE_OK) {
    char* full = nullptr;
    if (curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK && full) out = full;
    curl_free(full);
  }
  curl_url_cleanup(u);
  return out;
}

std::string url_origin(const std::string& url) {
  global_init();
  CURLU* u = curl_url();
  std::string out;
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    char *scheme = nullptr, *host = nullptr, *port = nullptr;
    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    curl_url_get(u, CURLUPART_HOST, &host, 0);
    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
    if (scheme && host) out = lower(scheme) + "://" + lower(host) + ":" + (port ? port : "");
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
  }
  curl_url_cleanup(u);
  return out;
}

}  // namespace assay::mcp
