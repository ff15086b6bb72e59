// Cost of canary recognition (CanarySet::find_in over 16 KiB captures, all encodings, all 33
// canaries) as ratios against two references measured in the same run: one pass that only
// reads the bytes (std::count of a byte), and the naive search (std::string::find per needle).
#include "sandbox/decoy/canary_needles.h"
#include "sandbox/decoy/canary_set.h"
#include "sandbox/decoy/random_text.h"
#include "sandbox/decoy/text_encodings.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace assay::sandbox;
using Clock = std::chrono::steady_clock;

double median_seconds(const std::function<void()>& run, int repeats = 7) {
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    auto start = Clock::now();
    run();
    times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main() {
  const CanarySet canaries = CanarySet::generate();
  // 256 captures of 16 KiB: base64-looking text with line breaks (the unwrap path runs too),
  // no canary in them (the common case: every byte is scanned to the end).
  std::vector<std::string> captures;
  for (int i = 0; i < 256; ++i) {
    std::string text = random_string(kBase64Chars, 16384);
    for (std::size_t at = 76; at < text.size(); at += 77) text[at] = '\n';
    captures.push_back(std::move(text));
  }
  const double megabytes = 256 * 16384 / 1e6;

  std::vector<std::string> needles;
  for (const Canary& c : canaries.all()) {
    needles.push_back(c.value);
    for (bool url : {false, true})
      for (auto& f : base64_fragments(c.value, url)) needles.push_back(f);
    needles.push_back(hex_encode(c.value));
    needles.push_back(hex_encode(c.value, true));
  }

  std::size_t sink = 0;
  const double read_once = median_seconds([&] {
    for (const auto& t : captures) sink += std::count(t.begin(), t.end(), '\n');
  });
  const double indexed = median_seconds([&] {
    for (const auto& t : captures) sink += canaries.find_in(t).size();
  });
  const double naive = median_seconds([&] {
    for (const auto& t : captures)
      for (const auto& n : needles) sink += t.find(n) != std::string::npos;
  });

  std::printf("captures: 256 x 16 KiB (%.1f MB), %zu canaries, %zu needles\n", megabytes, canaries.all().size(),
              needles.size());
  std::printf("read once (std::count):   %8.1f MB/s\n", megabytes / read_once);
  std::printf("CanarySet::find_in:       %8.1f MB/s\n", megabytes / indexed);
  std::printf("naive find per needle:    %8.1f MB/s\n", megabytes / naive);
  std::printf("ratio find_in/read-once time: %.1f\n", indexed / read_once);
  std::printf("ratio naive/find_in time:     %.1f\n", naive / indexed);
  return sink == 0xffffffff;  // keeps the work observable
}
