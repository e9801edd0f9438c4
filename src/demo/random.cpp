#include "demo/random.h"

namespace attune::demo {

namespace {

uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// FNV-1a: a stable number for a stream's name.
uint64_t NameHash(std::string_view name) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

DemoRandom::DemoRandom(unsigned long long seed, std::string_view stream, int school)
    : state_(Mix(Mix(seed) ^ NameHash(stream)) ^ Mix(static_cast<uint64_t>(school) + 1)) {}

uint64_t DemoRandom::Next() {
  state_ += 0x9e3779b97f4a7c15ULL;
  return Mix(state_);
}

uint64_t DemoRandom::Below(uint64_t n) {
  // Lemire's multiply-shift: unbiased enough for demo data, and portable.
  return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
}

int DemoRandom::Between(int low, int high) {
  return low + static_cast<int>(Below(static_cast<uint64_t>(high - low) + 1));
}

bool DemoRandom::Chance(double p) {
  // 53 random bits as a double in [0, 1): exact in IEEE arithmetic everywhere.
  return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p;
}

size_t DemoRandom::Weighted(const std::vector<int>& weights) {
  uint64_t total = 0;
  for (int w : weights) total += w > 0 ? w : 0;
  uint64_t r = Below(total);
  for (size_t i = 0; i < weights.size(); ++i) {
    uint64_t w = weights[i] > 0 ? weights[i] : 0;
    if (r < w) return i;
    r -= w;
  }
  return weights.size() - 1;
}

}  // namespace attune::demo
