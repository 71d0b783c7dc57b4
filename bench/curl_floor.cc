// The HTTP half of a GetMessage alone: what libcurl costs to fetch one URL
// again and again on one kept-alive connection, from one thread, with no
// gRPC, no JSON and no thread hand-off. bench/static_upstream.py runs it
// against the nginx of the static-upstream scenario, next to the bare gRPC
// servers, so the per-call targets can be set against what the stack's two
// libraries cost by themselves. It drives the transfers through a multi
// handle and curl_multi_poll, as kapso_client's event loop does, and
// collects the headers and body through callbacks that append, as it does.
//
//   curl_floor URL [SECONDS]
// Prints {"requests": N, "cpu_us_per_request": X, "requests_per_s": Y}.
#include <curl/curl.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

size_t Append(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// One GET on `easy` through `multi`; false when it did not end in a 200.
bool FetchOnce(CURLM* multi, CURL* easy, std::string& headers, std::string& body) {
  headers.clear();
  body.clear();
  curl_multi_add_handle(multi, easy);
  int running = 1;
  while (running > 0) {
    curl_multi_perform(multi, &running);
    if (running > 0) curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
  }
  int left = 0;
  CURLMsg* message = curl_multi_info_read(multi, &left);
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  curl_multi_remove_handle(multi, easy);
  return message != nullptr && message->data.result == CURLE_OK && status == 200;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s URL [SECONDS]\n", argv[0]);
    return 2;
  }
  const double seconds = argc > 2 ? std::atof(argv[2]) : 3;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURLM* multi = curl_multi_init();
  CURL* easy = curl_easy_init();
  std::string headers, body;
  curl_easy_setopt(easy, CURLOPT_URL, argv[1]);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, Append);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &headers);
  if (!FetchOnce(multi, easy, headers, body)) return 1;  // connects; not counted
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = CpuSeconds();
  long requests = 0;
  std::chrono::duration<double> elapsed{};
  while (elapsed.count() < seconds) {
    if (!FetchOnce(multi, easy, headers, body)) return 1;
    ++requests;
    elapsed = std::chrono::steady_clock::now() - start;
  }
  const double cpu = CpuSeconds() - cpu_start;
  std::printf("{\"requests\": %ld, \"cpu_us_per_request\": %.1f, \"requests_per_s\": %.0f}\n",
              requests, cpu * 1e6 / requests, requests / elapsed.count());
  curl_easy_cleanup(easy);
  curl_multi_cleanup(multi);
  return 0;
}
